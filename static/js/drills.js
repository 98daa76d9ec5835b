// aeprep: the drill page's soft timer. It counts up from when the drill was
// first shown (the server's figure, so a reload carries on) and says when
// the suggested time is past; it never stops the answer. Every part of the
// page works without this file.
(function () {
  "use strict";
  var box = document.getElementById("drill-timer");
  var text = document.getElementById("drill-timer-text");
  if (box && text) {
    var start = Date.now() - (parseInt(box.getAttribute("data-elapsed"), 10) || 0) * 1000;
    var target = parseInt(box.getAttribute("data-target"), 10) || 0;
    var run = box.getAttribute("data-msg-run") || "{t}";
    var over = box.getAttribute("data-msg-over") || "";
    var clock = function (s) {
      var m = Math.floor(s / 60), r = s % 60;
      return m + ":" + (r < 10 ? "0" : "") + r;
    };
    var tick = function () {
      var s = Math.max(0, Math.floor((Date.now() - start) / 1000));
      var line = run.replace("{t}", clock(s)).replace("{target}", clock(target));
      if (target && s > target) {
        box.classList.add("is-over");
        line += " " + over;
      }
      text.textContent = line;
    };
    tick();
    setInterval(tick, 1000);
  }
  // A link in the error summary moves focus to its field, not just the view.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.addEventListener("click", function (e) {
      var a = e.target && e.target.closest ? e.target.closest("a[href^='#']") : null;
      var el = a ? document.getElementById(a.getAttribute("href").slice(1)) : null;
      if (!el) return;
      e.preventDefault();
      if (e.detail !== 0) {
        el.focus();
        return;
      }
      // From the keyboard: Enter's keypress is still to come, and a text
      // field given focus now would take it and submit the form again.
      // Move once the key is up.
      var done = false;
      var move = function () {
        if (done) return;
        done = true;
        document.removeEventListener("keyup", move, true);
        el.focus();
      };
      document.addEventListener("keyup", move, true);
      setTimeout(move, 1000);
    });
  }
})();
