"""At a phone's width (375 and 320 CSS pixels, the page's meta viewport honoured): no horizontal
page scrolling, wide tables scroll inside their own focusable region, tap targets of controls at
least 44 px tall (WCAG 2.5.5; inline links inside running text are exempt, as in 2.5.8's inline
exception). Screenshots of the main templates go to test-artifacts/browser/<width>/."""

import pytest
from selenium.webdriver.common.keys import Keys

from browser_helpers import ARTIFACTS, MAIN_TEMPLATES, TEMPLATES, settle, template_path

WIDTHS = [375, 320]

# Elements sticking out to the right of the viewport, except inside a box that scrolls or clips.
OVERFLOWING = """
const width = document.documentElement.clientWidth;
function clipped(el) {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) return true;
  }
  return false;
}
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  // The box itself, or text overflowing it (a text node has no box of its own).
  const right = Math.max(r.right, getComputedStyle(el).overflowX === 'visible' ? r.left + el.scrollWidth : 0);
  if (r.width === 0 || right <= width + 1 || clipped(el)) continue;
  out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
           (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
           ' right=' + Math.round(right));
}
return out.slice(0, 10);
"""

# Every table: its width, whether it is inside a horizontally scrolling box, and that box's traits.
TABLES = """
const width = document.documentElement.clientWidth;
return Array.from(document.querySelectorAll('main table')).map(function (table) {
  let box = null;
  for (let p = table.parentElement; p && p !== document.body; p = p.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) { box = p; break; }
  }
  const caption = table.querySelector('caption');
  const info = {caption: caption ? caption.textContent.trim() : '(no caption)',
                right: Math.round(table.getBoundingClientRect().right), viewport: width, box: null};
  if (box) {
    const r = box.getBoundingClientRect();
    info.box = {right: Math.round(r.right), scrolls: box.scrollWidth > box.clientWidth + 1,
                tabindex: box.tabIndex, role: box.getAttribute('role'),
                named: !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'))};
  }
  return info;
});
"""

# Controls of the page frame and forms that a finger must hit. Inline links inside running text
# (paragraphs, list items, table cells) are exempt, as WCAG 2.5.8 exempts inline targets.
TAP_TARGETS = """
const selector = ['.toolbar a', '.toolbar button', 'header a', 'header button', 'header input', 'header select',
  'nav a', 'form input:not([type=hidden])', 'form button', 'form select', 'form textarea', 'a.button',
  'main button', '.prev-next a'].join(',');
return Array.from(document.querySelectorAll(selector)).filter(function (el) {
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1 && style.visibility !== 'hidden' && !el.closest('[hidden]');
}).map(function (el) {
  const r = el.getBoundingClientRect();
  return {what: el.tagName.toLowerCase() + ' “' + (el.textContent || el.value || el.name || '').trim().slice(0, 20) + '”',
          height: r.height, width: r.width};
});
"""


def open_at(browser, site, name, width, elder=False):
    path = template_path(site, name)
    if path is None:
        pytest.skip(f"the site has no {name} page")
    browser.phone(width)
    browser.open(path)
    if elder:
        browser.elder_on()
    if name == "search":
        browser.wait(lambda: browser.js(
            "return !document.querySelector('#search-status') || document.querySelector('#search-status').textContent"),
            timeout=20)
    settle()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", TEMPLATES)
def test_fits_the_phone_with_large_enough_tap_targets(browser, site, name, width, artifacts):
    """One load per page and width: no sideways scrolling, nothing sticking out, controls ≥ 44 px."""
    open_at(browser, site, name, width)
    if name in MAIN_TEMPLATES:
        browser.screenshot(ARTIFACTS / str(width) / f"{name}.png")
    assert browser.js("return innerWidth") == width
    scroll_width = browser.js("return document.documentElement.scrollWidth")
    browser.js("window.scrollTo(200, 0)")
    shifted = browser.js("return window.scrollX")
    assert scroll_width <= width and shifted == 0, (
        f"{name} at {width}px scrolls sideways (page {scroll_width}px wide): {browser.js(OVERFLOWING)}")
    assert not browser.js(OVERFLOWING), f"{name} at {width}px: content sticks out: {browser.js(OVERFLOWING)}"

    targets = browser.js(TAP_TARGETS)
    assert targets, f"{name}: no controls found"
    small = [f"{t['what']} {t['width']:.0f}×{t['height']:.0f}" for t in targets if t["height"] < 43.5]
    assert not small, f"{name} at {width}px: tap targets under 44 px tall: {small[:12]}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "issue", "document", "notice", "leadership", "department", "search"])
def test_no_horizontal_scrolling_in_elder_mode(browser, site, name, width, artifacts):
    open_at(browser, site, name, width, elder=True)
    if width == 375:
        browser.screenshot(ARTIFACTS / "375-elder" / f"{name}.png")
    scroll_width = browser.js("return document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name} in 长辈模式 at {width}px scrolls sideways: {browser.js(OVERFLOWING)}"
    assert not browser.js(OVERFLOWING), f"{name} in 长辈模式 at {width}px: content sticks out: {browser.js(OVERFLOWING)}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["document", "notice", "leadership", "division", "downloads"])
def test_wide_tables_scroll_in_their_own_focusable_region(browser, site, name, width):
    open_at(browser, site, name, width)
    tables = browser.js(TABLES)
    assert tables, f"{name} has no table to check"
    for table in tables:
        label = f"{name} at {width}px, table “{table['caption']}”"
        assert table["caption"] != "(no caption)", f"{label}: tables need a caption"
        box = table["box"]
        if box is None:
            assert table["right"] <= width, f"{label} is wider than the screen and not in a scrolling box"
            continue
        assert box["right"] <= width, f"{label}: its scrolling box is wider than the screen"
        if box["scrolls"]:
            assert box["tabindex"] >= 0, f"{label}: the scrolling box must be focusable for keyboard users"
            assert box["role"] == "region" and box["named"], f"{label}: the scrolling box needs role=region and a name"


def test_a_wide_table_scrolls_with_the_keyboard(browser, site):
    open_at(browser, site, "leadership", 375)
    region = browser.driver.find_element("css selector", ".matrix-scroll")
    assert browser.js("return arguments[0].scrollWidth > arguments[0].clientWidth", region), "the matrix should be wider than a phone"
    browser.js("arguments[0].focus()", region)
    region.send_keys(Keys.ARROW_RIGHT * 5)
    browser.wait(lambda: browser.js("return arguments[0].scrollLeft", region) > 0,
                 message="arrow keys do not scroll the focused table region")
    assert browser.js("return window.scrollX") == 0
