"""The harness shared by the bad-input tables (``tests/test_bad_input_*.py``).

Each table is a list of rows: a call that must fail with a clear error whose message
holds some words (the argument's name first), or a call whose result a check accepts
(the documented edge case). Every row runs with a time limit, so a call that would
run forever fails as a hang instead of stopping the test run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import pytest

ROW_SECONDS = 60.0


def bounded(call: Callable[[], Any], seconds: float = ROW_SECONDS) -> Any:
    """Run ``call`` in a daemon thread; fail as a hang if it has not returned in time.

    A thread, not an alarm signal: a loop inside C code (NumPy, torch) is stopped too.
    """
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as error:  # handed back to the test
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"hang: the call was still running after {seconds} s")
    if "error" in box:
        raise box["error"]
    return box["result"]


def run_in(mode: Callable[[], Any], call: Callable[[], Any]) -> Any:
    """``call()`` under a grad mode, e.g. ``run_in(torch.no_grad, ...)``."""
    with mode():
        return call()


def assert_clear_error(
    call: Callable[[], Any], error: type[BaseException], words: str | Sequence[str]
) -> None:
    """``call`` raises ``error`` and its message holds every one of ``words``."""
    with pytest.raises(error) as caught:
        bounded(call)
    message = str(caught.value)
    for word in [words] if isinstance(words, str) else words:
        assert word in message, f"message {message!r} lacks {word!r}"


def assert_documented(call: Callable[[], Any], check: Callable[[Any], bool]) -> None:
    """``call`` returns (in time) a result that ``check`` accepts."""
    result = bounded(call)
    assert check(result), f"unexpected result {result!r}"
