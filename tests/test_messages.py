"""print_error: the pages print PyTorch's messages shortened, and bad input is named."""

from __future__ import annotations

import pytest
import torch

from pytorch_basics.messages import first_sentences, print_error


def test_first_sentences_keeps_the_first_ones() -> None:
    assert first_sentences("One. Two. Three.", 1) == "One."
    assert first_sentences("One. Two. Three.", 3) == "One. Two. Three."
    assert first_sentences("One. Two.", 5) == "One. Two."


def test_first_sentences_splits_a_message_that_leaves_out_the_space() -> None:
    text = "Inplace update is not allowed.Setting requires_grad=True is not allowed."
    assert first_sentences(text) == "Inplace update is not allowed."


def test_first_sentences_does_not_split_inside_a_name() -> None:
    assert first_sentences("Call torch.Tensor.backward once. Then stop.") == "Call torch.Tensor.backward once."


def test_print_error_prints_a_real_pytorch_error(capsys: pytest.CaptureFixture[str]) -> None:
    x = torch.tensor([1.0], requires_grad=True)
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError) as caught:
        y.backward()
    print_error(caught.value)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "RuntimeError:"
    assert " ".join(lines[1:]).startswith("Trying to backward through the graph a second time")
    assert "retain_graph" not in " ".join(lines[1:])
    assert all(len(line) <= 80 for line in lines)


def test_print_error_names_the_kind_when_given(capsys: pytest.CaptureFixture[str]) -> None:
    print_error(UserWarning("Careful. More."), kind="UserWarning", sentences=2)
    assert capsys.readouterr().out == "UserWarning:\nCareful. More.\n"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: print_error("oops"), r"^error must be an exception or a warning, got str 'oops'"),
        (lambda: print_error(ValueError("x"), sentences=0), r"^sentences must be >= 1, got 0"),
        (lambda: print_error(ValueError("x"), width=5), r"^width must be >= 20, got 5"),
        (lambda: first_sentences(3), r"^text must be a str, got int 3"),
    ],
)
def test_bad_input_names_the_argument(call, message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=message):
        call()
