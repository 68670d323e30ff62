"""axe-core (bundled by axe-playwright-python, offline) on the page a test has open: no WCAG
2.0/2.1 A or AA violation. Shared by the accessibility tests and the phone journeys."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

def axe_violations(page: Page) -> list[dict]:
    return AXE.run(page, options=AXE_OPTIONS).response["violations"]

def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} WCAG A/AA violation(s) on {url}:"]
    for v in violations:
        tags = ", ".join(t for t in v["tags"] if t.startswith("wcag"))
        lines.append(f"\n- {v['id']} ({v['impact']}; {tags}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    * target {' '.join(map(str, node['target']))}")
            lines.append(f"      html   {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"      why    {summary[:500]}")
    return "\n".join(lines)

def assert_no_wcag_violations(page: Page) -> None:
    violations = axe_violations(page)
    if violations:
        raise AssertionError(describe_violations(page.url, violations))
