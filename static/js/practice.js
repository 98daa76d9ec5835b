// aeprep: practice page enhancements (timer, local draft autosave/restore,
// Ctrl/Cmd+Enter to submit). The page works fully without this file; all
// user-facing strings come from data-* attributes rendered by the server.
// No innerHTML, no inline styles: only textContent, classes and `hidden`.
(function () {
  "use strict";

  var DRAFT_PREFIX = "aeprep:draft:";
  // A timer running when the page went away goes on after a reload that
  // came within this long of the last save.
  var RESUME_GAP = 5 * 60 * 1000;

  // ---- Storage (never throws: private mode, quota, disabled storage) ----
  var store = (function () {
    var ls = null;
    try {
      ls = window.localStorage;
    } catch (e) {
      ls = null;
    }
    return {
      get: function (key) {
        if (!ls) return null;
        try {
          return ls.getItem(key);
        } catch (e) {
          return null;
        }
      },
      set: function (key, value) {
        if (!ls) return false;
        try {
          ls.setItem(key, value);
          return true;
        } catch (e) {
          return false;
        }
      },
      remove: function (key) {
        if (!ls) return false;
        try {
          ls.removeItem(key);
          return true;
        } catch (e) {
          return false;
        }
      }
    };
  })();

  // ---- Saved marker: runs on every page that loads this file. ----
  // The server renders it only after it has stored the answer, so the local
  // draft can go. Only keys in our own namespace are ever removed.
  // ---- Error summary: takes focus on load (GOV.UK pattern). ----
  var summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) {
    try {
      summary.focus();
    } catch (e) {
      summary = null;
    }
  }

  // A link in the summary moves focus to its field, not just the view.
  if (summary) {
    summary.addEventListener("click", function (e) {
      var a = e.target && e.target.closest ? e.target.closest("a[href^='#']") : null;
      var el = a ? document.getElementById(a.getAttribute("href").slice(1)) : null;
      if (!el) return;
      e.preventDefault();
      // A field inside a closed fold-out (the optional rubric) opens it.
      var d = el.closest ? el.closest("details") : null;
      if (d) d.open = true;
      el.focus();
      if (el.scrollIntoView) el.scrollIntoView({ block: "start" });
    });
  }

  var marker = document.getElementById("saved-marker");
  if (marker) {
    var clearKey = marker.getAttribute("data-clear-draft") || "";
    if (clearKey.indexOf(DRAFT_PREFIX) === 0) store.remove(clearKey);
  }

  var form = document.getElementById("practice-form");
  if (!form) return;

  // ---- Helpers ----
  function pad2(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // m:ss for a whole number of seconds (minutes are not capped).
  function fmtDuration(total) {
    total = Math.max(0, Math.floor(total));
    return Math.floor(total / 60) + ":" + pad2(total % 60);
  }

  function fmtClock(d) {
    return pad2(d.getHours()) + ":" + pad2(d.getMinutes()) + ":" + pad2(d.getSeconds());
  }

  // Local time for a stored ISO timestamp: HH:MM:SS today, otherwise
  // YYYY-MM-DD HH:MM (language neutral).
  function fmtSavedAt(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return "";
    var now = new Date();
    if (d.toDateString() === now.toDateString()) return fmtClock(d);
    return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate()) +
      " " + pad2(d.getHours()) + ":" + pad2(d.getMinutes());
  }

  function fill(msg, value) {
    return (msg || "").replace("%s", value);
  }

  function on(el, type, fn) {
    if (el) el.addEventListener(type, fn);
  }

  var answer = document.getElementById("answer");
  var notes = document.getElementById("notes");
  var limitSelect = document.getElementById("time-limit");
  var secondsInput = document.getElementById("seconds-taken");
  var draftStatus = document.getElementById("draft-status");
  var discardBtn = document.getElementById("draft-discard");
  var draftKey = form.getAttribute("data-draft-key") || "";
  if (draftKey.indexOf(DRAFT_PREFIX) !== 0) draftKey = "";
  var defaultLimitValue = limitSelect ? limitSelect.value : "0";

  function setDraftStatus(text) {
    if (draftStatus) draftStatus.textContent = text;
  }

  // ---- Timer ----
  var timerEl = document.getElementById("timer");
  var display = document.getElementById("timer-display");
  var startBtn = document.getElementById("timer-start");
  var resetBtn = document.getElementById("timer-reset");
  var timerStatus = document.getElementById("timer-status");
  var timerAuto = document.getElementById("timer-auto");

  function tmsg(name, fallback) {
    var v = timerEl ? timerEl.getAttribute("data-msg-" + name) : null;
    return v === null || v === "" ? fallback : v;
  }

  var timer = {
    accumulated: 0, // ms elapsed before the current running stretch
    startedAt: 0, // Date.now() when the current running stretch began
    running: false,
    autoStartArmed: true, // first typing in #answer starts the timer
    warned: false,
    upAnnounced: false,
    tickId: 0
  };

  function currentLimit() {
    var v = limitSelect ? parseInt(limitSelect.value, 10) : NaN;
    if (isNaN(v) && timerEl) v = parseInt(timerEl.getAttribute("data-suggested"), 10);
    return isNaN(v) || v < 0 ? 0 : v;
  }

  function elapsedMs() {
    return timer.accumulated + (timer.running ? Math.max(0, Date.now() - timer.startedAt) : 0);
  }

  function elapsedSeconds() {
    return Math.floor(elapsedMs() / 1000);
  }

  function started() {
    return timer.running || timer.accumulated > 0;
  }

  function syncSecondsInput() {
    if (secondsInput) secondsInput.value = String(elapsedSeconds());
  }

  function announce(text) {
    if (timerStatus) timerStatus.textContent = text;
  }

  function render() {
    var limit = currentLimit();
    var secs = elapsedSeconds();
    var warning = false;
    var up = false;
    var text;
    if (limit === 0) {
      text = fmtDuration(secs); // no limit: count up
    } else if (secs <= limit) {
      text = fmtDuration(limit - secs);
    } else {
      text = "+" + fmtDuration(secs - limit); // overtime
    }
    if (limit > 0 && started()) {
      var remaining = limit - secs;
      up = remaining <= 0;
      warning = !up && remaining <= 30;
      // Re-arm announcements when leaving the zone (e.g. a longer limit chosen).
      if (remaining > 30) timer.warned = false;
      if (remaining > 0) timer.upAnnounced = false;
      if (warning && !timer.warned) {
        timer.warned = true;
        announce(tmsg("warning", ""));
      }
      if (up && !timer.upAnnounced) {
        timer.upAnnounced = true;
        timer.warned = true;
        announce(tmsg("up", ""));
      }
    }
    if (display && display.textContent !== text) display.textContent = text;
    if (timerEl) {
      timerEl.classList.toggle("timer--warning", warning);
      timerEl.classList.toggle("timer--up", up);
    }
  }

  function renderButton() {
    if (timerAuto) timerAuto.hidden = started();
    // Nothing to reset before the timer has run.
    if (resetBtn) resetBtn.hidden = !started();
    if (!startBtn) return;
    var label;
    if (timer.running) label = tmsg("pause", "Pause");
    else if (timer.accumulated > 0) label = tmsg("resume", "Resume");
    else label = tmsg("start", "Start");
    startBtn.textContent = label;
    startBtn.setAttribute("aria-pressed", timer.running ? "true" : "false");
  }

  function tick() {
    render();
    syncSecondsInput();
  }

  function startTimer() {
    startTimerAt(Date.now());
  }

  // startTimerAt runs the timer from a start time (now, or the start of a
  // stretch that ran before a reload).
  function startTimerAt(at) {
    if (timer.running) return;
    timer.running = true;
    timer.startedAt = at;
    timer.tickId = window.setInterval(tick, 250);
    tick();
    renderButton();
  }

  function pauseTimer() {
    if (!timer.running) return;
    timer.accumulated = elapsedMs();
    timer.running = false;
    window.clearInterval(timer.tickId);
    timer.tickId = 0;
    tick();
    renderButton();
  }

  function resetTimer() {
    if (timer.running) window.clearInterval(timer.tickId);
    timer.running = false;
    timer.tickId = 0;
    timer.accumulated = 0;
    timer.autoStartArmed = true;
    timer.warned = false;
    timer.upAnnounced = false;
    announce("");
    tick();
    renderButton();
  }

  if (timerEl) {
    if (startBtn) startBtn.hidden = false;
    on(startBtn, "click", function () {
      timer.autoStartArmed = false; // the user is driving the timer now
      if (timer.running) pauseTimer();
      else startTimer();
      save(true);
    });
    on(resetBtn, "click", function () {
      resetTimer();
      save(true);
      if (startBtn) startBtn.focus(); // the reset button hides itself
    });
    // A new limit applies at once: idle shows the new limit, running keeps
    // running against it, paused recomputes the display.
    on(limitSelect, "change", render);
    // Time counts from the first keystroke or the start of a recording
    // when Start wasn't pressed.
    var autoStart = function () {
      if (timer.autoStartArmed && !timer.running) {
        timer.autoStartArmed = false;
        startTimer();
        save(true);
      }
    };
    on(answer, "input", autoStart);
    on(answer, "keydown", function (e) {
      if (e.key && e.key.length === 1 && !e.ctrlKey && !e.metaKey) autoStart();
    });
    document.addEventListener("aeprep:recordstart", autoStart);
    // A form sent back with errors keeps the time already spent: it shows
    // paused and goes on with the next typing.
    var kept = secondsInput ? parseInt(secondsInput.value, 10) : NaN;
    if (!isNaN(kept) && kept > 0) {
      timer.accumulated = kept * 1000;
      timer.autoStartArmed = true;
    }
    render();
    renderButton();
  }

  // The answer box is required unless a recording is attached: a
  // recording alone is an answer (the server checks the same).
  if (answer) {
    answer.required = true;
    document.addEventListener("aeprep:recording", function (e) {
      answer.required = !(e.detail && e.detail.attached);
    });
    // A recording in progress is attached before the form goes.
    document.addEventListener("aeprep:recordstart", function () {
      answer.required = false;
    });
  }

  // ---- Draft autosave ----
  function ratingInputs() {
    var out = [];
    var els = form.elements;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.type === "radio" && /^r_[a-z0-9_]+$/.test(el.name)) out.push(el);
    }
    return out;
  }

  function snapshot() {
    var ratings = {};
    ratingInputs().forEach(function (el) {
      if (el.checked) ratings[el.name] = el.value;
    });
    return {
      answer: answer ? answer.value : "",
      notes: notes ? notes.value : "",
      ratings: ratings,
      time_limit: limitSelect ? limitSelect.value : "",
      seconds_taken: elapsedSeconds(),
      // The timer itself, so a reload goes on counting: time before the
      // running stretch, and when that stretch began (0: paused).
      timer_ms: timer.accumulated,
      timer_started_at: timer.running ? timer.startedAt : 0
    };
  }

  // What counts as a change: everything but the ticking seconds, so a
  // running timer alone does not rewrite storage (and re-announce) every 3 s.
  function contentKey(s) {
    return JSON.stringify([s.answer, s.notes, s.ratings, s.time_limit, s.timer_ms, s.timer_started_at]);
  }

  function hasContent(s) {
    return s.answer.trim() !== "" || s.notes.trim() !== "" || Object.keys(s.ratings).length > 0 ||
      s.timer_ms > 0 || s.timer_started_at > 0;
  }

  var lastSavedKey = null;
  var debounceId = 0;

  function save(force) {
    if (!draftKey) return false;
    var s = snapshot();
    var key = contentKey(s);
    if (!force && key === lastSavedKey) return false;
    if (!hasContent(s)) {
      // Everything was emptied after a draft existed: do not leave a stale
      // draft behind to be "restored" later.
      if (lastSavedKey !== null) store.remove(draftKey);
      lastSavedKey = key;
      return false;
    }
    var now = new Date();
    s.saved_at = now.toISOString();
    if (!store.set(draftKey, JSON.stringify(s))) return false;
    lastSavedKey = key;
    setDraftStatus(fill(form.getAttribute("data-msg-saved"), fmtClock(now)));
    return true;
  }

  function saveSoon() {
    window.clearTimeout(debounceId);
    debounceId = window.setTimeout(function () {
      save(false);
    }, 800);
  }

  // ---- Restore ----
  function readDraft() {
    if (!draftKey) return null;
    var raw = store.get(draftKey);
    if (!raw) return null;
    try {
      var d = JSON.parse(raw);
      return d && typeof d === "object" ? d : null;
    } catch (e) {
      return null;
    }
  }

  function selectHasValue(sel, value) {
    for (var i = 0; i < sel.options.length; i++) {
      if (sel.options[i].value === value) return true;
    }
    return false;
  }

  function restore(d) {
    if (answer && typeof d.answer === "string") answer.value = d.answer;
    if (notes && typeof d.notes === "string") notes.value = d.notes;
    if (d.ratings && typeof d.ratings === "object") {
      ratingInputs().forEach(function (el) {
        if (Object.prototype.hasOwnProperty.call(d.ratings, el.name)) {
          el.checked = String(d.ratings[el.name]) === el.value;
        }
      });
    }
    if (limitSelect && d.time_limit != null && selectHasValue(limitSelect, String(d.time_limit))) {
      limitSelect.value = String(d.time_limit);
    }
    // Keep the time already spent. A timer that was running when the page
    // went (a reload, a crash) goes on running if the page was away for
    // less than RESUME_GAP; otherwise it shows paused ("Resume") at the
    // time of the last save and resumes on the next typing in #answer.
    var secs = parseInt(d.seconds_taken, 10);
    var ms = parseInt(d.timer_ms, 10);
    var began = parseInt(d.timer_started_at, 10);
    var savedAt = new Date(d.saved_at).getTime();
    if (timerEl && !isNaN(ms) && ms >= 0 && !isNaN(began) && began > 0 && !isNaN(savedAt) && savedAt >= began) {
      if (Date.now() - savedAt < RESUME_GAP && Date.now() >= began) {
        timer.accumulated = ms;
        timer.autoStartArmed = false;
        timer.running = false;
        startTimerAt(began);
      } else {
        timer.accumulated = ms + (savedAt - began);
        timer.autoStartArmed = true;
      }
    } else if (timerEl && !isNaN(ms) && ms > 0) {
      timer.accumulated = ms;
      timer.autoStartArmed = true;
    } else if (timerEl && !isNaN(secs) && secs > 0) {
      timer.accumulated = secs * 1000;
      timer.autoStartArmed = true;
    }
    syncSecondsInput();
    render();
    renderButton();
    lastSavedKey = contentKey(snapshot());
    setDraftStatus(fill(form.getAttribute("data-msg-restored"), fmtSavedAt(d.saved_at)));
    if (discardBtn) discardBtn.hidden = false;
  }

  var draft = readDraft();
  if (draft && answer && answer.value === "") {
    restore(draft);
  }

  on(discardBtn, "click", function () {
    window.clearTimeout(debounceId);
    store.remove(draftKey);
    if (answer) answer.value = "";
    if (notes) notes.value = "";
    ratingInputs().forEach(function (el) {
      el.checked = false;
    });
    if (limitSelect) limitSelect.value = defaultLimitValue;
    if (timerEl) resetTimer();
    syncSecondsInput();
    lastSavedKey = contentKey(snapshot());
    setDraftStatus("");
    discardBtn.hidden = true;
    if (answer) answer.focus();
  });

  form.addEventListener("input", saveSoon);
  form.addEventListener("change", saveSoon);
  window.setInterval(function () {
    // While the timer runs, the draft's saved_at says when the page was
    // last here, for a reload to go on from.
    save(timer.running);
  }, 3000);
  window.addEventListener("pagehide", function () {
    syncSecondsInput();
    save(timer.running);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") save(false);
  });
  window.addEventListener("offline", function () {
    setDraftStatus(form.getAttribute("data-msg-offline") || "");
  });

  // ---- Submit ----
  form.addEventListener("submit", function () {
    window.clearTimeout(debounceId);
    syncSecondsInput();
    // The draft stays until the server confirms (see #saved-marker).
    var ok = save(true);
    if (ok && navigator.onLine === false) {
      setDraftStatus(form.getAttribute("data-msg-offline") || "");
    }
  });

  // Ctrl+Enter / Cmd+Enter submits (not while an IME is composing).
  form.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey) || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      var btn = form.querySelector("button[type=submit], input[type=submit]");
      if (btn) btn.click();
      else form.submit();
    }
  });
})();
