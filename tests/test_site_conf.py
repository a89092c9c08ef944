"""The shared Sphinx configuration: what makes an edit reach every page."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

import site_conf  # noqa: E402


def test_editing_a_static_file_changes_the_html_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit to site.css alone must rewrite every page, or pages keep its old ``?v=``."""
    (tmp_path / "_static").mkdir()
    sheet = tmp_path / "_static" / "site.css"
    sheet.write_text("p { color: red }", encoding="utf-8")
    monkeypatch.setattr(site_conf, "DOCS", tmp_path)
    before = site_conf.static_revision()
    sheet.write_text("p { color: blue }", encoding="utf-8")
    assert site_conf.static_revision() != before
    assert site_conf.configure("en")["html_context"] == {
        "static_revision": site_conf.static_revision()
    }
