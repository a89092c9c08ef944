"""sphinx-gallery hooks: make every example strict, and its failures exact.

- A warning that would be shown (printed to stderr) during an example (a
  deprecation in the example's own code, a missing glyph in a figure, a runtime
  warning from a computation) becomes an exception, so the example fails and
  sphinx-gallery names the file and line. A warning the example catches itself
  (``warnings.catch_warnings(record=True)``) or filters out is not shown, and does
  not fail it. The warning settings are restored after each example.
- Writing to ``sys.stderr`` fails the example at the line that wrote it
  (sphinx-gallery would otherwise show the text among the printed output); output
  written to the stderr file descriptor itself (by C code, or by a child process)
  fails it at the code block that produced it.
- A figure that needs a glyph the fonts lack fails with the line that wrote the text.
- An example's checksum is forgotten before it runs: sphinx-gallery writes a new one
  only when the run succeeds, and a failed run would otherwise leave the checksum of
  the last good run, so that reverting the file skipped the example and kept the
  failed page.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import warnings
from pathlib import Path
from types import FrameType
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


class _DescriptorCapture:
    """Sends file descriptor 2 to a temporary file while a code block runs."""

    def __init__(self) -> None:
        self.saved: int | None = None
        self.file: Any = None

    def start(self) -> None:
        if self.saved is not None:
            return
        if sys.__stderr__ is not None:
            sys.__stderr__.flush()
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        self.saved = os.dup(2)
        os.dup2(self.file.fileno(), 2)

    def stop(self) -> str:
        """Restore file descriptor 2; return what was written to it meanwhile."""
        if self.saved is None:
            return ""
        if sys.__stderr__ is not None:
            sys.__stderr__.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.saved = None
        self.file.seek(0)
        text = self.file.read().decode("utf-8", "replace")
        self.file.close()
        return text


_capture = _DescriptorCapture()


def _block_line() -> int | None:
    """The first line of the code block sphinx-gallery is running (from its frame)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        block: Any = frame.f_locals.get("block")
        if frame.f_code.co_name == "execute_code_block" and hasattr(block, "lineno"):
            return int(block.lineno)
        frame = frame.f_back
    return None


def _guard_stderr() -> None:
    """Make sphinx-gallery's output capture refuse anything written to stderr.

    sphinx-gallery points both ``sys.stdout`` and ``sys.stderr`` at one capture
    object before each code block and back after it; the wrappers point
    ``sys.stderr`` at the guard and capture file descriptor 2 in between.
    """
    from sphinx_gallery import gen_rst

    tee: Any = getattr(gen_rst, "_LoggingTee", None)
    set_std = getattr(tee, "set_std_and_reset_position", None)
    restore = getattr(tee, "restore_std", None)
    if tee is None or set_std is None or restore is None:
        raise RuntimeError(
            "sphinx-gallery's _LoggingTee no longer has set_std_and_reset_position and "
            "restore_std: update docs/_ext/gallery_hooks.py so stderr still fails an example"
        )
    if getattr(set_std, "_guards_stderr", False):
        return

    def set_std_and_reset_position(self: Any) -> Any:
        result = set_std(self)
        sys.stderr = _StderrGuard()
        _capture.start()
        return result

    def restore_std(self: Any) -> None:
        written = _capture.stop()
        restore(self)
        if written.strip() and sys.exc_info()[0] is None:
            line = _block_line()
            where = f', line {line} (the code block starting there)' if line else ""
            raise StderrWriteError(
                f'File "{self.src_filename}"{where} wrote to stderr (from C code or a child '
                f"process): {written.strip()[:300]!r}"
            )

    set_std_and_reset_position._guards_stderr = True  # type: ignore[attr-defined]
    tee.set_std_and_reset_position = set_std_and_reset_position
    tee.restore_std = restore_std


def _forget_checksum(gallery_conf: dict[str, Any], fname: str) -> None:
    """Delete the stored checksum of the example ``fname`` in every gallery folder."""
    name = Path(fname).name
    for gallery_dir in gallery_conf.get("gallery_dirs", ()):
        checksum = Path(gallery_conf["src_dir"], gallery_dir, f"{name}.md5")
        checksum.unlink(missing_ok=True)


def _raise_shown_warning(
    message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any
) -> None:
    """``warnings.showwarning`` during an example: a warning about to be shown raises.

    It is raised where ``warnings.warn`` was called, so the traceback holds the line.
    """
    raise message if isinstance(message, Warning) else category(message)


def strict_example_reset(gallery_conf: dict[str, Any], fname: str | None, when: str) -> None:
    """Reset hook for ``sphinx_gallery_conf["reset_modules"]`` (run before and after)."""
    if when == "before":
        _guard_stderr()
        if fname is not None:
            _forget_checksum(gallery_conf, fname)
        _saved[:] = [(list(warnings.filters), warnings.showwarning)]
        warnings.resetwarnings()
        warnings.simplefilter("always")  # every warning reaches showwarning
        # Libraries' own deprecations stay silent, as Python's defaults keep them;
        # a deprecated call written in the example itself still fails.
        for category in (
            DeprecationWarning,
            PendingDeprecationWarning,
            ImportWarning,
            ResourceWarning,
        ):
            warnings.filterwarnings("ignore", category=category)
        warnings.filterwarnings("always", category=DeprecationWarning, module="__main__")
        warnings.showwarning = _raise_shown_warning
    elif _saved:
        filters, showwarning = _saved.pop()
        warnings.filters[:] = filters  # type: ignore[index]  # a list at run time
        warnings._filters_mutated()  # type: ignore[attr-defined]
        warnings.showwarning = showwarning


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


_HANGUL = re.compile("[\uac00-\ud7a3]")
_TITLE_CALL = re.compile(r"\b(set_title|suptitle|title)\(")


def title_problem(title: str, lang: str) -> str:
    """What is wrong with a figure's title on a page of ``lang``, or ``""``.

    The title is the figure's alternative text, and says in the page's language what
    the figure shows.

    >>> title_problem("", "en")
    'has no title (ax.set_title or fig.suptitle)'
    >>> title_problem("손실", "en")
    'is titled in Korean on an English page'
    >>> title_problem("loss", "ko")
    'has a title without Hangul on a Korean page'
    >>> title_problem("손실(loss)", "ko"), title_problem("loss", "en")
    ('', '')
    """
    if not title.strip():
        return "has no title (ax.set_title or fig.suptitle)"
    if lang == "en" and _HANGUL.search(title):
        return "is titled in Korean on an English page"
    if lang == "ko" and not _HANGUL.search(title):
        return "has a title without Hangul on a Korean page"
    return ""


def _check_titles(block: Any, block_vars: dict[str, Any]) -> None:
    """Fail the example at its source line when a figure it drew is titled wrongly."""
    import matplotlib.pyplot as plt
    from sphinx_gallery.scrapers import _matplotlib_fig_titles

    source_file = Path(block_vars.get("src_file", ""))
    lang = source_file.parts[-3] if len(source_file.parts) >= 3 else ""
    for number in plt.get_fignums():
        title = _matplotlib_fig_titles(plt.figure(number))
        if problem := title_problem(title, lang):
            lines = [
                (n, code)
                for n, code in text_lines(block.content, "(", first_line=block.lineno)
                if _TITLE_CALL.search(code)
            ] or [(block.lineno, "(the code block that draws it starts here)")]
            where = "; ".join(f'File "{source_file}", line {n}: {code}' for n, code in lines[:3])
            plt.close("all")  # not left for the next example to scrape
            raise UserWarning(f"A figure {problem} (title {title!r}): {where}")


def description_problem(description: str | None, title: str, lang: str) -> str:
    """What is wrong with a figure's description (its alternative text) on a page of ``lang``.

    A reader who cannot see the figure hears the description instead: it says what the
    figure shows, in the page's language, in more words than the title.

    >>> description_problem(None, "loss", "en")
    'has no description (pytorch_basics.plotting.describe_figure)'
    >>> description_problem("Loss", "Loss", "en")
    'is described by its title alone'
    >>> description_problem("The loss falls from 2.3 to 0.1 in ten steps.", "Loss", "ko")
    'has a description without Hangul on a Korean page'
    >>> description_problem("손실이 열 단계 만에 2.3에서 0.1로 떨어집니다.", "손실", "ko")
    ''
    """
    if description is None:
        return "has no description (pytorch_basics.plotting.describe_figure)"
    if len(description) < 20 or description.strip(" .") == title.strip(" ."):
        return "is described by its title alone"
    if lang == "en" and _HANGUL.search(description):
        return "is described in Korean on an English page"
    if lang == "ko" and not _HANGUL.search(description):
        return "has a description without Hangul on a Korean page"
    return ""


def _descriptions(block: Any, block_vars: dict[str, Any]) -> list[str]:
    """Each open figure's description, in the order the scraper saves them; a missing or
    wrong one fails the example at the code block that drew it."""
    import matplotlib.pyplot as plt
    from sphinx_gallery.scrapers import _matplotlib_fig_titles

    from pytorch_basics.plotting import figure_description

    source_file = Path(block_vars.get("src_file", ""))
    lang = source_file.parts[-3] if len(source_file.parts) >= 3 else ""
    found = []
    for number in plt.get_fignums():
        figure = plt.figure(number)
        description = figure_description(figure)
        title = _matplotlib_fig_titles(figure)
        if problem := description_problem(description, title, lang):
            plt.close("all")  # not left for the next example to scrape
            raise UserWarning(
                f"A figure {problem} (title {title!r}, description {description!r}): "
                f'File "{source_file}", line {block.lineno}: the code block that draws it'
            )
        found.append(description or "")
    return found


_ALT = re.compile(r"^(\s*:alt: ).*$", re.M)


def with_descriptions(rst: str, descriptions: list[str]) -> str:
    r"""sphinx-gallery's image markup with each image's alt text replaced, in order.

    >>> with_descriptions(".. image-sg:: a.png\n   :alt: Loss\n", ["The loss falls."])
    '.. image-sg:: a.png\n   :alt: The loss falls.\n'
    """
    texts = iter(descriptions)
    return _ALT.sub(lambda match: match.group(1) + next(texts), rst)


def matplotlib_scraper(block: Any, block_vars: dict[str, Any], gallery_conf: Any) -> str:
    """sphinx-gallery's matplotlib scraper; a missing glyph names the line of the text.

    Each figure is checked first: a title in the page's language (:func:`title_problem`)
    and a description (:func:`description_problem`), which becomes its alternative text.
    """
    from sphinx_gallery.scrapers import matplotlib_scraper as scrape

    _check_titles(block, block_vars)
    descriptions = _descriptions(block, block_vars)
    try:
        rst = scrape(block, block_vars, gallery_conf)
        if rst.count(":alt:") != len(descriptions):
            raise RuntimeError(f"{len(descriptions)} figures but the images' markup is {rst!r}")
        return with_descriptions(rst, descriptions)
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
