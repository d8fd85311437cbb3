/* Metrics dashboard: draw the charts from the json_script data with the vendored Chart.js. */
(function () {
  "use strict";
  var source = document.getElementById("metrics-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var charts = window.batchMetricsCharts = {};

  function line(id, label, values, color, max) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    charts[id] = new window.Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: [{ label: label, data: values, borderColor: color, backgroundColor: color, spanGaps: true, tension: 0.2 }] },
      options: {
        animation: false,
        responsive: true,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, suggestedMax: max } }
      }
    });
  }

  line("chart-success", "Success rate (%)", data.successRate, "#2e7d32", 100);
  line("chart-cache", "Cache hit ratio (%)", data.cacheHitRatio, "#1565c0", 100);
  line("chart-latency", "Mean ms per item", data.meanProcessingMs, "#6a1b9a", undefined);

  var errors = document.getElementById("chart-errors");
  var categories = Object.keys(data.byErrorCategory || {});
  if (errors && categories.length) {
    charts["chart-errors"] = new window.Chart(errors, {
      type: "bar",
      data: { labels: categories, datasets: [{ label: "Failed items", data: categories.map(function (c) { return data.byErrorCategory[c]; }), backgroundColor: "#ba2121" }] },
      options: { animation: false, indexAxis: "y", plugins: { legend: { display: false } } }
    });
  }
})();
