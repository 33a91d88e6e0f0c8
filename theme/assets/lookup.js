// “谁负责？”: finds the leaders responsible for a unit or an area of work, from data embedded
// in the matrix page, so it works on a static site with no server and no other requests.
(function () {
  "use strict";
  var input = document.querySelector("[data-lookup-input]");
  var status = document.querySelector("[data-lookup-status]");
  var results = document.querySelector("[data-lookup-results]");
  var source = document.getElementById("lookup-data");
  if (!input || !status || !results || !source) return;
  var data = JSON.parse(source.textContent);
  var root = document.querySelector("link[rel=stylesheet]").getAttribute("href").replace(/assets\/site\.css$/, "");

  // Full-width letters and digits typed on a phone keyboard match their ASCII forms.
  function fold(text) {
    return (text.normalize ? text.normalize("NFKC") : text).toLowerCase().replace(/\s+/g, "");
  }

  function matches(entry, query) {
    var names = entry.names || [entry.name];
    for (var i = 0; i < names.length; i++) if (fold(names[i]).indexOf(query) !== -1) return true;
    return false;
  }

  function item(entry, kind) {
    var li = document.createElement("li");
    var title = document.createElement(entry.url ? "a" : "strong");
    if (entry.url) title.href = root + entry.url;
    title.textContent = entry.name;
    li.appendChild(title);
    var span = document.createElement("span");
    span.className = "muted";
    span.textContent = "（" + kind + "）";
    li.appendChild(span);
    var list = document.createElement("ul");
    entry.who.forEach(function (who) {
      var row = document.createElement("li");
      var label = document.createElement("span");
      label.className = "rel-label";
      label.textContent = who.relation;
      var link = document.createElement("a");
      link.href = root + who.url;
      link.textContent = who.name;
      row.appendChild(label);
      row.appendChild(document.createTextNode(" "));
      row.appendChild(link);
      row.appendChild(document.createTextNode("（" + who.post + "）"));
      list.appendChild(row);
    });
    li.appendChild(list);
    return li;
  }

  function update() {
    var query = fold(input.value);
    results.textContent = "";
    if (!query) {
      status.textContent = "在上面输入后，这里会列出负责的领导。";
      return;
    }
    var found = 0;
    data.units.forEach(function (unit) {
      if (matches(unit, query)) { results.appendChild(item(unit, "单位")); found++; }
    });
    data.areas.forEach(function (area) {
      if (matches(area, query)) { results.appendChild(item(area, "工作领域")); found++; }
    });
    status.textContent = found ? "找到 " + found + " 项。" : "没有找到“" + input.value + "”。试试更短的词，如“教育”“医保”或单位简称。";
  }

  input.addEventListener("input", update);
  // Enter shows the same results; the form is never sent (no inline handler: the CSP forbids them).
  if (input.form) input.form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  update();
})();
