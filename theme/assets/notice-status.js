// Updates the status of public notices (公示) from the visitor's own date, so a page built
// on Monday still says the right thing on Friday. Without JavaScript the build-date status shows.
(function () {
  "use strict";
  var DAY = 86400000;

  function parse(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }

  function today() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }

  function describe(start, end, now) {
    if (now < start) {
      var until = Math.round((start - now) / DAY);
      return { code: "upcoming", label: "即将开始", countdown: until + " 天后开始公示" };
    }
    if (now <= end) {
      var left = Math.round((end - now) / DAY);
      return { code: "open", label: "公示中", countdown: left === 0 ? "今天是公示期最后一天" : "距公示结束还有 " + left + " 天（含节假日）" };
    }
    return { code: "ended", label: "已结束", countdown: "" };
  }

  var now = today();
  var items = document.querySelectorAll("[data-notice-start][data-notice-end]");
  for (var i = 0; i < items.length; i++) {
    var item = items[i];
    var state = describe(parse(item.getAttribute("data-notice-start")), parse(item.getAttribute("data-notice-end")), now);
    var status = item.querySelector("[data-notice-status]");
    if (status) {
      status.textContent = state.label;
      status.className = "notice-status notice-status--" + state.code;
    }
    var countdown = item.querySelector("[data-notice-countdown]");
    if (countdown) {
      countdown.textContent = state.countdown;
      countdown.hidden = state.countdown === "";
    }
    item.setAttribute("data-notice-state", state.code);
  }

  // On the index, move each card into the group its status now belongs to.
  var groups = {};
  var sections = document.querySelectorAll("[data-notice-group]");
  for (var s = 0; s < sections.length; s++) groups[sections[s].getAttribute("data-notice-group")] = sections[s];
  if (sections.length) {
    var cards = document.querySelectorAll(".notice-card");
    for (var c = 0; c < cards.length; c++) {
      var target = groups[cards[c].getAttribute("data-notice-state")];
      var list = target && target.querySelector(".notice-list");
      if (list && cards[c].parentNode !== list) list.appendChild(cards[c]);
    }
    for (var key in groups) {
      var section = groups[key];
      var count = section.querySelectorAll(".notice-card").length;
      var heading = section.querySelector("h2");
      heading.textContent = heading.textContent.replace(/（\d+）$/, "（" + count + "）");
      var empty = section.querySelector("p.muted");
      if (empty) empty.hidden = count > 0;
    }
  }
})();
