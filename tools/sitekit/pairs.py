"""The page pairs: every page exists in every language, under the same file name.

A page is a source file under ``gallery/<lang>/`` (a chapter's ``GALLERY_HEADER.rst``
and its ``plot_*.py`` examples) or under ``docs/<lang>/`` (MyST-NB pages); its
counterpart is the file of the same relative path in the other language's tree.
"""

from __future__ import annotations

from pathlib import Path

from sitekit.settings import LANGUAGES, ROOT, other

TREES = ("gallery", "docs")
# folders of docs/ that hold the build's own files, not pages
NOT_PAGES = {"auto_examples", "_ext", "_templates", "_static", "_locale", "root", "_build"}
PAGE_SUFFIXES = {".py", ".md", ".rst"}


def pages(tree: str, lang: str, root: Path = ROOT) -> set[str]:
    """The pages of ``lang`` in ``tree`` (``"gallery"`` or ``"docs"``), relative to it."""
    base = root / tree / lang
    return {
        p.relative_to(base).as_posix()
        for p in base.rglob("*")
        if p.suffix in PAGE_SUFFIXES
        and p.name != "conf.py"
        and not p.name.startswith(("_", "."))
        and not NOT_PAGES & set(p.relative_to(base).parts)
        and ".ipynb_checkpoints" not in p.parts
    }


def missing_counterparts(lang: str, root: Path = ROOT) -> list[tuple[str, str]]:
    """Pages of ``lang`` whose counterpart in the other language does not exist.

    Returns ``(page, expected counterpart)`` pairs, as paths from the project's root.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("gallery/ko/a/plot_01.py", "gallery/en/a/plot_01.py", "docs/en/b.md"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / name).write_text("")
    >>> missing_counterparts("en", root)
    [('docs/en/b.md', 'docs/ko/b.md')]
    >>> missing_counterparts("ko", root)
    []
    """
    counterpart = other(lang)
    missing = []
    for tree in TREES:
        for page in sorted(pages(tree, lang, root) - pages(tree, counterpart, root)):
            missing.append((f"{tree}/{lang}/{page}", f"{tree}/{counterpart}/{page}"))
    return missing


def all_pairs(root: Path = ROOT) -> list[dict[str, str]]:
    """Every page that exists in every language, as ``{lang: path from the root}``."""
    return [
        {lang: f"{tree}/{lang}/{page}" for lang in LANGUAGES}
        for tree in TREES
        for page in sorted(set.intersection(*(pages(tree, lang, root) for lang in LANGUAGES)))
    ]
