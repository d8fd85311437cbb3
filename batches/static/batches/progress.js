/* Batch page: poll the staff-only progress endpoint and update the bar, the counts and the
   metrics in place. Plain JS, no dependencies. Polling stops once the batch is terminal (and never starts for a draft). */
(function () {
  "use strict";
  var panel = document.getElementById("batch-progress");
  if (!panel) { return; }
  var url = panel.getAttribute("data-progress-url");
  var intervalMs = 1500;
  var failures = 0;

  function setText(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value; }
  }

  function formatMetric(el, value) {
    if (value === null || value === undefined) { return "\u2013"; }
    if (el.getAttribute("data-format") === "pct") { return (100 * value).toFixed(1) + "%"; }
    return String(value);
  }

  function render(doc) {
    var pct = Math.floor(doc.percent);
    document.getElementById("batch-progress-fill").style.width = pct + "%";
    document.getElementById("batch-progressbar").setAttribute("aria-valuenow", String(doc.percent));
    setText("batch-percent", pct + "%");
    setText("batch-done", doc.done);
    setText("batch-total", doc.total);
    var status = document.getElementById("batch-status");
    status.textContent = doc.statusLabel;
    status.className = "ta-status ta-status-" + doc.status.toLowerCase();
    var message = document.getElementById("batch-status-message");
    message.textContent = doc.statusMessage || "";
    message.hidden = !doc.statusMessage;
    var cells = document.querySelectorAll("#batch-counts [data-count]");
    var statuses = Object.keys(doc.counts);
    cells.forEach(function (cell, i) { if (i < statuses.length) { cell.textContent = doc.counts[statuses[i]]; } });
    document.querySelectorAll("[data-metric]").forEach(function (el) {
      var name = el.getAttribute("data-metric");
      if (Object.prototype.hasOwnProperty.call(doc.metrics, name)) { el.textContent = formatMetric(el, doc.metrics[name]); }
    });
    panel.setAttribute("data-polling", doc.polling ? "1" : "0");
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (doc) {
        failures = 0;
        render(doc);
        if (!doc.polling) {
          setText("batch-poll-state", "(finished \u2014 reload for the final error list)");
          return;
        }
        setText("batch-poll-state", "(updating live)");
        window.setTimeout(poll, intervalMs);
      })
      .catch(function () {
        failures += 1;
        setText("batch-poll-state", "(could not refresh; retrying)");
        if (failures < 20) { window.setTimeout(poll, intervalMs * Math.min(failures + 1, 10)); }
      });
  }

  if (panel.getAttribute("data-polling") === "1") { window.setTimeout(poll, 500); }
})();
