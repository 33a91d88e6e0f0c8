"""The Mongolian title on an issue's cover: marked lang="mn-Mong", set vertically, and drawn
with a font that has the script (Noto Sans Mongolian from fonts-noto-core), not with boxes."""

import shutil
import subprocess

import pytest
from selenium.webdriver.common.by import By

FONT = "Noto Sans Mongolian"


@pytest.fixture(scope="module")
def installed_font():
    if not shutil.which("fc-list"):
        pytest.fail("fc-list is missing (fontconfig)")
    families = subprocess.run(["fc-list", ":lang=mn", "family"], capture_output=True, text=True,
                              check=True, timeout=30).stdout
    assert FONT in families, f"{FONT} is not installed (scripts/install-deps test installs fonts-noto-core)"
    return FONT


def test_mongolian_title_is_marked_vertical_and_drawn_with_a_mongolian_font(browser, installed_font):
    browser.open("issues/2023-01/")
    title = browser.driver.find_element(By.CSS_SELECTOR, ".cover [lang='mn-Mong']")
    assert title.text.strip(), "the Mongolian title is empty"
    assert all(0x1800 <= ord(c) <= 0x18AF or c.isspace() for c in title.text), "not in Mongolian script"
    style = browser.js("var s = getComputedStyle(arguments[0]); return [s.writingMode, s.fontFamily]", title)
    assert style[0] in ("vertical-lr", "vertical-rl"), style
    assert installed_font in style[1], style

    # The font the browser actually used for its glyphs (CDP CSS.getPlatformFontsForNode).
    browser.cdp("DOM.enable")
    browser.cdp("CSS.enable")
    try:
        document = browser.cdp("DOM.getDocument", {"depth": 0})
        node = browser.cdp("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": ".cover [lang='mn-Mong']"})
        fonts = browser.cdp("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    finally:
        browser.cdp("CSS.disable")
        browser.cdp("DOM.disable")
    used = {font["familyName"]: font["glyphCount"] for font in fonts}
    letters = sum(1 for c in title.text if not c.isspace())
    assert used.get(installed_font, 0) >= letters, f"glyphs drawn with {used}"

    # Vertical: the box is taller than wide, and it stays inside the cover on a phone.
    box = title.rect
    assert box["height"] > box["width"], box
    browser.phone(320)
    browser.open("issues/2023-01/")
    inside = browser.js("""
        var t = document.querySelector(".cover [lang='mn-Mong']").getBoundingClientRect();
        var c = document.querySelector(".cover").getBoundingClientRect();
        return t.left >= c.left && t.right <= c.right && t.bottom <= c.bottom;""")
    assert inside, "the Mongolian title overflows the cover at 320 px"
