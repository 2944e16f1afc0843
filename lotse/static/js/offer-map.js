/*
 * The offer map: a visual twin of the result list, drawn over the district outlines of MV
 * (no tile server, nothing loaded from elsewhere). Without JavaScript the list alone
 * carries everything, so the map container stays hidden until this script has drawn it.
 * Data: the JSON in <script type="application/json" id="offer-map-data"> (json_script),
 * built by lotse/offers/maps.py, which also writes every text shown here (translated).
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
    // On a phone the map is as wide as the screen: one finger scrolls the page, two move
    // the map (a map that swallows the scroll gesture traps the reader above the list).
    dragging: !L.Browser.mobile,
    zoomSnap: 0.25,
  }).setView([53.8, 12.5], 7); // vector layers need a view before they are added
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.attribution);

  // Leaflet guesses its image folder from leaflet.css, which fails once the file names are
  // hashed (collectstatic); the URLs come from Django's static() instead.
  var icon = L.icon(Object.assign({}, L.Icon.Default.prototype.options, data.icon));

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function popup(venue) {
    var box = element("div");
    box.appendChild(element("strong", venue.label));
    if (venue.address) { box.appendChild(element("p", venue.address, "offer-map__address")); }
    if (venue.distance) { box.appendChild(element("p", venue.distance, "offer-map__distance")); }
    if (venue.offers.length) {
      var list = element("ul", null, "offer-map__offers");
      venue.offers.forEach(function (offer) {
        var link = element("a", offer.name);
        link.href = offer.url;
        var item = element("li");
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

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
  data.venues.forEach(function (venue) {
    // An image with alt text and role=button (Leaflet's keyboard option): Tab reaches it,
    // Enter opens the popup with the links, Escape closes it.
    L.marker([venue.lat, venue.lon], { icon: icon, title: venue.title, alt: venue.title, keyboard: true })
      // Narrower than Leaflet's 300 px: on a 360 px phone the popup must fit into the map.
      .bindPopup(popup(venue), { maxWidth: Math.min(280, container.clientWidth - 48), autoPanPadding: [8, 8] })
      .addTo(map);
    bounds.extend([venue.lat, venue.lon]);
  });
  if (bounds.isValid()) {
    // Without a search, the venues alone: not closer than a town with its surroundings,
    // or the marker stands on an empty plane (no streets in the basemap).
    map.fitBounds(bounds, { padding: [12, 12], maxZoom: data.center ? 13 : 9 });
  }

  function townLabel(feature, latlng) {
    var label = element("span", feature.properties.name);
    // Orientation for the eye only; a screen reader would hear a list of town names.
    label.setAttribute("aria-hidden", "true");
    return L.marker(latlng, {
      icon: L.divIcon({ className: "offer-map__town", html: label, iconSize: null }),
      interactive: false,
      keyboard: false,
      zIndexOffset: -1000,
    });
  }

  // The basemap comes last: the map is usable while it loads.
  fetch(data.basemap, { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (basemap) {
      if (!basemap) { return; }
      L.geoJSON(basemap, {
        interactive: false,
        filter: function (feature) { return feature.properties.kind === "district"; },
        style: { color: "#4a5560", weight: 1, fillColor: "#eef4f7", fillOpacity: 0.7 },
      }).addTo(map).bringToBack();
      L.geoJSON(basemap, {
        filter: function (feature) { return feature.properties.kind === "town"; },
        pointToLayer: townLabel,
      }).addTo(map);
    })
    .catch(function () { /* the map works without the basemap */ });
})();
