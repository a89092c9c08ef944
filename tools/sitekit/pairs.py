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


def source_of(docname: str, lang: str, root: Path = ROOT) -> Path:
    """The file a page (a Sphinx docname) of ``lang`` is built from; it may not exist.

    >>> source_of("getting-started/pytorch", "en", Path("/p")).as_posix()
    '/p/docs/en/getting-started/pytorch.md'
    >>> source_of("auto_examples/autograd/plot_02_graph", "ko", Path("/p")).as_posix()
    '/p/gallery/ko/autograd/plot_02_graph.py'
    >>> source_of("auto_examples/autograd/index", "ko", Path("/p")).as_posix()
    '/p/gallery/ko/autograd/GALLERY_HEADER.rst'
    """
    parts = docname.split("/")
    if parts[0] == "auto_examples" and len(parts) == 3:
        name = "GALLERY_HEADER.rst" if parts[2] == "index" else f"{parts[2]}.py"
        return root / "gallery" / lang / parts[1] / name
    return root / "docs" / lang / f"{docname}.md"


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
