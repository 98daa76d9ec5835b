// aeprep: time-zone fields and copy buttons. Every page works without this file.
(function () {
  "use strict";
  // Sign-up: tell the server the browser's time zone, so times and streak
  // days are the person's own from the start.
  document.querySelectorAll("input[data-browser-tz]").forEach(function (el) {
    try {
      var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (tz && !el.value) el.value = tz;
    } catch (e) { /* no Intl: the server picks the language's default */ }
  });
  // A time-zone field's "use this device's zone" button.
  document.querySelectorAll("button[data-fill-tz]").forEach(function (btn) {
    var target = document.getElementById(btn.getAttribute("data-fill-tz"));
    var tz = "";
    try { tz = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!target || !tz) return;
    btn.hidden = false;
    btn.addEventListener("click", function () { target.value = tz; target.focus(); });
  });
  // Copy buttons (invite links): copy the field's text; without script or
  // clipboard the field stays, read-only and selectable.
  document.querySelectorAll("button[data-copy]").forEach(function (btn) {
    var field = document.getElementById(btn.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) return;
    var status = document.getElementById(btn.getAttribute("data-copy") + "-status");
    btn.hidden = false;
    btn.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = btn.getAttribute("data-done");
      }, function () {
        field.select();
      });
    });
  });
  // Fields meant to be copied by hand: select all on focus.
  document.querySelectorAll("input[readonly].invite-link").forEach(function (el) {
    el.addEventListener("focus", function () { el.select(); });
  });
})();
