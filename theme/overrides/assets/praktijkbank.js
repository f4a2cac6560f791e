/* Praktijkbank: keyboard shortcut for search, sortable overview tables, the search page's module. No external requests. */
(function () {
  "use strict";

  /* "/" focuses the search field (the big one on the search page, else the header one). */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var field = document.getElementById("pb-zoekterm") || document.getElementById("pb-kopzoek");
    if (field) {
      event.preventDefault();
      field.focus();
      field.select();
    }
  });

  /* Tables with class pb-sorteerbaar get a button in each header cell. */
  function sortValue(cell, numeric) {
    var raw = cell.getAttribute("data-sort") || cell.textContent.trim();
    return numeric ? parseFloat(raw) || 0 : raw.toLocaleLowerCase("nl");
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-type") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a.cells[column], numeric), y = sortValue(b.cells[column], numeric);
          var order = numeric ? x - y : x.localeCompare(y, "nl");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  document.querySelectorAll("table.pb-sorteerbaar").forEach(makeSortable);

  /* The search page loads its own module, next to this script, so no other page pays for it. */
  if (document.getElementById("pb-zoeken")) {
    var module = document.createElement("script");
    module.type = "module";
    module.src = new URL("zoeken.js", document.currentScript.src).href;
    document.body.appendChild(module);
  }
})();
