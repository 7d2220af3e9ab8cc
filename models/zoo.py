"""torchvision's whole zoo and timm's, by name: ``torchvision.NAME`` and ``timm.NAME``.

Every model is built without weights (nothing is downloaded) and fed a sensible default input:
classification 3×224×224 (299 for Inception v3), segmentation 3×520×520, video clips of 16
frames, two frames for optical flow, and for detection one image that a small adapter
(``models.adapters.ImageListAdapter``) hands to the model as the list of images it takes.
timm is optional: its names exist only when ``import timm`` works, and each model's default
input comes from its own ``pretrained_cfg``.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from errors import ModelNotFoundError
from models.inputs import InputSpec
from models.registry import ModelSpec, _unknown_message, natural_key

if TYPE_CHECKING:
    from torch import nn

# torchvision's model modules, in the order the browser lists them, and what each holds.
TORCHVISION_GROUPS = (
    ("", "classification"),
    ("detection", "detection"),
    ("segmentation", "segmentation"),
    ("video", "video"),
    ("optical_flow", "optical flow"),
    ("quantization", "quantized"),
)
GROUP_NOTES: dict[str, dict[str, str]] = {  # group -> language code -> note
    "classification": {
        "en": "image classification, 1000 ImageNet classes",
        "zh": "图像分类，ImageNet 的 1000 个类别",
    },
    "detection": {
        "en": (
            "object detection: takes a list of images (an adapter makes one of the input "
            "batch) and returns boxes, labels and scores per image"
        ),
        "zh": "目标检测：输入一组图像（由适配器从输入批量生成），为每幅图像返回边框、标签和得分",
    },
    "segmentation": {
        "en": "semantic segmentation: a class score per pixel (a dict: 'out')",
        "zh": "语义分割：每个像素一个类别得分（一个字典：'out'）",
    },
    "video": {
        "en": "video classification: a clip of frames, 400 Kinetics classes",
        "zh": "视频分类：输入一段帧序列，Kinetics 的 400 个类别",
    },
    "optical flow": {
        "en": "optical flow between two frames (RAFT): the flow after each refinement",
        "zh": "两帧之间的光流（RAFT）：每次细化之后的光流",
    },
    "quantized": {
        "en": (
            "the quantizable float model (quantize=False): quantizing to int8 needs trained "
            "weights to calibrate"
        ),
        "zh": "可量化的浮点模型（quantize=False）：量化为 int8 需要训练好的权重来校准",
    },
    "timm": {"en": "a timm model (pretrained=False)", "zh": "timm 模型（pretrained=False）"},
}
# timm architectures of every kind, the ones the test suite and ``bench/zoo_coverage.py`` check:
# CNNs, vision transformers (ViT/DeiT/EVA blocks take attn_mask=None, is_causal=False), hybrid
# and MLP models, a few with TensorFlow-style "same" padding.
TIMM_SAMPLE = (
    "resnet18",
    "resnet50d",
    "resnext26ts",
    "regnetx_002",
    "efficientnet_b0",
    "mobilenetv3_small_100",
    "mobilenetv4_conv_small",
    "ghostnet_100",
    "densenet121",
    "dla34",
    "dpn68",
    "hrnet_w18_small",
    "cspresnet50",
    "convnext_atto",
    "convnextv2_atto",
    "repvgg_a0",
    "rexnet_100",
    "vit_tiny_patch16_224",
    "deit_tiny_patch16_224",
    "eva02_tiny_patch14_224",
    "beit_base_patch16_224",
    "swin_tiny_patch4_window7_224",
    "maxvit_tiny_tf_224",
    "coat_lite_tiny",
    "levit_128s",
    "mobilevit_xxs",
    "efficientformer_l1",
    "poolformer_s12",
    "mixer_b16_224",
    "resmlp_12_224",
    "fastvit_t8",
    "edgenext_xx_small",
)
_IMAGE = (3, 224, 224)
_DEFAULT_INPUTS: dict[str, tuple[InputSpec, ...]] = {
    "inception_v3": (InputSpec((3, 299, 299)),),
    "quantized_inception_v3": (InputSpec((3, 299, 299)),),
    "ssd300_vgg16": (InputSpec((3, 300, 300)),),
    "ssdlite320_mobilenet_v3_large": (InputSpec((3, 320, 320)),),
}
_GROUP_INPUTS: dict[str, tuple[InputSpec, ...]] = {
    "detection": (InputSpec((3, 480, 640)),),
    "segmentation": (InputSpec((3, 520, 520)),),
    "video": (InputSpec((3, 16, 224, 224)),),
    "optical flow": (InputSpec((3, 360, 640)), InputSpec((3, 360, 640))),
}
_SMALL_CLIPS = ("r3d_18", "mc3_18", "r2plus1d_18")  # trained on 16 frames of 112×112


@functools.cache
def torchvision_groups() -> dict[str, str]:
    """``torchvision.NAME`` -> its group, for every model of every torchvision module."""
    import torchvision.models as tvm

    found: dict[str, str] = {}
    for module, group in TORCHVISION_GROUPS:
        package = importlib.import_module(f"{tvm.__name__}.{module}" if module else tvm.__name__)
        for name in sorted(tvm.list_models(module=package), key=natural_key):
            found.setdefault(f"torchvision.{name}", group)
    return found


def torchvision_names() -> list[str]:
    return list(torchvision_groups())


def timm_available() -> bool:
    return importlib.util.find_spec("timm") is not None


@functools.cache
def _timm_names() -> tuple[str, ...]:
    if not timm_available():
        return ()
    import timm

    return tuple(f"timm.{name}" for name in timm.list_models())


def timm_names() -> list[str]:
    return list(_timm_names())


def _torchvision_inputs(short: str, group: str) -> tuple[InputSpec, ...]:
    if short in _DEFAULT_INPUTS:
        return _DEFAULT_INPUTS[short]
    if short in _SMALL_CLIPS:
        return (InputSpec((3, 16, 112, 112)),)
    return _GROUP_INPUTS.get(group, (InputSpec(_IMAGE),))


def _torchvision_builder(short: str, group: str) -> nn.Module:
    import torchvision.models as tvm

    kwargs: dict[str, object] = {"weights": None}
    if group in ("detection", "segmentation"):
        kwargs["weights_backbone"] = None  # else torchvision downloads ImageNet weights
    if short in ("googlenet", "inception_v3", "quantized_googlenet", "quantized_inception_v3"):
        # torchvision's default model, auxiliary heads included: they hold half of googlenet's
        # parameters and run only in training mode (the graph says so)
        kwargs["init_weights"] = False  # scipy-based truncnormal init is slow and irrelevant
    model = tvm.get_model(short, **kwargs)
    if group == "detection":
        from models.adapters import ImageListAdapter

        return ImageListAdapter(model)
    return model


def _torchvision_spec(name: str) -> ModelSpec:
    groups = torchvision_groups()
    if name not in groups:
        raise ModelNotFoundError(_unknown_message(name, list(groups)))
    short, group = name.removeprefix("torchvision."), groups[name]
    inputs = _torchvision_inputs(short, group)
    return ModelSpec(
        name=name,
        build=functools.partial(_torchvision_builder, short, group),
        input_size=inputs[0].shape,
        inputs=inputs,
        family="torchvision",
        title=short,
        notes=dict(GROUP_NOTES[group]),
        num_classes=1000,
        group=group,
    )


def _timm_builder(short: str) -> nn.Module:
    import timm

    return timm.create_model(short, pretrained=False)


def _timm_spec(name: str) -> ModelSpec:
    if not timm_available():
        raise ModelNotFoundError(
            f"Unknown model {name!r}: timm is not installed. Install the extras with "
            "'.venv/bin/python -m pip install -r requirements-extra.txt'."
        )
    import timm

    short = name.removeprefix("timm.")
    if name not in _timm_names():
        raise ModelNotFoundError(_unknown_message(name, list(_timm_names())))
    cfg = timm.get_pretrained_cfg(short)
    size = tuple(cfg.input_size) if cfg is not None and cfg.input_size else _IMAGE
    return ModelSpec(
        name=name,
        build=functools.partial(_timm_builder, short),
        input_size=size,
        family="timm",
        title=short,
        notes=dict(GROUP_NOTES["timm"]),
        num_classes=cfg.num_classes if cfg is not None and cfg.num_classes else 1000,
        group="timm",
    )


def zoo_spec(name: str) -> ModelSpec:
    """The spec of ``torchvision.NAME`` or ``timm.NAME``."""
    if name.startswith("timm."):
        return _timm_spec(name)
    return _torchvision_spec(name)
