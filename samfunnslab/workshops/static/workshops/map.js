/* Map input («Kartinnspill») with Leaflet: the municipality's boundary (offline GeoJSON from the
 * snapshot), an optional tile layer, a pin to place by tap or from a list, and the pins of everyone
 * clustered and coloured by category. Any element with data-pin-map is set up when it appears,
 * including those that live.js swaps in.
 *
 *   data-boundary  URL of the municipality's GeoJSON outline
 *   data-tiles     optional tile URL template (only when the server turned tiles on)
 *   data-pick      this map places one pin in its form (hidden latitude/longitude inputs)
 *   data-pins      JSON list of {lat, lon, category, colour, comment} to show, clustered
 */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }

  var COLOURS = ["#1E5AA8", "#B03A2E", "#1E7B45", "#7D3C98", "#9A6700", "#0E6E80", "#6E2C00", "#34495E"];
  var boundaries = {};

  function boundary(url) {
    if (!boundaries[url]) {
      boundaries[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("boundary " + response.status); }
        return response.json();
      });
    }
    return boundaries[url];
  }

  function colour(index) { return COLOURS[index % COLOURS.length]; }

  function pinIcon(index) {
    return L.divIcon({ className: "pin-icon pin-c" + (index % COLOURS.length), iconSize: [18, 18] });
  }

  // On the projector a cluster's count is read from the back of the room: a bigger disc (its
  // number's size is in workshops.css, .presenter-results .pin-cluster).
  function clusterSize(map) {
    return map.getContainer().closest(".presenter-results") ? 56 : 34;
  }

  function clusterIcon(cluster, size) {
    var counts = {};
    cluster.getAllChildMarkers().forEach(function (marker) {
      counts[marker.options.colourIndex] = (counts[marker.options.colourIndex] || 0) + 1;
    });
    var best = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0] || 0;
    return L.divIcon({
      html: "<span>" + cluster.getChildCount() + "</span>",
      className: "pin-cluster pin-c" + (best % COLOURS.length),
      iconSize: [size, size]
    });
  }

  function showPins(map, pins) {
    var group = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({
        iconCreateFunction: function (cluster) { return clusterIcon(cluster, clusterSize(map)); },
        showCoverageOnHover: false
      })
      : L.layerGroup();
    pins.forEach(function (pin) {
      var marker = L.marker([pin.lat, pin.lon], {
        icon: pinIcon(pin.colour), keyboard: false, colourIndex: pin.colour % COLOURS.length
      });
      var label = pin.category + (pin.comment ? ": " + pin.comment : "");
      marker.bindTooltip(document.createTextNode(label).textContent);
      group.addLayer(marker);
    });
    map.addLayer(group);
  }

  function setUpPicking(element, map) {
    var form = element.closest("form");
    if (!form) { return; }
    var latitude = form.querySelector("[name=latitude]");
    var longitude = form.querySelector("[name=longitude]");
    var list = form.querySelector("[data-pin-place]");
    var status = form.querySelector("[data-pin-status]");
    var marker = null;

    function place(latlng, said) {
      if (!marker) {
        marker = L.marker(latlng, { icon: pinIcon(0), keyboard: false }).addTo(map);
      } else {
        marker.setLatLng(latlng);
      }
      latitude.value = latlng.lat.toFixed(6);
      longitude.value = latlng.lng.toFixed(6);
      if (status) { status.textContent = said; }
    }

    map.on("click", function (event) {
      place(event.latlng, element.getAttribute("data-said-map") || "");
      if (list) { list.value = ""; }
    });
    if (list && list.list) {
      // The search box: a name typed or picked from its list moves the pin there.
      list.addEventListener("input", function () {
        var wanted = list.value.trim().toLocaleLowerCase();
        var option = Array.prototype.find.call(list.list.options, function (candidate) {
          return candidate.value.toLocaleLowerCase() === wanted;
        });
        if (!option) { return; }
        var latlng = L.latLng(parseFloat(option.getAttribute("data-lat")), parseFloat(option.getAttribute("data-lon")));
        place(latlng, option.value);
        map.panTo(latlng);
      });
    }
    var centre = form.querySelector("[data-pin-centre]");
    if (centre) {
      // Keyboard users can move the map with the arrow keys and put the pin in its middle.
      centre.hidden = false;
      centre.addEventListener("click", function () {
        place(map.getCenter(), centre.textContent.trim());
        if (list) { list.value = ""; }
      });
    }
    form.addEventListener("reset", function () {
      if (marker) { map.removeLayer(marker); marker = null; }
      latitude.value = "";
      longitude.value = "";
    });
  }

  function setUpPlaceEditor(editor, map) {
    // The facilitator's place list: a click on the map gives the coordinates, «Legg til» writes
    // the line «Navn; breddegrad; lengdegrad» into the form's text area.
    var name = editor.querySelector("[data-new-place-name]");
    var lat = editor.querySelector("[data-new-place-lat]");
    var lon = editor.querySelector("[data-new-place-lon]");
    var status = editor.querySelector("[data-place-status]");
    var lines = document.querySelector("[data-place-lines]");
    var marker = null;
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(5);
      lon.value = event.latlng.lng.toFixed(5);
      if (!marker) { marker = L.marker(event.latlng, { icon: pinIcon(1), keyboard: false }).addTo(map); }
      marker.setLatLng(event.latlng);
      name.focus();
    });
    editor.querySelector("[data-add-place]").addEventListener("click", function () {
      var label = name.value.replace(/[;\n]/g, " ").trim();
      if (!label || !lat.value || !lon.value) {
        status.textContent = editor.getAttribute("data-missing") || "";
        (label ? lat : name).focus();
        return;
      }
      lines.value = (lines.value.trim() ? lines.value.trim() + "\n" : "") + label + "; " + lat.value + "; " + lon.value;
      status.textContent = (editor.getAttribute("data-added") || "") + " " + label;
      L.marker([parseFloat(lat.value), parseFloat(lon.value)], { icon: pinIcon(0), keyboard: false })
        .bindTooltip(document.createTextNode(label).textContent).addTo(map);
      name.value = "";
      name.focus();
    });
  }

  function setUp(element) {
    if (element.pinMap) { return; }
    var map = L.map(element, { zoomSnap: 0.25, scrollWheelZoom: false, maxZoom: 18, minZoom: 3 });
    element.pinMap = map;
    map.setView([65, 13], 4);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© Kartverket (CC BY 4.0)");
    if (element.getAttribute("data-tiles")) {
      L.tileLayer(element.getAttribute("data-tiles"), { maxZoom: 18 }).addTo(map);
    }
    var pins = element.getAttribute("data-pins");
    // The pins are clustered only once the map shows the municipality. Added at the first
    // whole-country view, each cluster was drawn twice while the cluster layer moved to the new
    // zoom: the old one and the new one on top of each other, again at every refresh of the
    // projector (which draws its map anew each time).
    boundary(element.getAttribute("data-boundary")).then(function (data) {
      var outline = L.geoJSON(data, {
        style: { color: "#1a1a1a", weight: 2, fillColor: "#dfe8f4", fillOpacity: element.getAttribute("data-tiles") ? 0.15 : 0.7 },
        interactive: false
      }).addTo(map);
      map.fitBounds(outline.getBounds(), { padding: [8, 8], animate: false });
    }).catch(function () { /* the list of places still works */ }).then(function () {
      if (pins) { showPins(map, JSON.parse(pins)); }
    });
    if (element.hasAttribute("data-pick")) { setUpPicking(element, map); }
    var editor = element.closest("[data-place-editor]");
    if (editor) { setUpPlaceEditor(editor, map); }
  }

  function scan(root) {
    if (root.matches && root.matches("[data-pin-map]")) { setUp(root); }
    if (root.querySelectorAll) {
      Array.prototype.forEach.call(root.querySelectorAll("[data-pin-map]"), setUp);
    }
  }

  scan(document);
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (node) {
        if (node.nodeType === 1) { scan(node); }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
}());
