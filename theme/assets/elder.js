// 长辈模式 (elder mode): larger text, higher contrast, wider spacing, remembered across pages.
// Loaded in <head> so the page is drawn in the chosen mode from the start, without a flash.
// Without JavaScript the switch is a link to a page explaining how to enlarge text.
(function () {
  "use strict";
  var KEY = "gazette-elder";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function apply(on) {
    root.classList.toggle("elder", on);
    var toggle = document.querySelector("[data-elder-toggle]");
    if (toggle) {
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "标准模式" : "长辈模式";
    }
  }

  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector("[data-elder-toggle]");
    if (!toggle) return;
    toggle.setAttribute("role", "button");
    apply(stored());
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var on = !root.classList.contains("elder");
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
      apply(on);
    });
  });
})();
