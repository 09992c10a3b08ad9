/* Dashboard charts (Chart.js from static/vendor). The same numbers are in the tables next to
   each chart, and every series has its own pattern as well as colour, so nothing is read from
   colour alone. */
(function () {
  "use strict";
  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function hatch(color, kind) {
    var c = document.createElement("canvas");
    c.width = c.height = 8;
    var g = c.getContext("2d");
    g.fillStyle = color; g.fillRect(0, 0, 8, 8);
    g.strokeStyle = "rgba(0,0,0,.55)"; g.lineWidth = 1.5;
    if (kind === "hatch") { g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.stroke(); }
    if (kind === "dots") { g.fillStyle = "rgba(0,0,0,.55)"; g.fillRect(3, 3, 2, 2); }
    return g.createPattern(c, "repeat");
  }
  function stacked(canvasId, data, horizontal) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || !data || typeof Chart === "undefined") return;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Tepat waktu", data: data.tepat, backgroundColor: "#198754" },
          { label: "Terlambat", data: data.terlambat, backgroundColor: hatch("#ffc107", "dots") },
          { label: "Tertunggak", data: data.tertunggak, backgroundColor: hatch("#dc3545", "hatch") },
          { label: "Belum jatuh tempo", data: data.belum, backgroundColor: "#dee2e6" }
        ]
      },
      options: {
        indexAxis: horizontal ? "y" : "x", maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
      }
    });
  }
  stacked("grafik-area", read("data-area"), true);
  stacked("grafik-bulan", read("data-bulan"), false);

  var peringkat = read("data-peringkat");
  var el = document.getElementById("grafik-peringkat");
  if (el && peringkat && typeof Chart !== "undefined") {
    new Chart(el, {
      type: "bar",
      data: { labels: peringkat.labels, datasets: [{ label: "Capaian (%)", data: peringkat.persen, backgroundColor: "#0d6efd" }] },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false, scales: { x: { min: 0, max: 100 } } }
    });
  }
  var tren = read("data-tren");
  el = document.getElementById("grafik-tren");
  if (el && tren && typeof Chart !== "undefined") {
    new Chart(el, {
      type: "line",
      data: { labels: tren.labels, datasets: [{ label: "Capaian kumulatif provinsi (%)", data: tren.persen, borderColor: "#0d6efd", pointStyle: "rectRot", pointRadius: 6 }] },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100 } } }
    });
  }
})();
