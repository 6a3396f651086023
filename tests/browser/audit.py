"""
What every resident page a journey opens must pass: axe-core finds no serious or critical
violation, and the page weighs under 100 KB on the network, photos left out.

axe-core is vendored in vendor/ (MPL-2.0, its licence beside it) and evaluated in the page through
the DevTools protocol rather than added as a <script> tag: the portal's Content-Security-Policy
forbids inline scripts, and the journeys run under it as residents do.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
MAX_PAGE_BYTES = 100_000

# What a first visit downloads: the document as transferred, and each style, script or font at its
# encoded size even when this browser had it cached from an earlier page. Photos (img elements and
# uploaded media) are left out: a report with photos weighs what its photos weigh.
WEIGHT = """() => {
  const [navigation] = performance.getEntriesByType("navigation");
  const others = performance.getEntriesByType("resource")
    .filter(r => r.initiatorType !== "img" && !new URL(r.name).pathname.startsWith("/media/"));
  return [navigation, ...others].map(r => ({
    name: r.name, bytes: Math.max(r.transferSize, r.encodedBodySize),
  }));
}"""

RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")),
  }));
}"""


@dataclass
class PageAudit:
    url: str
    violations: list[dict]
    resources: list[dict]

    @property
    def weight(self) -> int:
        return sum(resource["bytes"] for resource in self.resources)

    @property
    def blocking(self) -> list[dict]:
        return [v for v in self.violations if v["impact"] in BLOCKING_IMPACTS]

    def describe(self, violations: list[dict] | None = None) -> str:
        lines = [f"{self.url}: {self.weight} bytes"]
        for v in self.blocking if violations is None else violations:
            lines.append(f"  {v['impact']} {v['id']} ({v['help']}): {', '.join(v['nodes'][:5])}")
        return "\n".join(lines)


audited: list[PageAudit] = []  # this test's pages, written to artifacts/ by the conftest


@cache
def axe_source() -> str:
    return AXE.read_text()


def axe_violations(page: "Page") -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(RUN_AXE)


def downloads(page: "Page") -> list[dict]:
    """What the page cost on the network, photos left out: [{"name": url, "bytes": n}, …]."""
    page.wait_for_load_state("load")
    return page.evaluate(WEIGHT)


def audit(page: "Page") -> PageAudit:
    return PageAudit(url=page.url, resources=downloads(page), violations=axe_violations(page))


def assert_resident_page_passes(page: "Page") -> PageAudit:
    """The page as it is now: accessible (no serious or critical axe violation) and light."""
    result = audit(page)
    audited.append(result)
    assert not result.blocking, f"serious or critical axe violations on {result.describe()}"
    assert result.weight < MAX_PAGE_BYTES, f"heavier than {MAX_PAGE_BYTES} bytes: {result.describe()}"
    return result
