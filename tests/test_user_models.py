"""A user's own model file, resolved through the registry as ``path.py:Name``.

Each test writes a real file into tmp_path and loads it; every failure must be a one-line
``UserModelError`` that names the problem.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest
import torch
from torch import nn

from errors import UserModelError
from models.registry import get_spec

MODELS = """
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, width=8):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(3 * 4 * 4, width), nn.ReLU())
        self.head = nn.Linear(width, 10)

    def forward(self, x):
        return self.head(self.body(x))


def make():
    return nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.Flatten(), nn.Linear(64, 10))


net = nn.Sequential(nn.Flatten(), nn.Linear(48, 10))
"""


def write(folder: Path, source: str, name: str = "mine.py") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def load_error(ref: str, build: bool = False) -> str:
    """The message of the UserModelError that resolving (and building) ``ref`` raises."""
    with pytest.raises(UserModelError) as info:
        spec = get_spec(ref)
        if build:
            spec.build()
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("name", ["Net", "make", "net"])
def test_class_factory_and_instance_build_a_working_model(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, MODELS)
    spec = get_spec(f"{path}:{name}")
    assert spec.family == "user" and spec.title == name and spec.name == f"{path}:{name}"
    model = spec.build()
    assert isinstance(model, nn.Module)
    assert model(torch.randn(2, 3, 4, 4)).shape == (2, 10)
    assert spec.build() is not model  # every build is a fresh model to train


def test_input_size_can_be_given(tmp_path: Path) -> None:
    path = write(tmp_path, MODELS)
    assert get_spec(f"{path}:Net", input_size=(3, 4, 4)).input_size == (3, 4, 4)


def test_file_may_import_its_neighbours_and_use_dataclasses(tmp_path: Path) -> None:
    write(tmp_path, "WIDTH = 5\n", name="netatlas_test_widths.py")
    path = write(
        tmp_path,
        """
        from dataclasses import dataclass
        from torch import nn
        from netatlas_test_widths import WIDTH

        @dataclass
        class Config:
            width: int = WIDTH

        def make():
            return nn.Linear(2, Config().width)
        """,
    )
    write(tmp_path, "X = 1\n", name="netatlas_test_other.py")
    search_path = list(sys.path)
    assert get_spec(f"{path}:make").build().out_features == 5
    # found for the user's file only: the process's own imports never search its folder
    assert sys.path == search_path
    assert importlib.util.find_spec("netatlas_test_other") is None


def test_missing_file(tmp_path: Path) -> None:
    message = load_error(f"{tmp_path / 'absent.py'}:Net")
    assert message.startswith("Model file not found:") and "absent.py" in message


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "from torch import nn\n\nclass Net(nn.Module)\n    pass\n")
    message = load_error(f"{path}:Net")
    assert message.startswith(f"Syntax error in {path} line 3:")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 1\ny = 1 / 0\n", "raised ZeroDivisionError while loading (line 2): division by zero"),
        ("import no_such_package_here\n", "raised ModuleNotFoundError while loading (line 1)"),
        ("import sys\nsys.exit(3)\n", "raised SystemExit while loading (line 2)"),
        (
            "raise RuntimeError('first\\nsecond')\n",
            "raised RuntimeError while loading (line 1): first",
        ),
    ],
)
def test_exception_while_loading(tmp_path: Path, source: str, expected: str) -> None:
    path = write(tmp_path, source)
    message = load_error(f"{path}:Net")
    assert message.startswith(str(path)) and expected in message


def test_name_not_found_lists_what_is_there(tmp_path: Path) -> None:
    path = write(tmp_path, MODELS)
    message = load_error(f"{path}:Nope")
    assert message == f"'Nope' not found in {path}. Available: Net, make, net."


def test_missing_name_asks_for_one(tmp_path: Path) -> None:
    path = write(tmp_path, MODELS)
    message = load_error(str(path))
    assert message.startswith(f"Name the model to load as {path}:NAME") and "Net, make" in message


def test_function_not_returning_a_module(tmp_path: Path) -> None:
    path = write(tmp_path, "def make():\n    return 42\n")
    message = load_error(f"{path}:make", build=True)
    assert message == f"make() in {path} returned int, not an nn.Module."


def test_plain_class_is_not_a_module(tmp_path: Path) -> None:
    path = write(tmp_path, "class Net:\n    def __init__(self, size):\n        self.size = size\n")
    message = load_error(f"{path}:Net")
    assert message == f"'Net' in {path} is a class but not an nn.Module subclass."


def test_value_that_cannot_give_a_model(tmp_path: Path) -> None:
    path = write(tmp_path, "SIZE = 3\n")
    message = load_error(f"{path}:SIZE")
    assert "'SIZE'" in message and "is of type int, not an nn.Module" in message


@pytest.mark.parametrize(
    ("signature", "missing"),
    [("self, width", "width"), ("self, width, *, depth", "width, depth")],
)
def test_constructor_needing_arguments(tmp_path: Path, signature: str, missing: str) -> None:
    path = write(
        tmp_path,
        f"""
        from torch import nn

        class Net(nn.Module):
            def __init__({signature}):
                super().__init__()
        """,
    )
    message = load_error(f"{path}:Net")
    assert message.startswith(f"Net in {path} needs arguments ({missing}); give them defaults")


def test_constructor_raising_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        from torch import nn

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                raise ValueError("width must be even\\nsee the docs")
        """,
    )
    message = load_error(f"{path}:Net", build=True)
    assert message == f"Net() in {path} raised ValueError (line 7): width must be even"
