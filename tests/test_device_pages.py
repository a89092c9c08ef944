""""Using this site" names the pages that put tensors on a device; the list stays true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEVICE_CODE = re.compile(r"torch\.accelerator\.|pick_device\(")


def pages_with_device_code(lang: str) -> set[str]:
    found = {
        f"{p.parent.name}/{p.stem}"
        for p in (ROOT / "gallery" / lang).rglob("plot_*.py")
        if DEVICE_CODE.search(p.read_text(encoding="utf-8"))
    }
    found |= {
        f"{p.parent.name}/{p.stem}"
        for p in (ROOT / "docs" / lang / "getting-started").glob("*.md")
        if p.stem != "using-this-site" and DEVICE_CODE.search(p.read_text(encoding="utf-8"))
    }
    return found


def pages_named(lang: str) -> set[str]:
    text = (ROOT / "docs" / lang / "getting-started" / "using-this-site.md").read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if "plot_09_devices" in p)
    named = {f"{chapter}/{page}" for chapter, page in re.findall(r"sphx_glr_auto_examples_([a-z]+)_(plot_\w+?)\.py", paragraph)}
    named |= {f"getting-started/{page}" for page in re.findall(r"\{doc\}`([\w-]+)`", paragraph)}
    return named


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_using_this_site_names_every_page_with_device_code(lang: str) -> None:
    assert pages_named(lang) == pages_with_device_code(lang)
