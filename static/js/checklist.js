// aeprep: checklist ticks for visitors, kept on this device only.
// Signed-in users get server-side forms; their page has no #checklist-local,
// so this file does nothing there.
(function () {
  "use strict";

  var box = document.getElementById("checklist-local");
  if (!box) return;

  var storageKey = box.getAttribute("data-storage-key") || "aeprep:checklist";
  var progress = document.getElementById("check-progress");
  var count = document.getElementById("check-count");
  var ticks = Array.prototype.slice.call(document.querySelectorAll("input.check-tick[type=checkbox]"));

  var ls = null;
  try {
    ls = window.localStorage;
  } catch (e) {
    ls = null;
  }

  // Stored value: JSON array of item ids. Anything else is treated as empty.
  function load() {
    if (!ls) return [];
    try {
      var v = JSON.parse(ls.getItem(storageKey) || "[]");
      return Array.isArray(v) ? v.filter(function (x) { return typeof x === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function itemOf(tick) {
    return tick.getAttribute("data-item") || "";
  }

  function save() {
    if (!ls) return;
    var onPage = {};
    ticks.forEach(function (t) {
      onPage[itemOf(t)] = true;
    });
    // Keep ids of items not on this page; replace the ones that are.
    var ids = load().filter(function (id) {
      return !onPage[id];
    });
    ticks.forEach(function (t) {
      if (t.checked && itemOf(t)) ids.push(itemOf(t));
    });
    try {
      ls.setItem(storageKey, JSON.stringify(ids));
    } catch (e) {
      /* private mode or quota: ticks still work for this visit */
    }
  }

  function labelsOf(tick) {
    if (tick.labels) return Array.prototype.slice.call(tick.labels);
    if (!tick.id) return [];
    return Array.prototype.slice.call(document.getElementsByTagName("label")).filter(function (l) {
      return l.htmlFor === tick.id;
    });
  }

  function update() {
    var total = ticks.length;
    var done = ticks.filter(function (t) { return t.checked; }).length;
    if (progress) {
      progress.max = total || 1;
      progress.value = done;
    }
    if (count) {
      var msg = count.getAttribute("data-msg") || "%d / %d";
      count.textContent = msg.replace("%d", String(done)).replace("%d", String(total));
    }
  }

  function applyStored() {
    var set = {};
    load().forEach(function (id) {
      set[id] = true;
    });
    ticks.forEach(function (t) {
      t.checked = !!set[itemOf(t)];
    });
    update();
  }

  box.hidden = false;
  ticks.forEach(function (t) {
    t.hidden = false;
    labelsOf(t).forEach(function (l) {
      l.hidden = false;
    });
    t.addEventListener("change", function () {
      save();
      update();
    });
  });
  applyStored();

  // Keep other open tabs in step.
  window.addEventListener("storage", function (e) {
    if (e.key === storageKey || e.key === null) applyStored();
  });
})();
