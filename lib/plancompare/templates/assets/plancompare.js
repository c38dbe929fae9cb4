// The report site's one script, shipped once in reports/assets/. A figure's PNG and SVG buttons
// (see plancompare.charts.renderer) download the chart as plotly.js draws it in the page, with
// its sources and licence set under its title: nothing is uploaded anywhere.
(function () {
  "use strict";

  function wrap(text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines;
  }

  function download(figure, format) {
    var plot = figure.querySelector(".js-plotly-plot");
    if (!plot || !window.Plotly) return;
    var layout = JSON.parse(JSON.stringify(plot.layout));
    var caption = figure.querySelector(".chart-sources").textContent + " · " +
      figure.querySelector(".chart-licence").textContent;
    // Chinese runs wrap by characters, other text by words.
    var lines = /[\u3400-\u9fff]/.test(caption) ? caption.match(/.{1,70}/g) : wrap(caption, 120);
    var title = typeof layout.title === "object" ? layout.title : { text: layout.title || "" };
    title.subtitle = { text: lines.join("<br>"), font: { size: 11, color: "#555" } };
    layout.title = title;
    layout.margin = layout.margin || {};
    layout.margin.t = (layout.margin.t || 60) + 16 * lines.length + 10;
    var width = Math.max(plot.offsetWidth, 1000);
    var height = (plot.offsetHeight || layout.height || 450) + 16 * lines.length + 10;
    window.Plotly.downloadImage(
      { data: plot.data, layout: layout },
      { format: format, width: width, height: height, filename: figure.id }
    );
  }

  // The landing page's search: an entry stays visible when every word typed is part of one of
  // its names (simplified, traditional, English, pinyin, initials: keys written by
  // plancompare.site.pages); Enter opens the first one; with no match, the nearest names.
  var IGNORED = /[\s,.'’()（）·、，:：\/\-]+/g;

  function pairs(text) {
    var out = [];
    for (var i = 0; i < Math.max(text.length - 1, 1); i++) out.push(text.substr(i, 2));
    return out;
  }

  function likeness(query, key) {
    var best = 0, wanted = pairs(query);
    key.split("|").forEach(function (name) {
      var have = pairs(name), shared = 0;
      wanted.forEach(function (pair) { if (have.indexOf(pair) !== -1) shared += 1; });
      best = Math.max(best, (2 * shared) / (wanted.length + have.length));
    });
    return best;
  }

  function setUpSearch() {
    var box = document.getElementById("search");
    if (!box) return;
    var items = Array.prototype.slice.call(document.querySelectorAll("li[data-search]"));
    var count = document.getElementById("search-count");
    var none = document.getElementById("search-none");
    var suggestions = document.getElementById("search-suggestions");

    function shown() { return items.filter(function (item) { return !item.hidden; }); }

    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\s+/).map(function (w) {
        return w.replace(IGNORED, "");
      }).filter(Boolean);
      items.forEach(function (item) {
        var key = item.getAttribute("data-search");
        item.hidden = !words.every(function (word) { return key.indexOf(word) !== -1; });
      });
      document.querySelectorAll("[data-group]").forEach(function (group) {
        group.hidden = !group.querySelector("li[data-search]:not([hidden])");
      });
      var hits = shown().length;
      count.textContent = words.length ? hits + " / " + items.length : "";
      none.hidden = !words.length || hits > 0;
      suggestions.textContent = "";
      if (words.length && !hits) {
        var query = words.join("");
        items.map(function (item) {
          return [likeness(query, item.getAttribute("data-search")), item];
        }).sort(function (a, b) { return b[0] - a[0]; }).slice(0, 5).forEach(function (pair, n) {
          var link = pair[1].querySelector("a").cloneNode(true);
          if (n) suggestions.appendChild(document.createTextNode(" · "));
          suggestions.appendChild(link);
        });
      }
    });
    box.addEventListener("keydown", function (event) {
      var first = shown()[0];
      if (event.key === "Enter" && box.value.trim() && first && first.querySelector("a")) {
        event.preventDefault();
        window.location.href = first.querySelector("a").href;
      }
    });
  }

  // A sortable table (the values grid): a heading's button sorts the rows by that column's
  // data-value, numbers as numbers, empty cells last; a second click reverses.
  function sortBy(button) {
    var th = button.closest("th"), table = th.closest("table");
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute("data-sort") === "number";
    var descending = th.getAttribute("aria-sort") === "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    function value(row) {
      var text = row.children[column].getAttribute("data-value") || "";
      return numeric ? (text === "" ? null : parseFloat(text)) : text;
    }
    rows.sort(function (a, b) {
      var x = value(a), y = value(b);
      if (x === null || x === "") return 1;
      if (y === null || y === "") return -1;
      var order = numeric ? x - y : String(x).localeCompare(String(y));
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    th.parentNode.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table.sortable th[data-sort] button");
    if (button) sortBy(button);
  });

  // A table wider than the screen scrolls inside its box: say so above it (the stylesheet's
  // cue), never clip it.
  function markScrolling() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      box.classList.toggle("scrolls", box.scrollWidth > box.clientWidth + 1);
    });
  }

  function setUp() {
    setUpSearch();
    markScrolling();
    window.addEventListener("resize", markScrolling);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("figure.chart button[data-image]");
    if (button) download(button.closest("figure.chart"), button.getAttribute("data-image"));
  });
})();
