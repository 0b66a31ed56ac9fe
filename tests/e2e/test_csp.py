"""The Content-Security-Policy (docs/security.md) blocks nothing the pages need: no CSP
violation in the browser's console on the pages with charts and maps, and the charts draw."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = ["/", "/map", "/borough/E09000016", "/data", "/methods"]


@pytest.mark.parametrize("path", PAGES)
def test_no_content_security_policy_violation(page: Any, base_url: str, path: str) -> None:
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.on("pageerror", lambda e: messages.append(str(e)))
    response = page.goto(base_url + path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    if path in ("/map", "/borough/E09000016"):
        page.wait_for_selector("#map[data-ready=true]")
    if path == "/borough/E09000016":
        page.wait_for_selector(".cp-chart svg, .cp-chart canvas", timeout=20_000)
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == [], violations
