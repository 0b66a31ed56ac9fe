// Choropleth of the project's own boundary GeoJSON with Leaflet: no tile server, no internet.
// Colours come from the page (computed on the server from the same table shown below the map).
// Each area is focusable with Tab and opens with Enter, as well as with a click.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var dataEl = document.getElementById("map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var link = el.getAttribute("data-link");
  var suffix = el.getAttribute("data-suffix") || "";
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: true, keyboard: true });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Contains OS data © Crown copyright and database right; ONS; GLA");

  function label(props) {
    var v = data.values[props.code];
    var text = (v === null || v === undefined) ? "no data"
      : Number(v).toLocaleString("en-GB", { maximumFractionDigits: data.unit === "count" ? 0 : 2 }) + " " + data.unit_label;
    return props.name + ": " + text;
  }

  fetch(el.getAttribute("data-geo")).then(function (r) { return r.json(); }).then(function (geo) {
    var layer = L.geoJSON(geo, {
      style: function (f) {
        return { color: "#0b0c0c", weight: 1, fillOpacity: 0.85,
                 fillColor: data.colours[f.properties.code] || "#ffffff" };
      },
      onEachFeature: function (f, lyr) {
        lyr.bindTooltip(label(f.properties), { sticky: true });
        if (link) {
          lyr.on("click", function () { window.location.href = link + f.properties.code + suffix; });
        }
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
    layer.eachLayer(function (lyr) {
      var path = lyr.getElement && lyr.getElement();
      if (!path) { return; }
      var props = lyr.feature.properties;
      path.setAttribute("aria-label", label(props));
      path.setAttribute("data-code", props.code);
      if (link) {
        path.setAttribute("tabindex", "0");
        path.setAttribute("role", "link");
        path.addEventListener("keydown", function (e) {
          if (e.key === "Enter") { window.location.href = link + props.code + suffix; }
        });
      } else {
        path.setAttribute("role", "img");
      }
    });
    el.setAttribute("data-ready", "true");
  });
})();
