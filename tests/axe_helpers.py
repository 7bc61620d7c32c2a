"""axe-core in browser tests: inject the vendored axe (tests/vendor/axe.min.js, npm axe-core, MPL-2.0)
into a Playwright page and check that it finds nothing.

    from axe_helpers import assert_accessible
    assert_accessible(page)                      # the whole page, WCAG 2.1 A and AA rules
    assert_accessible(page, include="#main")     # a part of it
    violations = axe_violations(page)            # the raw list, to look at or filter

The script comes from this repository, never from the internet; axe runs in the page as it is
(after the page's own scripts have drawn what they draw: wait for that first).
"""
from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")


def axe_violations(page, *, include: str | None = None, tags=TAGS, disable: tuple = ()) -> list[dict]:
    """Run axe on the page (or the part *include* selects); returns its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text("utf-8"))
    options = {"runOnly": {"type": "tag", "values": list(tags)},
               "rules": {rule: {"enabled": False} for rule in disable}}
    return page.evaluate(
        "async ([include, options]) => (await axe.run(include ? {include: [include]} : document, options)).violations",
        [include, options])


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {', '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def assert_accessible(page, **kwargs) -> None:
    violations = axe_violations(page, **kwargs)
    assert not violations, "axe-core found:\n" + describe(violations)
