"""What ``--input`` and the app's input boxes take: any rank, several, token ids with a bound."""

from __future__ import annotations

import pytest

import main
from models.inputs import InputSpec, InputSyntaxError, as_inputs, parse_input


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("3,224,224", InputSpec((3, 224, 224))),
        ("3x16x112x112", InputSpec((3, 16, 112, 112))),
        ("128", InputSpec((128,))),
        ("int:128", InputSpec((128,), "int64")),
        ("int:2,128/30522", InputSpec((2, 128), "int64", 30522)),
        ("bfloat16:3,32,32", InputSpec((3, 32, 32), "bfloat16")),
        ("bool:16", InputSpec((16,), "bool")),
    ],
)
def test_inputs_read_and_write_the_same_text(text: str, spec: InputSpec) -> None:
    assert parse_input(text) == spec
    assert parse_input(spec.text()) == spec


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("3,,224", "give its size as C,H,W"),
        ("3,0,224", "give its size as C,H,W"),
        ("complex:3", "unknown type 'complex'"),
        ("3,224/10", "a bound /N is for integer inputs"),
        ("int:128/0", "a bound /N is for integer inputs"),
    ],
)
def test_a_wrong_input_says_how_to_write_one(text: str, says: str) -> None:
    with pytest.raises(InputSyntaxError, match=says):
        parse_input(text)


def test_one_shape_or_one_per_input() -> None:
    assert as_inputs((3, 8, 8)) == (InputSpec((3, 8, 8)),)
    assert as_inputs([(3, 8, 8), InputSpec((4,), "int64")]) == (
        InputSpec((3, 8, 8)),
        InputSpec((4,), "int64"),
    )
    assert as_inputs(None) is None


def test_the_command_line_rejects_a_wrong_input_in_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main.main(["info", "lenet", "--input", "1,x,28"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "argument --input: invalid input '1,x,28': give its size as C,H,W" in err
