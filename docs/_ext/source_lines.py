"""Sphinx extension: a warning points at the line a person wrote.

Two things made warnings point at the wrong place:

- An inline problem (a reference whose target is missing) is reported at the first
  line of its paragraph. When the warning quotes its target, the location moves to
  the line of that paragraph that holds it.
- A gallery page is read from the ``.rst`` that sphinx-gallery generates
  (``auto_examples/<chapter>/<name>.rst``), which nobody edits. Such a location is
  mapped to the example script (``gallery/<lang>/<chapter>/<name>.py``) and its line,
  or for a chapter's index to its ``GALLERY_HEADER.rst``.
- A failing cell of an executed Markdown page is reported without a line; the line
  in the page is found from the cell's source and the traceback's line in the cell.

The rewrite happens on Sphinx's warning stream, after Sphinx has turned the location
into ``path:line``; the warning itself (and whether it fails the build) is unchanged.
"""

from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

_QUOTED = re.compile(r"'([^'\n]+)'")
_LOCATION = re.compile(r"^(?P<path>.+?)(?::(?P<line>\d+))?$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # IPython colours its tracebacks
# myst-nb's message for a failing cell: the cell's source, then IPython's traceback
_FAILED_CELL = re.compile(
    r"executing the following cell:\n-{6,}\n(?P<source>.*?)\n-{6,}\n.*?Cell In\[\d+\], line (?P<line>\d+)",
    re.S,
)


def target_line(lines: list[str], line: int, target: str) -> int:
    """The line (1-based) of the paragraph starting at ``line`` that holds ``target``.

    The paragraph ends at the first blank line; when no line of it holds ``target``,
    ``line`` is returned unchanged.

    >>> target_line(["A paragraph", "with :ref:`x`", "", ":ref:`x`"], 1, "x")
    2
    >>> target_line(["A paragraph", "", "later x"], 1, "x")
    1
    >>> target_line(["About x:", "see :ref:`x`"], 1, "x")
    2
    """
    paragraph = []
    for index in range(line - 1, len(lines)):
        if index > line - 1 and not lines[index].strip():
            break
        paragraph.append(index)
    # the target as a reference writes it (`target`, <target>, #target) before plain text
    written = re.compile(rf"[`<#]{re.escape(target)}")
    for matches in (written.search, lambda text: target in text):
        for index in paragraph:
            if matches(lines[index]):
                return index + 1
    return line


def cell_line(text: str, source: str, line: int) -> int | None:
    r"""The line of ``text`` that is line ``line`` of the code cell holding ``source``.

    >>> page = "# Page\n\n```{code-cell} ipython3\nx = 1\nraise ValueError\n```\n"
    >>> cell_line(page, "x = 1\nraise ValueError", 2)
    5
    >>> cell_line(page, "y = 2", 1) is None
    True
    """
    at = text.find(source.strip("\n"))
    if at < 0:
        return None
    return text.count("\n", 0, at) + line


def _text_of(line: str) -> str:
    """A script line as it appears in the generated page (comment marker removed)."""
    stripped = line.strip()
    if stripped.startswith("#"):
        stripped = stripped[1:].strip()
    return stripped


def script_line(rst_lines: list[str], line: int, script_lines: list[str]) -> int | None:
    """The line of the example script that produced line ``line`` of its page.

    The page line's text is looked up among the script's lines (a comment's ``#``
    aside); when the text occurs several times, the same occurrence is taken.

    >>> rst = ["Title", "=====", "", "Some text", "", "Some text"]
    >>> script = ['\"\"\"', "Title", "=====", '\"\"\"', "# Some text", "x = 1", "# Some text"]
    >>> script_line(rst, 6, script)
    7
    >>> script_line(rst, 3, script) is None
    True
    """
    wanted = rst_lines[line - 1].strip() if 0 < line <= len(rst_lines) else ""
    if not wanted:
        return None
    occurrence = sum(1 for text in rst_lines[: line - 1] if text.strip() == wanted)
    matches = [n for n, text in enumerate(script_lines, start=1) if _text_of(text) == wanted]
    if len(matches) > occurrence:
        return matches[occurrence]
    return matches[0] if matches else None


class SourceLineFilter(logging.Filter):
    """Moves a warning's ``path:line`` to the line a person wrote."""

    def __init__(self, gallery_sources: dict[Path, Path]) -> None:
        super().__init__()
        self.gallery_sources = gallery_sources

    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        match = _LOCATION.match(location) if isinstance(location, str) else None
        if not match:
            return True
        # a file that cannot be read keeps the location Sphinx gave
        with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
            line = int(match["line"]) if match["line"] else None
            self._relocate(record, Path(match["path"]), line)
        return True

    def _relocate(self, record: logging.LogRecord, path: Path, line: int | None) -> None:
        text = path.read_text(encoding="utf-8")
        if line is None:
            cell = _FAILED_CELL.search(_ANSI.sub("", record.getMessage()))
            if cell and (found := cell_line(text, cell["source"], int(cell["line"]))):
                record.location = f"{path}:{found}"
            return
        lines = text.splitlines()
        quoted = _QUOTED.findall(record.getMessage())
        if quoted:
            line = target_line(lines, line, quoted[-1])
        script = self.gallery_sources.get(path.resolve().with_suffix(""))
        if script is not None and script.exists():
            script_lines = script.read_text(encoding="utf-8").splitlines()
            mapped = script_line(lines, line, script_lines)
            record.location = f"{script}:{mapped}" if mapped else f"{script}"
        else:
            record.location = f"{path}:{line}"


def _gallery_sources(app: Sphinx) -> dict[Path, Path]:
    """Generated page (path without suffix) -> the file a person wrote it from."""
    conf = getattr(app.config, "sphinx_gallery_conf", None) or {}
    sources: dict[Path, Path] = {}
    for examples, generated in zip(
        conf.get("examples_dirs", ()), conf.get("gallery_dirs", ()), strict=False
    ):
        for script in Path(app.srcdir, examples).glob("*.py"):
            sources[Path(app.srcdir, generated, script.stem).resolve()] = script.resolve()
        header = Path(app.srcdir, examples, "GALLERY_HEADER.rst")
        if header.exists():  # the chapter's index page starts with its header
            sources[Path(app.srcdir, generated, "index").resolve()] = header.resolve()
    return sources


def _install(app: Sphinx, *_: Any) -> None:
    sphinx_logger = logging.getLogger("sphinx")
    for handler in sphinx_logger.handlers:
        if handler.level == logging.WARNING or type(handler).__name__ == "WarningStreamHandler":
            for old in [f for f in handler.filters if isinstance(f, SourceLineFilter)]:
                handler.removeFilter(old)
            handler.addFilter(SourceLineFilter(_gallery_sources(app)))


def setup(app: Sphinx) -> dict[str, Any]:
    # after sphinx-gallery has resolved its configuration (builder-inited)
    app.connect("builder-inited", _install, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
