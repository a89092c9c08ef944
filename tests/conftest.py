"""Shared fixtures: the built site is built once per test run (incrementally in build/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def site() -> Path:
    """The deployable site folder.

    ``SITE_DIR`` points at an already built site; otherwise ``tools/build_site.py``
    runs once (reusing ``build/`` caches, so an unchanged tree rebuilds in seconds).
    """
    if given := os.environ.get("SITE_DIR"):
        return Path(given)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_site.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if result.returncode != 0:
        pytest.fail(f"the site build failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return ROOT / "build" / "site"


TIERS = ("site", "browser", "downloads", "build")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test in no other tier is a unit test: ``nox -s tests -- -m unit`` runs them alone."""
    for item in items:
        if not any(item.get_closest_marker(tier) for tier in TIERS):
            item.add_marker(pytest.mark.unit)
