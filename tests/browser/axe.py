"""axe-core (shipped by axe-playwright-python) on a page at both widths, counted for the summary
the suite prints at its end; and the reflow check at 320 px (WCAG 1.4.10)."""

from axe_playwright_python.sync_playwright import Axe

WIDE, NARROW = 1280, 320
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}

CHECKS: list[tuple[str, int, int]] = []  # (page and state, width, violations)
_axe = Axe()

# Wider than the window: the page itself, not a data table scrolling inside its own box.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const outside = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.parentElement.closest(".table-responsive")) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) outside.push(el.tagName + "." + el.className);
  }
  return {scroll: document.documentElement.scrollWidth - width, outside: outside.slice(0, 5)};
}"""


def _describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)


def no_page_scroll(page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= 0, f"{page.url}: scrolls sideways by {found['scroll']} px: {found}"


def check(page, state: str) -> None:
    """axe-core with the WCAG 2.1 A/AA rules at 1280 and 320 px: no violation. At 320 px the
    page must not scroll sideways either. The window is left as it was."""
    before = page.viewport_size
    try:
        for width in (WIDE, NARROW):
            page.set_viewport_size({"width": width, "height": before["height"]})
            violations = _axe.run(page, options=OPTIONS).response["violations"]
            CHECKS.append((state, width, len(violations)))
            assert not violations, f"{state} at {width} px ({page.url}):\n{_describe(violations)}"
            if width == NARROW:
                no_page_scroll(page)
    finally:
        page.set_viewport_size(before)


def summary() -> str:
    states = {state for state, _width, _found in CHECKS}
    widths = {width for _state, width, _found in CHECKS}
    violations = sum(found for _state, _width, found in CHECKS)
    return (
        f"axe-core: {len(CHECKS)} checks ({len(states)} pages and states × {len(widths)} widths), "
        f"{violations} violations"
    )
