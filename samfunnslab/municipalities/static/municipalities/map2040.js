/* Norge 2040: the zoomable 2040 map (Leaflet from npm, outlines from the snapshot, no tiles)
   replaces the static SVG map once its GeoJSON has loaded; the list beside it can be searched
   and sorted. Without JavaScript the static map and the full table remain. */
(function () {
  "use strict";

  function initMap() {
    var holder = document.getElementById("map-2040");
    if (!holder || !window.L || !window.fetch) return;
    fetch(holder.dataset.geojson, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        if (!data.features || !data.features.length) return;
        holder.innerHTML = "";
        holder.classList.add("is-live");
        holder.setAttribute("role", "region");
        holder.setAttribute("aria-label", holder.dataset.label);
        var map = window.L.map(holder, { zoomSnap: 0.5, zoomControl: false, keyboard: true, attributionControl: false });
        window.L.control.zoom({ zoomInTitle: holder.dataset.zoomIn, zoomOutTitle: holder.dataset.zoomOut }).addTo(map);
        var layer = window.L.geoJSON(data, {
          style: function (feature) {
            return { fillColor: feature.properties.fill, fillOpacity: 1, color: "#444", weight: 0.4 };
          },
          onEachFeature: function (feature, shape) {
            shape.bindTooltip(feature.properties.label, { sticky: true });
            shape.on("click", function () { window.location.assign(feature.properties.url); });
          }
        }).addTo(map);
        // The outlines' attribution stays in the figure caption under the map.
        map.fitBounds(layer.getBounds());
        // Leaflet's tooltips listen for focus, which makes Chromium put every outline (357) in the
        // tab order; the outlines exist once the map has a view. The list under the map is the
        // keyboard way to a municipality, so keep the outlines out of the tab order: the map
        // itself stays one tab stop that pans and zooms by keys.
        layer.eachLayer(function (shape) {
          var element = shape.getElement && shape.getElement();
          if (element) element.setAttribute("tabindex", "-1");
        });
        holder.dataset.ready = "1";
      })
      .catch(function () { /* keep the static map */ });
  }

  function fold(text) {
    return text.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function initSearch(table, rows) {
    var input = document.getElementById("finn-2040");
    var count = document.getElementById("finn-2040-antall");
    if (!input) return;
    input.addEventListener("input", function () {
      var query = fold(input.value.trim());
      var shown = 0;
      rows.forEach(function (row) {
        var match = !query || fold(row.dataset.name).indexOf(query) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = query ? shown + " " + count.dataset.unit : "";
    });
  }

  function compare(a, b, index, numeric) {
    var x = a.cells[index].dataset.value, y = b.cells[index].dataset.value;
    if (!numeric) return x.localeCompare(y, "nb");
    if (x === "" || y === "") return (x === "") - (y === "");
    return parseFloat(x) - parseFloat(y);
  }

  function initSort(table, rows) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.dataset.sort === "number";
        rows.slice().sort(function (a, b) {
          var order = compare(a, b, index, numeric);
          return ascending ? order : -order;
        }).forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  }

  function initTable() {
    var table = document.getElementById("tabell-2040");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    initSearch(table, rows);
    initSort(table, rows);
  }

  initMap();
  initTable();
})();
