// The report page's own script (no library, nothing fetched): a tooltip with value, interval and
// n over every chart point whose SVG id is in #bf-tips, and tables that sort on a header click.
(function () {
  "use strict";

  var tips = JSON.parse(document.getElementById("bf-tips").textContent);
  var tooltip = document.createElement("div");
  tooltip.id = "bf-tooltip";
  tooltip.setAttribute("role", "tooltip");
  tooltip.hidden = true;
  document.body.appendChild(tooltip);

  function place(event) {
    var x = event.clientX + 14, y = event.clientY + 14;
    var width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    if (x + width > window.innerWidth) x = Math.max(0, event.clientX - width - 14);
    if (y + height > window.innerHeight) y = Math.max(0, event.clientY - height - 14);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  Object.keys(tips).forEach(function (id) {
    var element = document.getElementById(id);
    if (!element) return;
    element.classList.add("bf-point");
    element.addEventListener("mouseenter", function (event) {
      tooltip.textContent = tips[id];
      tooltip.hidden = false;
      place(event);
    });
    element.addEventListener("mousemove", place);
    element.addEventListener("mouseleave", function () { tooltip.hidden = true; });
  });

  // "2.51 ms [2.4 ms, 2.6 ms]" -> 0.00251; "=3" -> 3; "after 1,200 runs" -> 1200; "never" -> inf.
  var scales = { "ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1, "B": 1, "KiB": 1024,
                 "MiB": 1048576, "×": 1, "%": 1 };
  var number = /([-+]?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?)\s*(ns|µs|us|ms|s|KiB|MiB|B|×|%)?/;

  function sortKey(text) {
    text = text.trim();
    if (/^never\b/.test(text)) return Infinity;
    var found = number.exec(text);
    if (!found) return null;
    var value = parseFloat(found[1].replace(/,/g, ""));
    return found[2] ? value * scales[found[2]] : value;
  }

  function compare(a, b) {
    var x = sortKey(a), y = sortKey(b);
    if (x !== null && y !== null) return x - y;
    if (x !== null) return -1;   // numbers before text
    if (y !== null) return 1;
    return a.localeCompare(b);
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, column) {
      header.title = "click to sort";
      header.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var order = compare(r.cells[column].textContent, s.cells[column].textContent);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.body.setAttribute("data-bf-ready", "1");
})();
