/*
 * The offer map: a visual twin of the result list, drawn over the district outlines of MV
 * (no tile server, nothing loaded from elsewhere). Without JavaScript the list alone
 * carries everything, so the map container stays hidden until this script has drawn it.
 * Data: the JSON in <script type="application/json" id="offer-map-data"> (json_script).
 */
(function () {
  "use strict";
  var container = document.getElementById("offer-map");
  var source = document.getElementById("offer-map-data");
  if (!container || !source || typeof L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  container.hidden = false;

  var map = L.map(container, {
    attributionControl: true,
    scrollWheelZoom: false,
    zoomSnap: 0.25,
  }).setView([53.8, 12.5], 7); // vector layers need a view before they are added
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Grenzen: © GeoBasis-DE / BKG (dl-de/by-2-0)");

  var bounds = L.latLngBounds([]);
  if (data.center) {
    var circle = L.circle(data.center, {
      radius: data.radius_km * 1000,
      color: "#0b4f6c",
      weight: 2,
      fillOpacity: 0.06,
      interactive: false,
    }).addTo(map);
    L.circleMarker(data.center, { radius: 5, color: "#073447", fillOpacity: 1, interactive: false }).addTo(map);
    bounds.extend(circle.getBounds());
  }
  data.markers.forEach(function (marker) {
    var label = marker.name + (marker.place ? " (" + marker.place + ")" : "");
    var pin = L.marker([marker.lat, marker.lon], { title: label, alt: label, keyboard: true });
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = label;
    pin.bindPopup(link);
    pin.addTo(map);
    bounds.extend([marker.lat, marker.lon]);
  });
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [12, 12], maxZoom: 14 });
  }

  // The outlines come last: the map is usable while they load.
  fetch(data.boundaries, { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (outlines) {
      if (!outlines) { return; }
      L.geoJSON(outlines, {
        interactive: false,
        style: { color: "#4a5560", weight: 1, fillColor: "#eef4f7", fillOpacity: 0.7 },
      }).addTo(map).bringToBack();
    })
    .catch(function () { /* the map works without the outlines */ });
})();
