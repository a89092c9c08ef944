"""One Sphinx build per language, and the record of what it built.

A language's build runs Sphinx in a child process (``build/<lang>/build.log``), and
when it completes writes ``build/<lang>/complete.json``: digests of every input, the
base URL and the gallery examples whose output is stale. A build that starts without
that stamp, or after the site's tooling changed, re-reads every page (``-E``): Sphinx
records pages as current before it writes them, and would otherwise skip them, and
their warnings. A change to the package or to torch makes every example and notebook
run again. :mod:`sitekit.publish` reads the stamps to decide what may be published.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from sitekit.settings import BUILD, DOCS, FIXED_ZIP_TIME, GALLERY, ROOT, base_url

_EXECUTED_NB = re.compile(r"Executed notebook in ([\d.]+) seconds")


@dataclass
class LanguageBuild:
    lang: str
    seconds: float = 0.0
    # None until the Sphinx process has exited: a build that crashed never succeeded
    returncode: int | None = None
    error: str = ""
    fresh: str = ""  # why every page is read again (-E), if it is
    unrun: list[str] = field(default_factory=list)  # examples whose output is stale
    notebooks_executed: list[float] = field(default_factory=list)
    examples_executed: int | None = None  # ran without error (None: not reported)
    examples_selected: int | None = None  # ran, with or without error
    example_seconds: dict[str, float] = field(default_factory=dict)  # of those that ran

    def summary(self) -> str:
        """The build summary's line for this language (read back by :func:`parse_summary`).

        >>> run = LanguageBuild("en", 12.5, 0, examples_executed=1, examples_selected=2)
        >>> run.example_seconds = {"a/plot_01.py": 1.5, "a/plot_02.py": 0.5}
        >>> run.notebooks_executed = [3.0]
        >>> run.summary()
        'en:   12.5 s, gallery examples run: 2 (2.0 s), succeeded: 1, failed: 1, notebooks executed: 1 (3.0 s), exit code 0'
        >>> parse_summary(run.summary())["en"]
        {'seconds': 12.5, 'examples': 2, 'example_seconds': 2.0, 'notebooks': 1, 'notebook_seconds': 3.0}
        """
        if self.examples_selected is None or self.examples_executed is None:
            examples = "gallery examples: not reported (the build stopped before they ran)"
        else:
            examples = (
                f"gallery examples run: {self.examples_selected} "
                f"({sum(self.example_seconds.values()):.1f} s), "
                f"succeeded: {self.examples_executed}, "
                f"failed: {self.examples_selected - self.examples_executed}"
            )
        return (
            f"{self.lang}: {self.seconds:6.1f} s, {examples}, "
            f"notebooks executed: {len(self.notebooks_executed)} "
            f"({sum(self.notebooks_executed):.1f} s), exit code {self.returncode}"
            + (f" (every page re-read: {self.fresh})" if self.fresh else "")
        )


_SUMMARY = re.compile(
    r"^(?P<lang>\w+): +(?P<seconds>[\d.]+) s, gallery examples run: (?P<examples>\d+) "
    r"\((?P<example_seconds>[\d.]+) s\).*?notebooks executed: (?P<notebooks>\d+) "
    r"\((?P<notebook_seconds>[\d.]+) s\)",
    re.M,
)


def parse_summary(output: str) -> dict[str, dict[str, float]]:
    """What each language's summary line in a build's output says (see ``summary``)."""
    parsed = {}
    for match in _SUMMARY.finditer(output):
        values = match.groupdict()
        lang = values.pop("lang")
        parsed[lang] = {k: (int(v) if v.isdigit() else float(v)) for k, v in values.items()}
    return parsed


def junit_report(lang: str) -> Path:
    """sphinx-gallery's JUnit report of the examples a build of ``lang`` ran.

    Written by sphinx-gallery (the ``junit`` option in ``site_conf``) as soon as the
    examples have run, before any page is read; it lists only the examples this build
    ran, each with its run time and, if it raised, the failure.
    """
    return BUILD / lang / "junit.xml"


@dataclass
class ExampleRun:
    file: str  # relative to gallery/<lang>
    seconds: float
    failed: bool


def read_junit(path: Path) -> list[ExampleRun]:
    """The examples of a JUnit report.

    >>> import tempfile
    >>> report = Path(tempfile.mkdtemp()) / "junit.xml"
    >>> _ = report.write_text(
    ...     '<testsuite><testcase file="a/plot_01.py" time="1.5"></testcase>'
    ...     '<testcase file="a/plot_02.py" time="0.25"><failure message="x">x</failure>'
    ...     "</testcase></testsuite>"
    ... )
    >>> [(run.file, run.seconds, run.failed) for run in read_junit(report)]
    [('a/plot_01.py', 1.5, False), ('a/plot_02.py', 0.25, True)]
    """
    return [
        ExampleRun(
            case.get("file", ""),
            float(case.get("time", 0)),
            case.find("failure") is not None,
        )
        for case in ElementTree.parse(path).getroot().iter("testcase")
    ]


def example_times(lang: str) -> dict[str, float]:
    """The last measured run time of every gallery example of ``lang`` that still exists.

    Each build adds what its JUnit report measured (``build/<lang>/example-times.json``),
    so examples that did not need to run keep the time of their last run.
    """
    record = BUILD / lang / "example-times.json"
    times = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    return {name: t for name, t in times.items() if (GALLERY / lang / name).exists()}


def record_example_times(lang: str, runs: list[ExampleRun]) -> None:
    times = example_times(lang)
    times.update({run.file: run.seconds for run in runs if not run.failed})
    record = BUILD / lang / "example-times.json"
    record.write_text(json.dumps(dict(sorted(times.items())), indent=1), encoding="utf-8")


# What a language's build reads besides its own trees: the site's tooling (Sphinx
# extensions, templates, static files, interface text) and the package.
TOOLING_INPUTS = (
    "docs/_ext",
    "docs/_templates",
    "docs/_static",
    "docs/_locale",
    # the modules of sitekit the extensions import (tests/test_layout.py keeps this whole)
    "tools/sitekit/catalogue.py",
    "tools/sitekit/notebooks.py",
    "tools/sitekit/pairs.py",
    "tools/sitekit/parity.py",
    "tools/sitekit/settings.py",
    "tools/sitekit/translations.py",
    "docs/translations.lock.json",
)
PACKAGE_INPUTS = ("src", "pyproject.toml")
_NOT_INPUTS = {"auto_examples", "__pycache__", ".ipynb_checkpoints", ".jupyter_cache"}


def input_files(*roots: str) -> list[Path]:
    """Every file under ``roots`` (paths from the project root) that a build reads.

    Generated files are left out: gallery output, caches, compiled message catalogues.
    """
    files = []
    for root in (ROOT / r for r in roots):
        for path in [root] if root.is_file() else root.rglob("*"):
            relative = path.relative_to(ROOT)
            if (
                path.is_file()
                and not _NOT_INPUTS.intersection(relative.parts)
                and path.suffix != ".mo"  # compiled from the .po by the build
                and path.name != "sg_execution_times.rst"
                and not any(part.endswith(".egg-info") for part in relative.parts)
            ):
                files.append(path)
    return sorted(files)


def digest_of(*roots: str) -> str:
    """A digest of the names and contents of :func:`input_files` under ``roots``."""
    digest = hashlib.sha256()
    for path in input_files(*roots):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def source_digest(lang: str) -> str:
    """A digest of every file the build of ``lang`` reads."""
    # tools/glossary.toml: the data both languages' Glossary pages are rendered from
    from sitekit.translations import stale_pages

    files = digest_of(
        f"gallery/{lang}", f"docs/{lang}", "tools/glossary.toml", *TOOLING_INPUTS, *PACKAGE_INPUTS
    )
    # a page's notice that its counterpart changed depends on the other language's files
    notices = json.dumps(sorted(stale_pages(lang).items()))
    return hashlib.sha256(f"{files} {notices}".encode()).hexdigest()


def package_digest() -> str:
    """A digest of what the pages import: the package (sources, metadata) and torch's version."""
    from importlib.metadata import version

    return hashlib.sha256(
        f"{digest_of(*PACKAGE_INPUTS)} torch {version('torch')}".encode()
    ).hexdigest()


def forget_outputs_if_package_changed(lang: str) -> bool:
    """Make every example and notebook of ``lang`` run again when the package changed.

    sphinx-gallery re-runs an example when its own file changes and myst-nb when a
    notebook's code does; neither knows that a page's output also comes from
    ``pytorch_basics`` and torch. Returns whether the outputs were forgotten.
    """
    record = BUILD / lang / "package-digest"
    current = package_digest()
    if record.exists() and record.read_text(encoding="utf-8").strip() == current:
        return False
    had_outputs = record.exists() or (DOCS / lang / "auto_examples").exists()
    for checksum in (DOCS / lang / "auto_examples").glob("*/*.md5"):
        checksum.unlink()
    shutil.rmtree(BUILD / lang / ".jupyter_cache", ignore_errors=True)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(current + "\n", encoding="utf-8")
    return had_outputs


def complete_stamp(lang: str) -> Path:
    """Written when a build of ``lang`` completes: digests of its inputs, unrun examples."""
    return BUILD / lang / "complete.json"


def unrun_examples(lang: str) -> list[str]:
    """Gallery scripts whose generated page is not from their current version.

    sphinx-gallery stores a checksum of a script next to its output only when the
    script ran without error; a missing or different checksum means the page shows
    an older version's output, a failure, or none at all.
    """
    from sphinx_gallery.utils import get_md5sum

    stale = []
    for script in sorted((GALLERY / lang).glob("*/plot_*.py")):
        checksum = DOCS / lang / "auto_examples" / script.parent.name / f"{script.name}.md5"
        current = checksum.exists() and checksum.read_text() == get_md5sum(script, mode="t")
        if not current:
            stale.append(script.relative_to(ROOT).as_posix())
    return stale


def clean(lang: str) -> None:
    """Remove everything a build of ``lang`` leaves behind."""
    for path in (BUILD / lang, DOCS / lang / "auto_examples"):
        shutil.rmtree(path, ignore_errors=True)
    for leftover in (DOCS / lang).glob("sg_execution_times.rst"):
        leftover.unlink()


def prune_stale(lang: str) -> list[Path]:
    """Delete generated gallery files whose example (or chapter) no longer exists.

    sphinx-gallery never removes the output of a deleted example, and Sphinx would
    then warn that the orphaned page is in no toctree.
    """
    removed: list[Path] = []
    generated = DOCS / lang / "auto_examples"
    for chapter in generated.glob("*") if generated.exists() else ():
        source = GALLERY / lang / chapter.name
        if not (source / "GALLERY_HEADER.rst").exists():
            shutil.rmtree(chapter)
            removed.append(chapter)
            continue
        for rst in chapter.glob("plot_*.rst"):
            if (source / f"{rst.stem}.py").exists():
                continue
            for leftover in [
                *chapter.glob(f"{rst.stem}.*"),
                *chapter.glob(f"{rst.stem}_codeobj*"),
                *(chapter / "images").glob(f"sphx_glr_{rst.stem}_*"),
                *(chapter / "images" / "thumb").glob(f"sphx_glr_{rst.stem}_*"),
            ]:
                leftover.unlink()
                removed.append(leftover)
    return removed


def build_wheel() -> Path:
    """Build the ``pytorch_basics`` wheel that the pages offer for download.

    It is rebuilt only when the package's files changed (a digest of their names and
    contents, so a deleted or renamed module counts), and built without network
    access (no build isolation: setuptools comes with the docs dependencies).
    """
    out = BUILD / "wheel"
    record = out / "package-digest"
    current = digest_of(*PACKAGE_INPUTS)
    wheels = list(out.glob("pytorch_basics-*.whl"))
    if len(wheels) == 1 and record.exists() and record.read_text(encoding="utf-8") == current:
        return wheels[0]
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(out), str(ROOT)],
        check=True,
    )  # fmt: skip
    for leftover in [BUILD / "lib", *BUILD.glob("bdist.*")]:  # setuptools' scratch folders
        shutil.rmtree(leftover, ignore_errors=True)
    wheel = next(out.glob("pytorch_basics-*.whl"))
    normalise_zip(wheel)
    record.write_text(current, encoding="utf-8")
    return wheel




def normalise_zip(path: Path) -> bool:
    """Give every entry of the zip (or wheel) ``path`` the same timestamp.

    sphinx-gallery zips an example with its files' modification times, which change
    whenever the example runs; with fixed times, equal contents give equal bytes.
    Returns whether the file changed.
    """
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            fixed.create_system = 3  # as if written on Unix, wherever it was built
            out.writestr(fixed, data)
    if buffer.getvalue() == path.read_bytes():
        return False
    path.write_bytes(buffer.getvalue())
    return True


def sphinx_arguments(lang: str, page: str | None, fresh: bool = False) -> list[str]:
    """The command-line arguments of the HTML build of ``lang``."""
    builder = "html"
    out = BUILD / lang / builder
    command = [
        "-W",
        "--keep-going",
        "-b",
        builder,
        "-d",
        str(BUILD / lang / "doctrees"),
        str(DOCS / lang),
        str(out),
    ]
    if fresh:
        command.append("-E")  # a fresh environment: every page read and written again
    if page:
        command += ["-D", f"sphinx_gallery_conf.filename_pattern={page}"]
    return command


def build_environment(concurrent: int) -> dict[str, str]:
    """The environment of one language's Sphinx process.

    The languages build at the same time; each example's torch would otherwise start
    one thread per core in each build, and on a 2-core machine the builds' threads then
    fight over the cores (a ResNet step measured 31.6 s instead of 8.6 s). The cores are
    shared out instead, unless the caller has already chosen (``OMP_NUM_THREADS``).
    """
    env = dict(os.environ)
    if "OMP_NUM_THREADS" not in env:
        env["OMP_NUM_THREADS"] = str(max(1, (os.cpu_count() or 1) // max(1, concurrent)))
    return env


def run_language(
    lang: str, page: str | None, result: LanguageBuild, lock: threading.Lock, concurrent: int = 1
) -> None:
    """Build ``lang``; any failure, including one of this function, lands in ``result``."""
    start = time.time()
    try:
        digest, tooling = source_digest(lang), digest_of(*TOOLING_INPUTS)
        stamp = complete_stamp(lang)
        last = json.loads(stamp.read_text(encoding="utf-8")) if stamp.exists() else None
        # a build that starts without the stamp of a complete one re-reads every page;
        # so does one after the site's extensions changed, which Sphinx does not track
        if (BUILD / lang / "doctrees").exists():
            if last is None:
                result.fresh = "the last build did not complete"
            elif last.get("tooling") != tooling:
                result.fresh = "the site's extensions, templates or static files changed"
        stamp.unlink(missing_ok=True)
        if forget_outputs_if_package_changed(lang):
            result.fresh = "pytorch_basics or torch changed"  # notebooks are read and run again
            with lock:
                print(
                    f"[{lang}] pytorch_basics or torch changed: every example and notebook "
                    "runs again"
                )
        junit_report(lang).unlink(missing_ok=True)
        _run_sphinx(lang, page, result, lock, concurrent)
        if result.returncode == 0:
            result.unrun = unrun_examples(lang)
            record = {
                "digest": digest,
                "tooling": tooling,
                "base_url": base_url(),
                "unrun": result.unrun,
            }
            stamp.write_text(json.dumps(record), encoding="utf-8")
    except BaseException as error:  # noqa: BLE001 - reported, and the build fails
        result.error = f"{type(error).__name__}: {error}"
        if result.returncode == 0:
            result.returncode = None
    finally:
        result.seconds = time.time() - start
        # no report: the build stopped before the examples ran (the summary says so)
        with contextlib.suppress(OSError, ElementTree.ParseError):
            if junit_report(lang).exists():
                runs = read_junit(junit_report(lang))
                result.examples_selected = len(runs)
                result.examples_executed = sum(not run.failed for run in runs)
                result.example_seconds = {run.file: run.seconds for run in runs}
                record_example_times(lang, runs)


# Runs Sphinx in a process that dies with the build (Linux: PR_SET_PDEATHSIG), so a
# killed build leaves no Sphinx behind still writing into build/ and docs/.
_SPHINX_CHILD = """\
import ctypes, os, signal, sys
parent = int(sys.argv.pop(1))
try:
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)
except (OSError, AttributeError):
    pass
if os.getppid() != parent:
    sys.exit("the build that started this Sphinx process is gone")
from sphinx.cmd.build import main
sys.exit(main(sys.argv[1:]))
"""
_LOCK: list[int] = []  # the descriptor of build/.lock, held by the build and its children


def hold_lock(descriptor: int) -> None:
    """Pass the descriptor of the held ``build/.lock`` on to every Sphinx process."""
    _LOCK[:] = [descriptor]


def _run_sphinx(
    lang: str, page: str | None, result: LanguageBuild, lock: threading.Lock, concurrent: int
) -> None:
    log_path = BUILD / lang / "build.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        log_path.open("w", encoding="utf-8") as log,
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _SPHINX_CHILD,
                str(os.getpid()),
                *sphinx_arguments(lang, page, fresh=bool(result.fresh)),
            ],
            cwd=ROOT,
            pass_fds=tuple(_LOCK),
            env=build_environment(concurrent),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        ) as process,
    ):
        assert process.stdout is not None
        for line in process.stdout:
            log.write(line)
            with lock:
                print(f"[{lang}] {line}", end="", flush=True)
            if match := _EXECUTED_NB.search(line):
                result.notebooks_executed.append(float(match.group(1)))
    result.returncode = process.returncode


