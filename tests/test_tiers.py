"""The test tiers: every test in exactly the tiers it needs; the browser tests' rule."""

from __future__ import annotations

import pytest
import test_browser


def test_browser_tests_skip_without_chromium_on_a_contributors_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(test_browser, "chromium_path", lambda: None)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        test_browser.require_chromium()


def test_browser_tests_fail_without_chromium_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(test_browser, "chromium_path", lambda: None)
    with pytest.raises(pytest.fail.Exception, match="CI is set, so they must run"):
        test_browser.require_chromium()


def test_browser_path_is_used_when_chromium_is_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(test_browser, "chromium_path", lambda: "/usr/bin/chromium")
    assert test_browser.require_chromium() == "/usr/bin/chromium"


def test_tiers_are_declared(pytestconfig: pytest.Config) -> None:
    declared = {line.split(":")[0] for line in pytestconfig.getini("markers")}
    assert {"unit", "site", "browser", "downloads", "build"} <= declared
