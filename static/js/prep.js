// aeprep: ticks the next interview's countdown. Without this file the
// server's text stays as rendered when the page was loaded.
(function () {
  "use strict";
  var els = document.querySelectorAll("[data-countdown]");
  if (!els.length) return;
  function fill(tpl, v) {
    return tpl.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? String(v[k]) : m; });
  }
  function tick() {
    els.forEach(function (el) {
      var start = Date.parse(el.getAttribute("data-countdown"));
      if (isNaN(start)) return;
      var mins = Math.round((start - Date.now()) / 60000);
      var text;
      if (start <= Date.now()) {
        text = el.getAttribute("data-started");
      } else {
        if (mins < 1) mins = 1;
        var d = Math.floor(mins / 1440), h = Math.floor(mins / 60) % 24, m = mins % 60;
        if (d > 0) text = fill(el.getAttribute("data-days"), { days: d, hours: h });
        else if (h > 0) text = fill(el.getAttribute("data-hours"), { hours: h, minutes: m });
        else text = fill(el.getAttribute("data-minutes"), { minutes: m });
      }
      if (text && el.textContent !== text) el.textContent = text;
    });
  }
  tick();
  setInterval(tick, 30000);
})();
