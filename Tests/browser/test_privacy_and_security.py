"""No third-party requests, a Content-Security-Policy the site honours, and no JavaScript errors:
every page of every template is visited (with a search and a leadership lookup run) while the
performance log records each request and the console and CSP events are collected."""

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from browser_helpers import TEMPLATES, template_path


def visit_everything(browser, site):
    """Visits one page of every template, using their scripts; yields (name, page) as it goes."""
    for name in TEMPLATES:
        path = template_path(site, name)
        if path is None:
            continue
        browser.open(path)
        if name == "search":
            browser.wait(lambda: browser.driver.find_elements(By.CSS_SELECTOR, "#search-results li"), timeout=20,
                         message="the search page showed no results")
        if name == "leadership":
            browser.driver.find_element(By.CSS_SELECTOR, "[data-lookup-input]").send_keys("审计局")
        if name == "home":
            browser.driver.find_element(By.CSS_SELECTOR, "[data-elder-toggle]").click()
            browser.driver.find_element(By.CSS_SELECTOR, "[data-elder-toggle]").click()
        yield name, browser.recorded(), browser.console_entries()


def test_every_request_stays_on_the_sites_own_origin(browser, site):
    for _ in visit_everything(browser, site):
        pass
    requests = browser.requests()
    assert len(requests) > len(TEMPLATES), "the performance log recorded too few requests"
    host = urlsplit(browser.origin).netloc
    foreign = sorted({url for url in requests
                      if not url.startswith("data:") and urlsplit(url).netloc != host})
    assert not foreign, f"requests to other hosts: {foreign}"
    # Fonts are the visitor's own (no web fonts are downloaded from anywhere).
    assert not [url for url in requests if url.endswith((".woff", ".woff2", ".ttf", ".otf"))]


def test_no_csp_violations_or_javascript_errors(browser, site):
    problems = []
    for name, recorded, console in visit_everything(browser, site):
        problems += [f"{name}: CSP {violation}" for violation in recorded["csp"]]
        problems += [f"{name}: uncaught {error}" for error in recorded["errors"]]
        for entry in console:
            if entry["level"] != "SEVERE":
                continue
            if name == "404" and "status of 404" in entry["message"] and "no-such-page" in entry["message"]:
                continue   # the 404 page itself, answered with status 404 as it should be
            problems.append(f"{name}: console {entry['message']}")
    assert not problems, "\n".join(problems)


def test_pages_are_served_with_the_content_security_policy(browser):
    """Checked in the browser: an inline script injected into a page is refused."""
    browser.open("documents/")
    browser.js("""
        var s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.body.appendChild(s);""")
    browser.wait(lambda: browser.recorded()["csp"], timeout=5, message="no CSP violation for an inline script")
    assert not browser.js("return window.__inlineRan === true"), "an inline script ran: the CSP is not applied"
    assert any("script-src" in v for v in browser.recorded()["csp"])
    browser.console_entries()
