"""Running a page where the reader already is: Colab, a local Jupyter, or the terminal.

- :func:`setup_cell` is the first cell of every notebook the site offers. Where
  ``pytorch_basics`` is missing (Colab, a fresh environment) it installs the site's wheel
  from the published site, keeping the torch already there; it notes a torch version
  other than the one the page was produced with; where everything is installed it
  installs nothing. Without a known base URL (a local build) there is no wheel to point at, and
  the cell says how to install instead.
- :func:`colab_url` is where a page's "Run in Google Colab" link leads: the page's
  notebook on the branch the hosting workflow publishes the notebooks to
  (``SITE_NOTEBOOKS_BRANCH``) of the repository it knows (``SITE_REPOSITORY``).
- :func:`write_archive` makes the one download that holds every page of a language:
  scripts, notebooks, the wheel and a README with the install command.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from sitekit.catalogue import translate
from sitekit.settings import (
    DOCS,
    FIXED_ZIP_TIME,
    TITLES,
    TORCH_REQUIREMENT,
    TORCH_VERSION,
    WHEEL,
    base_url,
)

BRANCH_VARIABLE = "SITE_NOTEBOOKS_BRANCH"
REPOSITORY_VARIABLE = "SITE_REPOSITORY"
DOWNLOADS = "downloads"  # the folder of each language's site that holds the wheel and the archive


def wheel_url(lang: str) -> str | None:
    """The published address of the package's wheel, or ``None`` without a base URL.

    >>> os.environ["SITE_BASE_URL"] = "https://example.org/basics/"
    >>> wheel_url("ko")  # doctest: +ELLIPSIS
    'https://example.org/basics/ko/downloads/pytorch_basics-...-py3-none-any.whl'
    >>> os.environ["SITE_BASE_URL"] = ""
    >>> wheel_url("ko") is None
    True
    """
    return f"{base_url()}{lang}/{DOWNLOADS}/{WHEEL}" if base_url() else None


def archive_name(lang: str) -> str:
    """``pytorch-basics-<lang>.zip``: the file name of a language's archive."""
    return f"pytorch-basics-{lang}.zip"


def _quoted(text: str) -> str:
    """``text`` as a Python string literal in double quotes, Hangul kept as it is."""
    return json.dumps(text, ensure_ascii=False)


def setup_cell(lang: str, wheel: str | None) -> str:
    """The first cell of a notebook in ``lang``, installing from ``wheel`` (a URL) if needed.

    Example:
        >>> cell = setup_cell("en", "https://example.org/en/downloads/p.whl")
        >>> compile(cell, "cell", "exec") and '"https://example.org/en/downloads/p.whl"' in cell
        True
        >>> "raise ModuleNotFoundError" in setup_cell("en", None)
        True
    """
    comment = translate(
        lang, "Prepares what this notebook needs (in Colab or a fresh environment);"
    )
    nothing = translate(lang, "where everything is installed already, it installs nothing.")
    lines = [
        f"# {comment}",
        f"# {nothing}",
        *(
            ["import importlib.util"]
            if wheel is None
            else ["import importlib", "import importlib.metadata", "import importlib.util",
                  "import subprocess", "import sys"]
        ),  # fmt: skip
        "",
        'if importlib.util.find_spec("pytorch_basics") is None:',
    ]
    if wheel is None:
        missing = translate(
            lang,
            "pytorch_basics is not installed. Install it as 'Using this site' says, "
            "then run this cell again.",
        )
        lines.append(f"    raise ModuleNotFoundError({_quoted(missing)})")
    else:
        installing = translate(lang, "Installing pytorch_basics, the package of this site ...")
        keep = translate(lang, "the PyTorch already installed stays (Colab has one)")
        made = translate(lang, "no PyTorch yet: install the version that produced the pages")
        lines += [
            f"    print({_quoted(installing)})",
            f"    try:  # {keep}",
            '        keep = ["torch==" + importlib.metadata.version("torch")]',
            "    except importlib.metadata.PackageNotFoundError:",
            f'        keep = ["torch=={TORCH_VERSION}"]  # {made}',
            "    pip = subprocess.run(",
            f'        [sys.executable, "-m", "pip", "install", "--quiet", {_quoted(wheel)}, *keep],',
            "        capture_output=True,",
            "        text=True,",
            "    )",
            "    if pip.returncode != 0:",
            "        raise RuntimeError(pip.stdout + pip.stderr)",
            "    importlib.invalidate_caches()",
        ]
    differs = translate(
        lang,
        "This page's output was produced with PyTorch {made}; this is PyTorch {have}, "
        "so some numbers may differ.",
    )
    note = differs.replace("{made}", TORCH_VERSION).replace("{have}", "{torch.__version__}")
    lines += [
        "",
        "import torch",
        "",
        f'if torch.__version__.split("+")[0] != "{TORCH_VERSION}":',
        f"    print(f{_quoted(note)})",
    ]
    return "\n".join(lines)


def notebooks_branch() -> str | None:
    """The branch the hosting workflow publishes the notebooks to, if it said so."""
    return os.environ.get(BRANCH_VARIABLE, "").strip() or None


def colab_url(repository: str, branch: str, lang: str, page: str) -> str:
    """Colab's address for the notebook of ``page`` (``tensors/plot_01_creating``).

    >>> colab_url("owner/site", "notebooks", "ko", "tensors/plot_01_creating")
    'https://colab.research.google.com/github/owner/site/blob/notebooks/ko/tensors/plot_01_creating.ipynb'
    """
    return f"https://colab.research.google.com/github/{repository}/blob/{branch}/{lang}/{page}.ipynb"


def refresh_setup_cells(gallery_out: Path, cell: str) -> list[Path]:
    """Give every notebook under ``gallery_out`` (``docs/<lang>/auto_examples``) ``cell`` first.

    sphinx-gallery writes a notebook only when its example runs, so a notebook written
    before the cell changed (a new base URL, a new wheel) would keep the old one. The
    notebook's first cell is always the setup cell; only notebooks that differ are
    written. Returns them.
    """
    changed = []
    for path in sorted(gallery_out.glob("*/plot_*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        first = notebook["cells"][0]
        if first["cell_type"] != "code":
            raise ValueError(f"{path}: the first cell must be the setup cell, not {first}")
        if "".join(first["source"]) != cell.strip():
            first["source"] = [cell.strip()]  # as sphinx-gallery writes a code cell
            # as sphinx-gallery writes its notebooks
            path.write_text(json.dumps(notebook, indent=2), encoding="utf-8")
            changed.append(path)
            # the page's "Download zipped" holds the script and the notebook
            bundle = path.with_suffix(".zip")
            if bundle.exists():
                _write_zip(bundle, {p.name: p.read_bytes() for p in (path.with_suffix(".py"), path)})
    return changed


def _write_zip(out: Path, entries: dict[str, bytes]) -> None:
    """Write ``entries`` (name: bytes) to the zip ``out``, sorted and dated alike.

    The file is replaced only when its bytes change.
    """
    new = out.with_suffix(".zip.new")
    with zipfile.ZipFile(new, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # as if written on Unix, wherever it was built
            archive.writestr(info, entries[name])
    if out.exists() and out.read_bytes() == new.read_bytes():
        new.unlink()
    else:
        new.replace(out)


def copy_notebooks(gallery_out: Path, target: Path) -> None:
    """``target/<chapter>/<page>.ipynb`` for every notebook: what the notebooks branch holds."""
    for path in sorted(gallery_out.glob("*/plot_*.ipynb")):
        destination = target / path.parent.name / path.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if not destination.exists() or destination.read_bytes() != path.read_bytes():
            destination.write_bytes(path.read_bytes())


def readme(lang: str) -> str:
    """The archive's README in ``lang``, from ``docs/<lang>/_archive-readme.md`` (no page)."""
    template = (DOCS / lang / "_archive-readme.md").read_text(encoding="utf-8")
    return template.format(
        title=TITLES[lang],
        wheel=WHEEL,
        torch_requirement=TORCH_REQUIREMENT,
        torch_version=TORCH_VERSION,
        folder=Path(archive_name(lang)).stem,
    )


def write_archive(lang: str, gallery_out: Path, wheel: Path, target: Path) -> Path:
    """``target/pytorch-basics-<lang>.zip``: every page's script and notebook, the wheel, a README.

    Unchanged pages give the same bytes (see :func:`_write_zip`).
    """
    folder = Path(archive_name(lang)).stem
    entries: dict[str, bytes] = {
        f"{folder}/README.md": readme(lang).encode("utf-8"),
        f"{folder}/{WHEEL}": wheel.read_bytes(),
    }
    for path in sorted(gallery_out.glob("*/plot_*")):
        if path.suffix in {".py", ".ipynb"}:
            entries[f"{folder}/{path.parent.name}/{path.name}"] = path.read_bytes()
    out = target / archive_name(lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    _write_zip(out, entries)
    return out
