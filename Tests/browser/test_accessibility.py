"""axe-core (axe-selenium-python) on one page of every template, in the standard mode and in
长辈模式: no serious or critical violations (WCAG 2.1 A and AA rules and axe's best practices)."""

import importlib.util
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_helpers import TEMPLATES, template_path

BLOCKING = {"serious", "critical"}


def axe_script():
    """axe-core 4 from axe-core-python when installed (it knows the WCAG 2.1 rules), else the
    axe-core 3.1 that axe-selenium-python bundles."""
    spec = importlib.util.find_spec("axe_core_python")
    if spec and spec.origin:
        script = Path(spec.origin).parent / "axe.min.js"
        if script.exists():
            return str(script)
    return None


def blocking_violations(browser):
    script = axe_script()
    axe = Axe(browser.driver, script) if script else Axe(browser.driver)
    axe.inject()
    version = browser.js("return axe.version")
    tags = ["wcag2a", "wcag2aa", "best-practice"]
    if not version.startswith(("1.", "2.", "3.")):
        tags[2:2] = ["wcag21a", "wcag21aa"]
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations", "passes"]}
    # Axe.run() waits for ever when axe rejects its promise: report the error instead.
    results = browser.driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(done, function (e) { done({error: String(e)}); });", options)
    assert "error" not in results, f"axe {version} failed: {results.get('error')}"
    found = [v for v in results["violations"] if v.get("impact") in BLOCKING]
    return found, results


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']} — {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def open_template(browser, site, name):
    path = template_path(site, name)
    if path is None:
        pytest.skip(f"the site has no {name} page")
    browser.open(path)
    if name == "search" and browser.js("return !!document.querySelector('#search-results')"):
        # Let the results arrive, so that they are checked too.
        browser.wait(lambda: browser.js(
            "return document.querySelector('#search-results li') || document.querySelector('#search-status').textContent"),
            timeout=20)


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_serious_violations(browser, site, name):
    open_template(browser, site, name)
    violations, results = blocking_violations(browser)
    assert results["passes"], "axe ran no checks"
    assert not violations, f"{name} ({browser.path}):\n" + describe(violations)


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_serious_violations_in_elder_mode(browser, site, name):
    open_template(browser, site, name)
    browser.elder_on()
    violations, _ = blocking_violations(browser)
    assert not violations, f"{name} in 长辈模式 ({browser.path}):\n" + describe(violations)


def test_landmarks_headings_and_names(browser, site):
    """What axe does not require of every page but this site promises: one h1, headings that
    never skip a level, main/banner/contentinfo/navigation landmarks, a named search form."""
    for name in TEMPLATES:
        path = template_path(site, name)
        if path is None:
            continue
        browser.open(path)
        levels = [int(h.tag_name[1]) for h in browser.driver.find_elements(By.CSS_SELECTOR, "h1, h2, h3, h4, h5, h6")]
        assert levels.count(1) == 1, f"{name}: one h1 ({levels})"
        assert levels[0] == 1, f"{name}: the h1 comes first ({levels})"
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{name}: heading level jumps from h{before} to h{after}"
        for selector in ["main#main", "header.site-header", "footer", "nav[aria-label]", "form[role=search] label"]:
            assert browser.driver.find_elements(By.CSS_SELECTOR, selector), f"{name}: no {selector}"
        assert browser.js("return document.documentElement.lang") == "zh-Hans"


@pytest.mark.parametrize("name", ["home", "document", "leadership", "search"])
def test_keyboard_focus_is_always_visible(browser, site, name):
    """Tabbing through the page: every stop is shown with an outline (or a ring), in order."""
    browser.open(template_path(site, name))
    seen = []
    for _ in range(25):
        browser.driver.switch_to.active_element.send_keys(Keys.TAB)
        state = browser.js("""
            var el = document.activeElement, s = getComputedStyle(el);
            return {what: el.tagName.toLowerCase() + ' ' + (el.textContent || el.value || el.name || '').trim().slice(0, 15),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    ring: s.boxShadow !== 'none', visible: el.getBoundingClientRect().height > 0};""")
        if state["what"].startswith("body"):
            break
        seen.append(state["what"])
        assert state["visible"], f"{name}: focus went to an invisible element: {state['what']}"
        assert state["outline"] or state["ring"], f"{name}: no visible focus on {state['what']}"
    assert seen and seen[0].startswith("a 跳到正文"), f"{name}: the skip link is the first stop ({seen[:3]})"
