"""sphinx-gallery hooks: make every example strict, and its failures exact.

- A warning that would print to stderr during an example (a deprecation in the
  example's own code, a missing glyph in a figure, a runtime warning from a
  computation) becomes an exception, so the example fails and sphinx-gallery names
  the file and line. The filters are restored after each example.
- Writing to ``sys.stderr`` fails the example at the line that wrote it
  (sphinx-gallery would otherwise show the text among the printed output).
- A figure that needs a glyph the fonts lack fails with the line that wrote the text.
- An example's checksum is forgotten before it runs: sphinx-gallery writes a new one
  only when the run succeeds, and a failed run would otherwise leave the checksum of
  the last good run, so that reverting the file skipped the example and kept the
  failed page.
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path
from typing import Any

_saved: list[Any] = []


class StderrWriteError(RuntimeError):
    """Raised when an example writes to ``sys.stderr``."""


class _StderrGuard:
    """Stands in for ``sys.stderr`` while an example's code runs."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, data: str) -> int:
        if data:
            raise StderrWriteError(
                f"the example wrote to stderr: {data.strip()[:200]!r} "
                "(print to stdout instead, or fix what produced the message)"
            )
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


def _guard_stderr() -> None:
    """Make sphinx-gallery's output capture send ``sys.stderr`` to the guard.

    sphinx-gallery points both ``sys.stdout`` and ``sys.stderr`` at one capture
    object before each code block; the wrapper re-points ``sys.stderr`` afterwards.
    """
    from sphinx_gallery import gen_rst

    tee = getattr(gen_rst, "_LoggingTee", None)
    original = getattr(tee, "set_std_and_reset_position", None)
    if original is None:
        raise RuntimeError(
            "sphinx-gallery no longer has _LoggingTee.set_std_and_reset_position: "
            "update docs/_shared/gallery_hooks.py so stderr still fails an example"
        )
    if getattr(original, "_guards_stderr", False):
        return

    def set_std_and_reset_position(self: Any) -> Any:
        result = original(self)
        sys.stderr = _StderrGuard()
        return result

    set_std_and_reset_position._guards_stderr = True  # type: ignore[attr-defined]
    tee.set_std_and_reset_position = set_std_and_reset_position


def _forget_checksum(gallery_conf: dict[str, Any], fname: str) -> None:
    """Delete the stored checksum of the example ``fname`` in every gallery folder."""
    name = Path(fname).name
    for gallery_dir in gallery_conf.get("gallery_dirs", ()):
        checksum = Path(gallery_conf["src_dir"], gallery_dir, f"{name}.md5")
        checksum.unlink(missing_ok=True)


def strict_example_reset(gallery_conf: dict[str, Any], fname: str | None, when: str) -> None:
    """Reset hook for ``sphinx_gallery_conf["reset_modules"]`` (run before and after)."""
    if when == "before":
        _guard_stderr()
        if fname is not None:
            _forget_checksum(gallery_conf, fname)
        _saved[:] = [list(warnings.filters)]
        warnings.resetwarnings()
        warnings.simplefilter("error")
        # Libraries' own deprecations stay silent, as Python's defaults keep them;
        # a deprecated call written in the example itself still fails.
        for category in (
            DeprecationWarning,
            PendingDeprecationWarning,
            ImportWarning,
            ResourceWarning,
        ):
            warnings.filterwarnings("ignore", category=category)
        warnings.filterwarnings("error", category=DeprecationWarning, module="__main__")
    elif _saved:
        warnings.filters[:] = _saved.pop()
        warnings._filters_mutated()  # type: ignore[attr-defined]


_MISSING_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")


def text_lines(source: str, character: str, first_line: int = 1) -> list[tuple[int, str]]:
    """The code lines of ``source`` that hold ``character`` (comments left out).

    >>> text_lines('# 가\\nax.set_title("가")\\nx = 1', "가", first_line=10)
    [(11, 'ax.set_title("가")')]
    """
    found = []
    for number, line in enumerate(source.splitlines(), start=first_line):
        code = line.strip()
        if character in code and not code.startswith("#"):
            found.append((number, code))
    return found


def matplotlib_scraper(block: Any, block_vars: dict[str, Any], gallery_conf: Any) -> str:
    """sphinx-gallery's matplotlib scraper; a missing glyph names the line of the text."""
    from sphinx_gallery.scrapers import matplotlib_scraper as scrape

    try:
        return scrape(block, block_vars, gallery_conf)
    except UserWarning as warning:
        match = _MISSING_GLYPH.search(str(warning))
        if not match:
            raise
        character = chr(int(match.group(1)))
        source_file = block_vars.get("src_file", "")
        lines = text_lines(block.content, character, first_line=block.lineno)
        if not lines and source_file:
            lines = text_lines(Path(source_file).read_text(encoding="utf-8"), character)
        where = "; ".join(f'File "{source_file}", line {n}: {code}' for n, code in lines[:3])
        raise UserWarning(
            f"{warning} The figure's text with {character!r} was written at: "
            f"{where or 'no line of the example holds it literally'}"
        ) from warning
