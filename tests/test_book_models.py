"""The book's networks: their shape tables, blocks, from-scratch batch norm, specs and registry.

The shape tables below are written out by hand from the book's architectures (zh.d2l.ai 6.6 and
chapter 7), not computed by running the models, so a wrong kernel, stride or channel count fails.
They run on the meta device: torch's own shape rules without the arithmetic, which keeps the
suite fast while still executing every layer's forward.
"""

from __future__ import annotations

import operator

import pytest
import torch
import torch.fx
from torch import nn

from errors import ModelNotFoundError
from models.book.batchnorm import BatchNorm
from models.book.densenet import DenseBlock, transition_block
from models.book.googlenet import Inception
from models.book.resnet import Residual, resnet_block
from models.registry import book_models, get_spec

Shape = tuple[int, ...]
Table = list[tuple[str, Shape]]

_FC_HEAD_4096: Table = [
    ("Linear", (1, 4096)),
    ("ReLU", (1, 4096)),
    ("Dropout", (1, 4096)),
    ("Linear", (1, 4096)),
    ("ReLU", (1, 4096)),
    ("Dropout", (1, 4096)),
    ("Linear", (1, 10)),
]

_LENET_BN: Table = [
    ("Conv2d", (1, 6, 24, 24)),
    ("BatchNorm", (1, 6, 24, 24)),
    ("Sigmoid", (1, 6, 24, 24)),
    ("AvgPool2d", (1, 6, 12, 12)),
    ("Conv2d", (1, 16, 8, 8)),
    ("BatchNorm", (1, 16, 8, 8)),
    ("Sigmoid", (1, 16, 8, 8)),
    ("AvgPool2d", (1, 16, 4, 4)),
    ("Flatten", (1, 256)),
    ("Linear", (1, 120)),
    ("BatchNorm", (1, 120)),
    ("Sigmoid", (1, 120)),
    ("Linear", (1, 84)),
    ("BatchNorm", (1, 84)),
    ("Sigmoid", (1, 84)),
    ("Linear", (1, 10)),
]


def _vgg11_table(c: int) -> Table:
    """VGG-11 at 224: five blocks halve the size to 7, the last two keep 8c channels."""
    return [
        ("Sequential", (1, c, 112, 112)),
        ("Sequential", (1, 2 * c, 56, 56)),
        ("Sequential", (1, 4 * c, 28, 28)),
        ("Sequential", (1, 8 * c, 14, 14)),
        ("Sequential", (1, 8 * c, 7, 7)),
        ("Flatten", (1, 8 * c * 7 * 7)),
        *_FC_HEAD_4096,
    ]


# name -> (input shape, per top-level child: class name and output shape)
BOOK_TABLES: dict[str, tuple[Shape, Table]] = {
    "lenet": (
        (1, 1, 28, 28),
        [
            ("Conv2d", (1, 6, 28, 28)),
            ("Sigmoid", (1, 6, 28, 28)),
            ("AvgPool2d", (1, 6, 14, 14)),
            ("Conv2d", (1, 16, 10, 10)),
            ("Sigmoid", (1, 16, 10, 10)),
            ("AvgPool2d", (1, 16, 5, 5)),
            ("Flatten", (1, 400)),
            ("Linear", (1, 120)),
            ("Sigmoid", (1, 120)),
            ("Linear", (1, 84)),
            ("Sigmoid", (1, 84)),
            ("Linear", (1, 10)),
        ],
    ),
    "alexnet": (
        (1, 1, 224, 224),
        [
            ("Conv2d", (1, 96, 54, 54)),
            ("ReLU", (1, 96, 54, 54)),
            ("MaxPool2d", (1, 96, 26, 26)),
            ("Conv2d", (1, 256, 26, 26)),
            ("ReLU", (1, 256, 26, 26)),
            ("MaxPool2d", (1, 256, 12, 12)),
            ("Conv2d", (1, 384, 12, 12)),
            ("ReLU", (1, 384, 12, 12)),
            ("Conv2d", (1, 384, 12, 12)),
            ("ReLU", (1, 384, 12, 12)),
            ("Conv2d", (1, 256, 12, 12)),
            ("ReLU", (1, 256, 12, 12)),
            ("MaxPool2d", (1, 256, 5, 5)),
            ("Flatten", (1, 6400)),
            *_FC_HEAD_4096,
        ],
    ),
    "vgg11": ((1, 1, 224, 224), _vgg11_table(64)),
    "vgg11-thin": ((1, 1, 224, 224), _vgg11_table(16)),
    "nin": (
        (1, 1, 224, 224),
        [
            ("Sequential", (1, 96, 54, 54)),
            ("MaxPool2d", (1, 96, 26, 26)),
            ("Sequential", (1, 256, 26, 26)),
            ("MaxPool2d", (1, 256, 12, 12)),
            ("Sequential", (1, 384, 12, 12)),
            ("MaxPool2d", (1, 384, 5, 5)),
            ("Dropout", (1, 384, 5, 5)),
            ("Sequential", (1, 10, 5, 5)),
            ("AdaptiveAvgPool2d", (1, 10, 1, 1)),
            ("Flatten", (1, 10)),
        ],
    ),
    "googlenet": (
        (1, 1, 96, 96),
        [
            ("Sequential", (1, 64, 24, 24)),
            ("Sequential", (1, 192, 12, 12)),
            ("Sequential", (1, 480, 6, 6)),
            ("Sequential", (1, 832, 3, 3)),
            ("Sequential", (1, 1024)),
            ("Linear", (1, 10)),
        ],
    ),
    "lenet-bn-scratch": ((1, 1, 28, 28), _LENET_BN),
    "lenet-bn": (
        (1, 1, 28, 28),
        [
            (("BatchNorm1d" if len(s) == 2 else "BatchNorm2d") if n == "BatchNorm" else n, s)
            for n, s in _LENET_BN
        ],
    ),
    "resnet18": (
        (1, 1, 224, 224),
        [
            ("Sequential", (1, 64, 56, 56)),
            ("Sequential", (1, 64, 56, 56)),
            ("Sequential", (1, 128, 28, 28)),
            ("Sequential", (1, 256, 14, 14)),
            ("Sequential", (1, 512, 7, 7)),
            ("AdaptiveAvgPool2d", (1, 512, 1, 1)),
            ("Flatten", (1, 512)),
            ("Linear", (1, 10)),
        ],
    ),
    "densenet": (
        (1, 1, 96, 96),
        [
            ("Sequential", (1, 64, 24, 24)),
            ("DenseBlock", (1, 64 + 4 * 32, 24, 24)),
            ("Sequential", (1, 96, 12, 12)),
            ("DenseBlock", (1, 96 + 4 * 32, 12, 12)),
            ("Sequential", (1, 112, 6, 6)),
            ("DenseBlock", (1, 112 + 4 * 32, 6, 6)),
            ("Sequential", (1, 120, 3, 3)),
            ("DenseBlock", (1, 120 + 4 * 32, 3, 3)),
            ("BatchNorm2d", (1, 248, 3, 3)),
            ("ReLU", (1, 248, 3, 3)),
            ("AdaptiveAvgPool2d", (1, 248, 1, 1)),
            ("Flatten", (1, 248)),
            ("Linear", (1, 10)),
        ],
    ),
}

BOOK_NAMES = [spec.name for spec in book_models()]


def test_registry_lists_the_book_in_chapter_order() -> None:
    assert list(BOOK_TABLES) == BOOK_NAMES
    assert [spec.section for spec in book_models()] == [
        "6.6",
        "7.1",
        "7.2",
        "7.2",
        "7.3",
        "7.4",
        "7.5",
        "7.5",
        "7.6",
        "7.7",
    ]


@pytest.mark.parametrize("name", list(BOOK_TABLES))
def test_children_reproduce_the_book_shape_table(name: str) -> None:
    input_shape, table = BOOK_TABLES[name]
    spec = get_spec(name)
    assert spec.input_size == input_shape[1:]
    with torch.device("meta"):
        net = spec.build().eval()
        assert isinstance(net, nn.Sequential)
        X = torch.empty(input_shape)
        rows = []
        with torch.no_grad():
            for layer in net:
                X = layer(X)
                rows.append((type(layer).__name__, tuple(X.shape)))
    assert rows == table


@pytest.mark.parametrize("name", ["lenet", "lenet-bn-scratch", "lenet-bn", "googlenet", "densenet"])
def test_small_networks_train_one_step_on_real_data(name: str) -> None:
    """A real forward and backward pass: finite logits for 10 classes, gradients everywhere."""
    torch.manual_seed(0)
    spec = get_spec(name)
    net = spec.build().train()
    X = torch.randn(4, *spec.input_size)
    y = torch.tensor([0, 3, 7, 9])
    logits = net(X)
    assert logits.shape == (4, 10) and torch.isfinite(logits).all()
    nn.functional.cross_entropy(logits, y).backward()
    assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in net.parameters())


# --- the book's block checks -------------------------------------------------------------------


def test_residual_without_1x1_keeps_the_shape() -> None:
    X = torch.rand(4, 3, 6, 6)
    assert Residual(3, 3)(X).shape == (4, 3, 6, 6)


def test_residual_with_1x1_changes_channels_and_halves_size() -> None:
    X = torch.rand(4, 3, 6, 6)
    blk = Residual(3, 6, use_1x1conv=True, strides=2)
    assert blk(X).shape == (4, 6, 3, 3)
    assert blk.conv3 is not None and Residual(3, 3).conv3 is None


def test_resnet_block_halves_size_except_the_first() -> None:
    assert [b.conv3 is not None for b in resnet_block(64, 128, 2)] == [True, False]
    assert [b.conv3 is not None for b in resnet_block(64, 64, 2, first_block=True)] == [
        False,
        False,
    ]


def test_dense_block_then_transition() -> None:
    X = torch.randn(4, 3, 8, 8)
    Y = DenseBlock(2, 3, 10)(X)
    assert Y.shape == (4, 23, 8, 8)
    assert torch.equal(Y[:, :3], X)  # the block's input is kept, its outputs are appended
    assert transition_block(23, 10)(Y).shape == (4, 10, 4, 4)


def test_inception_concatenates_the_four_paths() -> None:
    blk = Inception(192, 64, (96, 128), (16, 32), 32)
    assert blk(torch.randn(2, 192, 12, 12)).shape == (2, 64 + 128 + 32 + 32, 12, 12)
    names = [name for name, _ in blk.named_children()]
    assert names == ["p1_1", "p2_1", "p2_2", "p3_1", "p3_2", "p4_1", "p4_2"]


# --- batch norm from scratch -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "num_dims", "reference"),
    [((8, 3, 5, 5), 4, nn.BatchNorm2d), ((16, 7), 2, nn.BatchNorm1d)],
)
def test_scratch_batch_norm_matches_torch(shape: Shape, num_dims: int, reference: type) -> None:
    torch.manual_seed(0)
    X = torch.randn(shape) * 3 + 2
    channels = shape[1]
    ours, theirs = BatchNorm(channels, num_dims), reference(channels, eps=1e-5, momentum=0.1)
    with torch.no_grad():  # same non-trivial affine parameters on both
        gamma, beta = torch.rand(channels) + 0.5, torch.randn(channels)
        ours.gamma.copy_(gamma.reshape(ours.gamma.shape))
        ours.beta.copy_(beta.reshape(ours.beta.shape))
        theirs.weight.copy_(gamma)
        theirs.bias.copy_(beta)

    # Prediction before any training: both use mean 0, variance 1.
    with torch.no_grad():
        torch.testing.assert_close(ours(X), theirs.eval()(X))
    assert torch.equal(ours.moving_mean, torch.zeros_like(ours.moving_mean))

    # Training: batch statistics, and the moving statistics move 10 % towards them.
    torch.testing.assert_close(ours(X), theirs.train()(X))
    dims = (0, 2, 3) if num_dims == 4 else (0,)
    torch.testing.assert_close(ours.moving_mean.flatten(), theirs.running_mean)
    # The book averages the biased variance; torch's running_var uses the unbiased one.
    torch.testing.assert_close(
        ours.moving_var.flatten(), 0.9 + 0.1 * X.var(dim=dims, unbiased=False)
    )
    assert not torch.allclose(ours.moving_var.flatten(), theirs.running_var)

    # Prediction after training: with the same moving statistics, the same output.
    with torch.no_grad():
        ours.moving_var.copy_(theirs.running_var.reshape(ours.moving_var.shape))
        torch.testing.assert_close(ours(X), theirs.eval()(X))


def test_scratch_batch_norm_stats_are_buffers_that_follow_the_model() -> None:
    net = get_spec("lenet-bn-scratch").build()
    keys = net.state_dict().keys()
    assert {"1.moving_mean", "1.moving_var", "10.moving_mean", "13.moving_var"} <= keys
    before = net[1].moving_mean.clone()
    net(torch.randn(4, 1, 28, 28))
    assert not torch.equal(net[1].moving_mean, before)
    with torch.no_grad():  # prediction leaves the moving statistics alone
        after = net[1].moving_mean.clone()
        net(torch.randn(4, 1, 28, 28))
    assert torch.equal(net[1].moving_mean, after)


# --- every book model: spec, meta build, fx trace ----------------------------------------------


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_spec_has_preset_notes_and_builds_on_meta(name: str) -> None:
    spec = get_spec(name)
    assert spec.family == "book" and spec.num_classes == 10 and spec.title
    assert spec.preset is not None
    assert spec.preset.lr > 0 and spec.preset.epochs == 10 and spec.preset.batch_size in (128, 256)
    assert spec.note("en").strip() and spec.note("zh").strip()
    assert spec.note("zh") != spec.note("en")
    with torch.device("meta"):
        net = spec.build()
    assert all(p.is_meta for p in net.parameters())
    assert sum(p.numel() for p in net.parameters()) > 0


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_fx_traces_every_book_model(name: str) -> None:
    with torch.device("meta"):
        net = get_spec(name).build()
    graph = torch.fx.symbolic_trace(net).graph
    ops = {node.op for node in graph.nodes}
    assert {"placeholder", "call_module", "output"} <= ops


def test_fx_trace_of_resnet_shows_the_residual_add() -> None:
    with torch.device("meta"):
        block = Residual(3, 6, use_1x1conv=True, strides=2)
    targets = [n.target for n in torch.fx.symbolic_trace(block).graph.nodes]
    assert operator.add in targets or operator.iadd in targets
    assert "conv3" in targets


def test_fx_trace_of_scratch_batch_norm_runs_like_the_model() -> None:
    """batch_norm is one leaf call per layer, and the traced module still tells train from
    predict at run time (torch.is_grad_enabled), sharing the model's moving statistics."""
    torch.manual_seed(0)
    net = get_spec("lenet-bn-scratch").build()
    traced = torch.fx.symbolic_trace(net)
    calls = [n for n in traced.graph.nodes if n.op == "call_function" and "batch_norm" in n.name]
    assert len(calls) == 4
    X = torch.randn(4, 1, 28, 28)
    torch.testing.assert_close(traced(X), net(X))
    with torch.no_grad():
        torch.testing.assert_close(traced(X), net(X))


# --- registry ----------------------------------------------------------------------------------


def test_unknown_name_suggests_close_names() -> None:
    with pytest.raises(ModelNotFoundError, match="resnet18") as info:
        get_spec("resnet")
    message = str(info.value)
    assert "'resnet'" in message and "\n" not in message and "main.py list" in message


def test_torchvision_model_resolves() -> None:
    spec = get_spec("torchvision.resnet50")
    assert spec.family == "torchvision" and spec.input_size == (3, 224, 224)
    with torch.device("meta"):
        net = spec.build()
    assert net.fc.out_features == 1000


def test_unknown_torchvision_model_fails_clearly() -> None:
    with pytest.raises(ModelNotFoundError, match=r"Unknown model 'torchvision\.nope'"):
        get_spec("torchvision.nope")


def test_input_size_override_keeps_the_rest_of_the_spec() -> None:
    spec = get_spec("resnet18", input_size=(1, 96, 96))
    assert spec.input_size == (1, 96, 96)
    assert spec.preset == get_spec("resnet18").preset
