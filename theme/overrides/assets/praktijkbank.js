/* Praktijkbank: keyboard fixes for Material's header and drawer, sortable overview tables, glossary tooltips, the search page's module. No external requests. */
(function () {
  "use strict";

  /* WCAG 2.1.4: Material turns the single keys n, p, "." and "," into "next/previous page", so
     typing a word on a page without a focused field sends the reader elsewhere. Those keys are
     stopped here, in the capture phase on window, before Material's own listener on window.
     (The site has no character-key shortcuts of its own.) */
  window.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || "np.,".indexOf(event.key) < 0 || event.key.length !== 1) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.stopImmediatePropagation();
  }, true);

  /* Material's menu button is a <label> for the drawer's hidden checkbox: it takes no focus and
     has no name. Make it a named button that says whether the menu is open; Escape closes the
     menu and puts the focus back on the button. (While closed, the drawer is out of the tab
     order through CSS: visibility hidden.) */
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector('.md-header label[for="__drawer"]');
  var sidebar = document.querySelector(".md-sidebar--primary");
  if (drawer && menu && sidebar) {
    sidebar.id = sidebar.id || "pb-menu";
    menu.setAttribute("role", "button");
    menu.setAttribute("tabindex", "0");
    menu.setAttribute("aria-label", "Menu");
    menu.setAttribute("aria-controls", sidebar.id);
    var showState = function () { menu.setAttribute("aria-expanded", String(drawer.checked)); };
    showState();
    drawer.addEventListener("change", showState);
    menu.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();  // Material clicks a focused label on Enter as well
      menu.click();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      menu.click();
      menu.focus();
    });
  }

  /* A table wider than the page scrolls inside Material's wrapper; that box must then be
     reachable by keyboard and named (WCAG 2.1.1, axe scrollable-region-focusable). The name is
     the heading above the table. A box that does not scroll gets no tab stop. */
  function nameOfTable(box) {
    for (var node = box; node && !node.classList.contains("md-typeset"); node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) return "Tabel: " + node.textContent.trim();
    }
    return "Tabel";
  }

  function markScrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOfTable(box));
      } else {
        ["tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  /* Tables with class pb-sorteerbaar get a button in each header cell. */
  function sortValue(cell, numeric) {
    var raw = cell.getAttribute("data-sort") || cell.textContent.trim();
    return numeric ? parseFloat(raw) || 0 : raw.toLocaleLowerCase("nl");
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th");
    /* Each cell knows its column's name, for the card layout on a phone (praktijkbank.css). */
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        if (headers[column]) cell.setAttribute("data-kolom", headers[column].textContent.trim());
      });
    });
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
  /* Material wraps the tables when its page is ready (document$, also after instant loading). */
  if (window.document$) window.document$.subscribe(markScrollableTables);
  else markScrollableTables();
  window.addEventListener("resize", markScrollableTables);

  /* A glossary link is described by its term's definition (aria-describedby, for screen
     readers), printed once per page. Mouse users get the same text as the link's tooltip; it is
     set here so the page does not carry every definition twice. */
  document.querySelectorAll("a.pb-begrip[aria-describedby]").forEach(function (link) {
    var definition = document.getElementById(link.getAttribute("aria-describedby"));
    if (definition) link.title = definition.textContent;
  });

  /* The search page loads its own module, next to this script, so no other page pays for it. */
  if (document.getElementById("pb-zoeken")) {
    var module = document.createElement("script");
    module.type = "module";
    module.src = new URL("zoeken.js", document.currentScript.src).href;
    document.body.appendChild(module);
  }
})();
