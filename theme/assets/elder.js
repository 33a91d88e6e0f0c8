// 长辈模式 (elder mode): larger text, higher contrast, wider spacing, remembered across pages.
// Loaded in <head> so the page is drawn in the chosen mode from the start, without a flash.
// Without JavaScript the switch is a link to a page explaining how to enlarge text; with it,
// the link becomes a real toggle button (Enter and Space work, aria-pressed tells its state).
// Its label stays “长辈模式” in both states, so that screen readers announce “pressed” or not.
(function () {
  "use strict";
  var KEY = "gazette-elder";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function apply(on) {
    root.classList.toggle("elder", on);
    var toggle = document.querySelector("button[data-elder-toggle]");
    if (toggle) toggle.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function upgrade(link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.setAttribute("data-elder-toggle", "");
    button.textContent = link.textContent;
    link.parentNode.replaceChild(button, link);
    button.addEventListener("click", function () {
      var on = !root.classList.contains("elder");
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
      apply(on);
    });
  }

  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    var link = document.querySelector("a[data-elder-toggle]");
    if (link) upgrade(link);
    apply(stored());
  });
  // A page restored by the Back button, or changed in another tab, follows the latest choice.
  window.addEventListener("pageshow", function () { apply(stored()); });
  window.addEventListener("storage", function (event) { if (event.key === KEY) apply(stored()); });
})();
