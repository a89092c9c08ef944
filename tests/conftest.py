"""Shared fixtures: the built site is built once per test run (incrementally in build/)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Everything the project needs is in the repository: a test that opens a file beside the
# checkout (a sibling folder such as ../shared) would pass here and test less, or fail,
# on another machine. An audit hook notes every such open; the test that made it fails.
_OUTSIDE: list[str] = []


# what may sit beside the checkout without being the project's: the temporary folder,
# Python itself, and hidden folders (a home directory's caches, when the checkout is there)
_NOT_THE_PROJECTS = tuple(
    os.path.realpath(p) + os.sep for p in (tempfile.gettempdir(), sys.prefix, sys.base_prefix)
)


def outside_the_repository(path: str, root: Path = ROOT) -> bool:
    """Whether ``path`` is beside the checkout ``root``: in its parent folder, not in it.

    >>> outside_the_repository("/work/shared/seeds/a.txt", Path("/work/main"))
    True
    >>> outside_the_repository("/work/main/docs/x.md", Path("/work/main"))
    False
    >>> outside_the_repository("/work/.cache/x", Path("/work/main"))
    False
    """
    parent = str(root.parent).rstrip(os.sep) + os.sep
    if parent == os.sep or not path.startswith(parent):  # a checkout at / has no siblings
        return False
    first = path[len(parent) :].split(os.sep)[0]
    return (
        first != root.name
        and not first.startswith(".")
        and not path.startswith(_NOT_THE_PROJECTS)
    )


def _note_outside_reads(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        path = os.path.realpath(os.fsdecode(args[0]))
        if outside_the_repository(path):
            _OUTSIDE.append(path)


sys.addaudithook(_note_outside_reads)


@pytest.fixture(autouse=True)
def _reads_nothing_outside_the_repository() -> Iterator[None]:
    start = len(_OUTSIDE)
    yield
    if opened := _OUTSIDE[start:]:
        pytest.fail(f"the test opened files outside the repository: {sorted(set(opened))}")


@pytest.fixture(scope="session")
def site() -> Path:
    """The deployable site folder.

    ``SITE_DIR`` points at an already built site; otherwise ``tools/build_site.py``
    runs once (reusing ``build/`` caches, so an unchanged tree rebuilds in seconds).
    """
    if given := os.environ.get("SITE_DIR"):
        return Path(given)
    # With pytest-xdist every worker asks for the site: the first builds it while the
    # others wait, and they then use it as it is. A second build would swap build/site
    # while the first worker's tests read it.
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", f"pid {os.getpid()}")
    built = ROOT / "build" / ".tests-site-built"
    (ROOT / "build").mkdir(exist_ok=True)
    with (ROOT / "build" / ".tests-site.lock").open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        if built.exists() and built.read_text(encoding="utf-8") == run:
            return ROOT / "build" / "site"
        built.unlink(missing_ok=True)
        result = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "build_site.py")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        if result.returncode != 0:
            pytest.fail(f"the site build failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
        built.write_text(run, encoding="utf-8")
    return ROOT / "build" / "site"


TIERS = ("site", "browser", "downloads", "build")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's headless chromium, one per test module (the browser and accessibility tests)."""
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM_ARGS, require_chromium

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test in no other tier is a unit test: ``nox -s tests -- -m unit`` runs them alone."""
    for item in items:
        if not any(item.get_closest_marker(tier) for tier in TIERS):
            item.add_marker(pytest.mark.unit)
