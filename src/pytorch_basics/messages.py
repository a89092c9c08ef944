"""Printing PyTorch's error and warning messages on a page, shortened to what matters.

Many of PyTorch's messages go on, after their first sentence, with hints that a page
does not need. :func:`print_error` prints the type and the first sentences, wrapped.
"""

from __future__ import annotations

import re
import textwrap

from ._checks import _describe, check_int, check_str

__all__ = ["first_sentences", "print_error"]

# A sentence ends at "." followed by a space, or by a capitalised word with no space
# in between (one of PyTorch's messages reads "...is not allowed.Setting ...").
_SENTENCE_END = re.compile(r"(?<=\.)(?: |(?=[A-Z][a-z]+ ))")


def first_sentences(text: str, sentences: int = 1) -> str:
    """The first ``sentences`` sentences of the first non-blank line of ``text``.

    Blank lines before the first line of words are skipped (some messages start with a
    newline); a ``text`` with no words gives ``""``. Asking for more sentences than the
    line has gives the whole line.

    Args:
        text: a message.
        sentences: how many sentences to keep, at least 1: an ``int``, a NumPy integer
            or a 0-d integer tensor.

    Returns:
        The kept sentences, joined by single spaces.

    Example:
        >>> first_sentences("One. Two. Three.", 2)
        'One. Two.'
        >>> first_sentences("Not allowed.Setting this is not allowed.")
        'Not allowed.'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {_describe(text)}")
    sentences = check_int("sentences", sentences, minimum=1)
    line = next((line for line in text.splitlines() if line.strip()), "")
    return " ".join(_SENTENCE_END.split(line)[:sentences])


def print_error(
    error: BaseException, *, sentences: int = 1, kind: str | None = None, width: int = 80
) -> None:
    """Print ``kind`` (the error's type by default) and the first sentences of ``error``.

    The message is cut as :func:`first_sentences` cuts it: blank lines before its first
    words are skipped, and an error without a message prints an empty line under its
    type.

    Args:
        error: a caught exception or warning (an instance, not a class).
        sentences: how many sentences of its message to print, at least 1.
        kind: the name to print above the message, a non-empty ``str``; ``None`` (the
            default) prints the error's type.
        width: the width to wrap the message at, at least 20.

    Example:
        >>> print_error(RuntimeError("Trying to backward twice. Specify retain_graph=True."))
        RuntimeError:
        Trying to backward twice.
    """
    if not isinstance(error, BaseException):
        raise TypeError(f"error must be an exception or a warning, got {_describe(error)}")
    check_str("kind", kind, optional=True)
    if kind == "":
        raise ValueError("kind must be a non-empty str or None, got str ''")
    width = check_int("width", width, minimum=20)
    message = first_sentences(str(error), sentences)
    print(f"{kind or type(error).__name__}:")
    print(textwrap.fill(message, width=width))
