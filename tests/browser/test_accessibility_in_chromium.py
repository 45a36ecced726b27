"""Every page passes axe-core in Chromium with no serious or critical violation.

axe-core is vendored from npm (``tests/browser/vendor/axe.min.js``, version and licence in
``vendor/README.md``) and injected into each page; the page's own CSP forbids inline and
foreign scripts, so the tab is opened with Playwright's CSP bypass (for the test's script
only: the app's own scripts run as they always do). Each page is checked as the role
that uses it, after its scripts have drawn what they draw.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import Visit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.neo4j

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text("utf-8")
#: What makes a violation fail the test (axe's impacts: minor, moderate, serious, critical).
FAILING = ("serious", "critical")
#: (account or None for logged out, path, a selector the page shows once its scripts are done)
PAGES = [
    (None, "/login", "form"),
    ("admin", "/", "main"),
    ("hr", "/", "main"),
    ("sana", "/", "main"),
    ("vic", "/", "main"),
    ("vic", "/search?q=dana", "main"),
    ("vic", "/people/p033", "main"),
    ("hr", "/people/p033", "main"),
    ("vic", "/explore/p033?depth=2", "#graph[data-version]"),
    ("vic", "/paths?from=p033&to=p100", "main"),
    ("hr", "/introductions", "main"),
    ("hr", "/succession", "main"),
    ("hr", "/succession/positions/pos-head-sales", "main"),
    ("hr", "/succession/what-if", "main"),
    ("hr", "/succession/chart", '.oc[data-ready="true"] .oc-card'),
    ("hr", "/programme", "main"),
    ("admin", "/audit", "main"),
    ("admin", "/people/p033/erase", "main"),
]
RUN_AXE = """async () => {
  const found = await axe.run(document, {resultTypes: ["violations"]});
  return found.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                                      where: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
}"""


#: What the what-if form sends for "what if the CEO leaves, with the promotion chain" (the
#: form's name field sends ids through hidden inputs: set here directly, the keyboard flow has its own test)
WHAT_IF = """() => {
  const form = document.querySelector("form.what-if-form");
  form.querySelector("input[type=hidden][name=leavers]").value = "p001";
  form.querySelector("input[name=promote]").checked = true;
  form.submit();
}"""


def violations(
    chromium,
    live_app,
    account: str | None,
    path: str,
    ready: str,
    then: str | None = None,
    then_ready: str | None = None,
) -> list[dict]:
    tab = Visit.__new__(Visit)
    tab.base, tab.foreign, tab.dialogs = live_app, [], []
    tab.context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab.page = tab.context.new_page()
    tab.page.route("**/*", tab._route)
    try:
        if account:
            tab.go("/login")
            tab.page.fill("input[name=name]", account)
            tab.page.fill("input[name=password]", PASSWORD)
            tab.page.click("button[type=submit]")
            tab.page.wait_for_url(live_app + "/")
        tab.go(path)
        tab.page.wait_for_selector(ready)
        if then:
            with tab.page.expect_navigation():
                tab.page.evaluate(then)
            tab.page.wait_for_selector(then_ready)
        tab.page.add_script_tag(content=AXE)
        found = tab.page.evaluate(RUN_AXE)
        assert tab.foreign == [], tab.foreign
        return [v for v in found if v["impact"] in FAILING]
    finally:
        tab.context.close()


@pytest.mark.parametrize("account, path, ready", PAGES, ids=[f"{a or 'anonymous'}:{p}" for a, p, _ in PAGES])
def test_the_page_has_no_serious_or_critical_accessibility_violation(chromium, live_app, account, path, ready):
    assert violations(chromium, live_app, account, path, ready) == []


def test_a_what_if_answer_with_its_chain_and_org_chart_has_no_serious_violation(chromium, live_app):
    assert (
        violations(
            chromium,
            live_app,
            "hr",
            "/succession/what-if",
            "form.what-if-form",
            WHAT_IF,
            '.oc[data-ready="true"] .oc-card',
        )
        == []
    )


# -- flows done with the keyboard alone ---------------------------------------------------------------


def tab_to(page, selector: str, most: int = 60) -> None:
    """Press Tab until the focused element matches ``selector`` (as a keyboard user would)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement !== null && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_log_in_with_the_keyboard_alone(visit, live_app):
    tab = visit()
    tab.go("/login")
    tab_to(tab.page, "input[name=name]")
    tab.page.keyboard.type("vic")
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.type(PASSWORD)
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(live_app + "/")
    assert "vic" in tab.page.inner_text("header, nav, body")


def test_search_and_open_a_person_with_the_keyboard_alone(visit):
    tab = visit("vic")
    tab.go("/search")
    tab_to(tab.page, "input[name=q]")
    tab.page.keyboard.type("okafor")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_selector("main a:text-is('Dana Okafor')")
    tab_to(tab.page, "main a[href$='/people/p033']")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/people/p033")


def test_propose_an_introduction_with_the_keyboard_alone(visit, restored):
    tab = visit("sana")
    tab.go("/people/p033")
    tab_to(tab.page, "ol.recommendations button")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/introductions")
    assert "proposed: Sana Saleh introduces Dana Okafor to" in tab.page.inner_text(".flash")
