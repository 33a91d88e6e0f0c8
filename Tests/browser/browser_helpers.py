"""What the browser tests share: the pages of each template, and a thin wrapper around the
Selenium driver for loading pages, emulating phones and media features, and reading logs."""

import base64
import json
import time
from pathlib import Path
from urllib.parse import urlsplit

from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
TODAY = "2026-11-29"
BASE_PATH = "/gongbao/"

# One page of every template of the seed site (path under /gongbao/). `downloads` is skipped
# when the build does not write that page.
TEMPLATES = {
    "home": "",
    "issues": "issues/",
    "issue": "issues/2023-01/",
    "documents": "documents/",
    "document": "documents/azbf-2023-9/",
    "interpretation": "interpretations/azbf-2023-9/",
    "notices": "notices/",
    "notice": "notices/xikou-village-plan-2023/",
    "leadership": "leadership/",
    "leader": "leadership/wang-xiaohuan/",
    "division": "leadership/divisions/2023-01-17/",
    "departments": "departments/",
    "department": "departments/audit/",
    "committees": "committees/",
    "committee": "committees/yiwu-jiaoyu/",
    "people": "people/",
    "search": "search/?q=%E5%BA%AD%E9%99%A2%E7%BB%8F%E6%B5%8E",   # 庭院经济
    "help-elder": "help/elder/",
    "404": "no-such-page/",
    "downloads": "downloads/",
}
# The templates whose screenshots are kept as artefacts of the phone-width tests.
MAIN_TEMPLATES = ["home", "issue", "document", "interpretation", "notices", "notice", "leadership",
                  "department", "search", "help-elder", "404"]

# Runs before any script of every page: records CSP violations and uncaught errors.
RECORDER = """
window.__gazette = {csp: [], errors: []};
document.addEventListener('securitypolicyviolation', function (e) {
  window.__gazette.csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
window.addEventListener('error', function (e) { window.__gazette.errors.push(String(e.message)); });
"""


def template_path(site, name):
    """The page of a template, or None when the built site has no such page."""
    path = TEMPLATES[name]
    if name == "downloads" and not (site / "downloads/index.html").exists():
        return None
    return path


class Browser:
    """The session's Chromium, pointed at the nginx origin."""

    def __init__(self, driver, origin):
        self.driver = driver
        self.origin = origin
        self._injected = []
        if not getattr(driver, "_gazette_recorder", False):
            driver.execute_cdp_cmd("Page.enable", {})
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
            driver._gazette_recorder = True

    # MARK: - Pages

    def url(self, path=""):
        return self.origin + BASE_PATH + path

    def open(self, path=""):
        """Loads a page of the site (a path under /gongbao/) and waits until it is complete."""
        self.driver.get(self.url(path))
        self.wait_ready()

    def navigated_by(self, action):
        """Runs `action` (a click, a key) and waits until it has loaded another page."""
        before = self.driver.current_url
        mark = f"page-{time.monotonic_ns()}"
        self.js("window.__gazettePage = arguments[0]", mark)
        action()
        self.wait(lambda: self.js("return window.__gazettePage") != mark, timeout=20,
                  message=f"no new page was loaded from {before}")
        self.wait_ready()

    def wait_ready(self):
        WebDriverWait(self.driver, 20).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def wait(self, condition, timeout=15, message=""):
        return WebDriverWait(self.driver, timeout).until(lambda d: condition(), message)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def cdp(self, command, params=None):
        return self.driver.execute_cdp_cmd(command, params or {})

    @property
    def path(self):
        """The current page's path under the site, with its query."""
        parts = urlsplit(self.driver.current_url)
        path = parts.path[len(BASE_PATH):] if parts.path.startswith(BASE_PATH) else parts.path
        return path + ("?" + parts.query if parts.query else "")

    # MARK: - Emulation

    def phone(self, width, height=800):
        """A phone's viewport: `width` CSS pixels, the page's meta viewport honoured."""
        self.cdp("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
        self.cdp("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})

    def media(self, **features):
        """Emulates CSS media features, e.g. media(prefers_contrast="more")."""
        self.cdp("Emulation.setEmulatedMedia", {
            "media": "", "features": [{"name": k.replace("_", "-"), "value": v} for k, v in features.items()]})

    def before_every_page(self, source):
        """Runs `source` before any script of every page loaded from now until reset()."""
        identifier = self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": source})["identifier"]
        self._injected.append(identifier)

    def reset(self):
        """Back to a desktop window with no emulation, no stored preferences and empty logs."""
        for identifier in self._injected:
            self.cdp("Page.removeScriptToEvaluateOnNewDocument", {"identifier": identifier})
        self._injected = []
        self.cdp("Emulation.clearDeviceMetricsOverride")
        self.cdp("Emulation.setTouchEmulationEnabled", {"enabled": False})
        self.cdp("Emulation.setEmulatedMedia", {"media": "", "features": []})
        if not self.driver.current_url.startswith(self.origin):
            self.open("help/elder/")
        self.js("try { localStorage.clear(); } catch (e) {}")
        self.driver.delete_all_cookies()
        self.console_entries()
        self.requests()

    # MARK: - Elder mode

    def elder_on(self):
        """Turns 长辈模式 on through the switch, as a visitor would."""
        if not self.js("return document.documentElement.classList.contains('elder')"):
            self.driver.find_element("css selector", "[data-elder-toggle]").click()
            self.wait(lambda: self.js("return document.documentElement.classList.contains('elder')"),
                      message="the elder-mode switch did not turn 长辈模式 on")

    def root_font_px(self):
        return float(self.js("return parseFloat(getComputedStyle(document.documentElement).fontSize)"))

    # MARK: - Logs

    def console_entries(self):
        """Console messages since the last call (the driver's browser log is drained)."""
        return self.driver.get_log("browser")

    def recorded(self):
        """CSP violations and uncaught errors recorded on the current page."""
        return self.js("return window.__gazette || {csp: ['recorder missing'], errors: []}")

    def requests(self):
        """URLs of every request the pages made since the last call (from the performance log)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    # MARK: - Artefacts

    def screenshot(self, path, max_height=6000):
        """A PNG of the whole page (down to max_height CSS pixels) at the current viewport."""
        metrics = self.cdp("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width = self.js("return document.documentElement.clientWidth")
        height = min(size["height"], max_height)
        shot = self.cdp("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def pdf(self):
        """The current page printed by Chromium (print stylesheet, A4 from @page)."""
        result = self.cdp("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
        return base64.b64decode(result["data"])


def settle(seconds=0.2):
    """Lets a just-changed page run its scripts and lay itself out again."""
    time.sleep(seconds)
