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
    var caption = figure.getAttribute("data-sources") + " · " + figure.getAttribute("data-licence");
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

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("figure.chart button[data-image]");
    if (button) download(button.closest("figure.chart"), button.getAttribute("data-image"));
  });
})();
