/*
 * Placing an offer's venues on the map (offer form). Nobody types coordinates: search a
 * place or postcode of MV (the regions' lookup API), then click on the map or drag the pin;
 * or take one of the provider's venues from the list above the address. The pin writes the
 * hidden latitude/longitude fields of its venue; the server refuses points outside MV.
 * Without JavaScript the pickers stay hidden and the middle of the postcode is taken.
 * Data: <script type="application/json" id="venue-map-data"> (lotse/offers/venues.py);
 * words: the data attributes of #venue-map-words (translated in the page).
 */
(function () {
  "use strict";
  var source = document.getElementById("venue-map-data");
  var words = document.getElementById("venue-map-words");
  if (!source || !words || typeof L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var icon = L.icon(Object.assign({}, L.Icon.Default.prototype.options, data.icon));
  var basemap = null;
  var waiting = [];

  fetch(data.basemap, { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (geojson) {
      basemap = geojson;
      waiting.forEach(function (draw) { draw(geojson); });
    })
    .catch(function () { /* the map works without the basemap */ });

  function withBasemap(draw) {
    if (basemap) { draw(basemap); } else { waiting.push(draw); }
  }

  function format(value) {
    return Number(value).toFixed(5);
  }

  function setUp(fieldset) {
    var prefix = "id_venue-" + fieldset.getAttribute("data-venue") + "-";
    var latitude = document.getElementById(prefix + "latitude");
    var longitude = document.getElementById(prefix + "longitude");
    var picker = fieldset.querySelector(".venue-map-picker");
    if (!latitude || !longitude || !picker) {
      return;
    }
    picker.hidden = false;
    var container = picker.querySelector(".venue-map");
    var status = picker.querySelector(".venue-map__status");
    var search = picker.querySelector(".venue-map__search");
    var find = picker.querySelector(".venue-map__find");
    var matches = picker.querySelector(".venue-map__matches");

    var map = L.map(container, {
      scrollWheelZoom: false,
      dragging: !L.Browser.mobile,
      zoomSnap: 0.25,
    }).setView([53.8, 12.5], 7);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(data.attribution);
    var marker = null;

    function place(lat, lon, announce) {
      latitude.value = format(lat);
      longitude.value = format(lon);
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.marker([lat, lon], {
          icon: icon,
          draggable: true,
          keyboard: true,
          title: words.dataset.pin,
          alt: words.dataset.pin,
        }).addTo(map);
        marker.on("dragend", function () {
          var point = marker.getLatLng();
          place(point.lat, point.lng, true);
        });
      }
      if (announce) {
        status.textContent = words.dataset.placed
          .replace("%(lat)s", format(lat))
          .replace("%(lon)s", format(lon));
      }
    }

    if (latitude.value && longitude.value) {
      place(parseFloat(latitude.value), parseFloat(longitude.value), false);
      map.setView([parseFloat(latitude.value), parseFloat(longitude.value)], 14);
    }
    map.on("click", function (event) {
      place(event.latlng.lat, event.latlng.lng, true);
    });

    function show(match) {
      matches.replaceChildren();
      map.setView([match.latitude, match.longitude], 13);
      place(match.latitude, match.longitude, true);
    }

    function lookup() {
      var text = search.value.trim();
      matches.replaceChildren();
      if (text.length < 2) { return; }
      fetch(data.lookup + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) {
          if (!found.length) {
            status.textContent = words.dataset.none;
            return;
          }
          if (found.length === 1) {
            show(found[0]);
            return;
          }
          found.slice(0, 6).forEach(function (match) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "button button--secondary";
            button.textContent = match.name + (match.district_name ? " (" + match.district_name + ")" : "");
            button.setAttribute("aria-label", words.dataset.choose + ": " + button.textContent);
            button.addEventListener("click", function () { show(match); });
            var item = document.createElement("li");
            item.appendChild(button);
            matches.appendChild(item);
          });
        })
        .catch(function () { status.textContent = words.dataset.none; });
    }

    find.addEventListener("click", lookup);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter looks the place up; it does not send the whole form
        lookup();
      }
    });

    var known = document.getElementById(prefix + "known_venue");
    if (known) {
      known.addEventListener("change", function () {
        var venue = data.known[known.value];
        if (!venue) { return; }
        ["name", "address_1", "postal_code", "city", "accessibility"].forEach(function (name) {
          var input = document.getElementById(prefix + name);
          if (input && (name === "address_1" || name === "postal_code" || name === "city" || !input.value)) {
            input.value = venue[name] || "";
          }
        });
        map.setView([venue.lat, venue.lon], 15);
        place(venue.lat, venue.lon, true);
      });
    }

    withBasemap(function (geojson) {
      L.geoJSON(geojson, {
        interactive: false,
        filter: function (feature) { return feature.properties.kind === "district"; },
        style: { color: "#4a5560", weight: 1, fillColor: "#eef4f7", fillOpacity: 0.7 },
      }).addTo(map).bringToBack();
      // Town names for orientation (the basemap has no streets); for the eye only.
      L.geoJSON(geojson, {
        filter: function (feature) { return feature.properties.kind === "town"; },
        pointToLayer: function (feature, latlng) {
          var label = document.createElement("span");
          label.textContent = feature.properties.name;
          label.setAttribute("aria-hidden", "true");
          return L.marker(latlng, {
            icon: L.divIcon({ className: "offer-map__town", html: label, iconSize: null }),
            interactive: false,
            keyboard: false,
            zIndexOffset: -1000,
          });
        },
      }).addTo(map);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("fieldset.venue"), setUp);
})();
