// Render each Vega-Lite spec (from a <script type="application/json"> block) with the vendored
// vega-embed. The same numbers are always in a table next to the chart.
(function () {
  "use strict";
  if (typeof vegaEmbed === "undefined") { return; }
  document.querySelectorAll(".cp-chart[data-spec]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute("data-spec")).textContent);
    vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function () {
      el.setAttribute("data-ready", "true");
    });
  });
})();
