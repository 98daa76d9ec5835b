// aeprep: dictation into a textarea (Web Speech API), one control per
// [data-dictation] block of templates/partials/dictation.html.
//
// On-device first: where SpeechRecognition.available({processLocally: true})
// says the language is there, recognition runs with processLocally = true
// and the control says so; where its speech pack can be downloaded, a
// button offers SpeechRecognition.install(). Where only the browser's
// online service is left, the user is asked once before any audio is sent
// (their answer is kept in the database for a signed-in user, in
// localStorage for a visitor). The textarea always works; without this
// file the page is whole. Strings come from data-msg-* attributes; no
// innerHTML, no inline styles.
(function () {
  "use strict";

  var GUEST_KEY = "aeprep:cloud-dictation"; // a visitor's answer: "allow" or "deny"
  var POLL_MS = 3000; // how often a pack that is downloading is looked at again
  var POLL_LIMIT = 200; // ... for up to ten minutes
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;

  function noop() {}

  function readGuest() {
    try {
      var v = window.localStorage.getItem(GUEST_KEY);
      return v === "allow" || v === "deny" ? v : "";
    } catch (e) {
      return "";
    }
  }

  function writeGuest(v) {
    try {
      if (v) window.localStorage.setItem(GUEST_KEY, v);
      else window.localStorage.removeItem(GUEST_KEY);
      return true;
    } catch (e) {
      return false;
    }
  }

  // What the browser can do for lang: local is the on-device status
  // ("available", "downloadable", "downloading" or "unavailable"), cloud
  // whether the online service is there. A browser without available()
  // (the older, prefixed API) has only its online service.
  function detect(lang) {
    if (typeof Recognition !== "function") return Promise.resolve({ local: "unavailable", cloud: false });
    if (typeof Recognition.available !== "function") return Promise.resolve({ local: "unavailable", cloud: true });
    function ask(local) {
      try {
        return Promise.resolve(Recognition.available({ langs: [lang], processLocally: local }));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return ask(true).then(function (local) {
      local = String(local || "unavailable");
      return ask(false).then(function (any) {
        return { local: local, cloud: any === "available" };
      }, function () {
        return { local: local, cloud: false };
      });
    }, function () {
      // Blocked by a Permissions-Policy, or a bad tag: only the online
      // service may be left, and that is asked about first.
      return { local: "unavailable", cloud: true };
    });
  }

  function setup(root) {
    if (root.getAttribute("data-ready") === "1") return; // the script is on the page twice
    root.setAttribute("data-ready", "1");
    var id = root.id;
    function $(suffix) {
      return document.getElementById(id + "-" + suffix);
    }
    function msg(name) {
      return root.getAttribute("data-msg-" + name) || "";
    }

    var target = document.getElementById(root.getAttribute("data-target"));
    var lang = root.getAttribute("data-lang") || document.documentElement.lang || "en-US";
    var noSpaceLang = /^(ja|zh)\b/i.test(lang); // written without spaces between words
    var guest = root.hasAttribute("data-guest");
    var saveURL = root.getAttribute("data-save") || "";
    var button = $("button");
    var installBtn = $("install");
    var note = $("note");
    var change = guest ? $("askagain") : $("settings");
    var consent = $("consent");
    var consentTitle = $("consent-title");
    var allowBtn = $("allow");
    var denyBtn = $("deny");
    var statusEl = $("status");
    if (!target || !button || !note || !statusEl) return;

    var state = {
      mode: "none", // "local", "cloud" or "none": how the next recognition runs
      cloud: false, // whether the online service is there at all
      answer: guest ? readGuest() : root.getAttribute("data-cloud") || "",
      rec: null, // the SpeechRecognition in progress
      errored: false,
      installing: false
    };

    function setStatus(text) {
      statusEl.textContent = text || "";
    }

    function show(el, on) {
      if (el) el.hidden = !on;
    }

    // Draws the control for the current mode and answer.
    function render() {
      var listening = !!state.rec;
      var cloudOff = state.mode === "cloud" && state.answer === "deny";
      show(button, state.mode !== "none" && !cloudOff);
      button.textContent = listening ? msg("stop") : msg("start");
      button.setAttribute("aria-pressed", listening ? "true" : "false");
      root.classList.toggle("is-dictating", listening);
      root.setAttribute("data-mode", cloudOff ? "off" : state.mode);
      show(change, state.mode === "cloud" && state.answer !== ""); // settings link, or a visitor's "ask me again"
      var parts = [];
      if (installBtn && !installBtn.hidden) parts.push(msg("install-offer"));
      if (state.mode === "local") parts.push(msg("local"));
      else if (state.mode === "cloud") parts.push(cloudOff ? msg("cloud-off") : state.answer === "allow" ? msg("cloud") : msg("cloud-ask"));
      else if (!parts.length) parts.push(msg("none"));
      note.textContent = parts.join(document.documentElement.lang === "ja" ? "" : " ");
    }

    // Adds recognised text at the end of the textarea, leaving what was
    // typed and the caret alone, and tells the page (autosave, counters).
    function append(text) {
      text = noSpaceLang ? text.trim() : text.replace(/\s+/g, " ").trim();
      if (!text) return;
      var current = target.value;
      var add = (current !== "" && !/\s$/.test(current) && !noSpaceLang ? " " : "") + text;
      var max = target.maxLength;
      if (typeof max === "number" && max > 0) {
        var room = max - current.length;
        if (room <= 0) {
          setStatus(msg("err-full"));
          return;
        }
        if (add.length > room) add = add.slice(0, room);
      }
      var end = current.length;
      try {
        target.setRangeText(add, end, end, "preserve");
      } catch (e) {
        target.value = current + add;
      }
      target.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function listeningText() {
      return state.mode === "local" ? msg("listen-here") : msg("listen-web");
    }

    function errorText(code) {
      switch (code) {
        case "not-allowed":
          return msg("err-mic");
        case "audio-capture":
          return msg("err-nomic");
        case "no-speech":
          return msg("err-silence");
        case "network":
          return msg("err-network");
        case "language-not-supported":
        case "service-not-allowed":
          return state.mode === "local" ? msg("err-local") : msg("err-other");
        default:
          return msg("err-other");
      }
    }

    function start() {
      var r;
      try {
        r = new Recognition();
      } catch (e) {
        setStatus(errorText(""));
        return;
      }
      var local = state.mode === "local";
      r.lang = lang;
      r.continuous = true;
      r.interimResults = false;
      r.maxAlternatives = 1;
      // Required, not preferred: a session that can't stay on the device
      // fails instead of quietly going to the online service.
      if (local) r.processLocally = true;
      state.errored = false;
      r.onresult = function (e) {
        if (state.rec !== r) return;
        for (var i = e.resultIndex || 0; i < e.results.length; i++) {
          var res = e.results[i];
          if (res && res.isFinal && res[0]) append(String(res[0].transcript || ""));
        }
      };
      r.onerror = function (e) {
        if (state.rec !== r) return;
        var code = e && e.error ? String(e.error) : "";
        if (code === "aborted") return; // stopped by us
        state.errored = true;
        setStatus(errorText(code));
        try {
          r.abort();
        } catch (err) {
          noop();
        }
        if (local && (code === "language-not-supported" || code === "service-not-allowed")) {
          // The pack went away or never arrived: look again.
          state.rec = null;
          refresh();
        }
      };
      r.onend = function () {
        if (state.rec !== r) return;
        state.rec = null;
        if (!state.errored && statusEl.textContent === listeningText()) setStatus("");
        render();
      };
      state.rec = r;
      try {
        r.start();
      } catch (e) {
        state.rec = null;
        setStatus(errorText(""));
        render();
        return;
      }
      setStatus(listeningText());
      render();
    }

    function stop(discard) {
      var r = state.rec;
      if (!r) return;
      try {
        if (discard) {
          state.rec = null; // nothing that arrives later lands in the box
          r.abort();
        } else {
          r.stop(); // delivers what was heard, then "end"
        }
      } catch (e) {
        state.rec = null;
      }
      if (statusEl.textContent === listeningText()) setStatus("");
      render();
    }

    // Keeps the user's answer: in the database (signed in) or in this
    // browser (visitor). Resolves false when it could not be kept.
    function remember(answer) {
      state.answer = answer;
      if (guest) return Promise.resolve(writeGuest(answer));
      if (!saveURL || typeof window.fetch !== "function") return Promise.resolve(false);
      var body = new URLSearchParams();
      body.set("cloud_dictation", answer);
      return window.fetch(saveURL, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": root.getAttribute("data-csrf") || "", "Accept": "application/json" },
        body: body
      }).then(function (res) {
        return res.ok;
      }, function () {
        return false;
      });
    }

    function askConsent() {
      show(consent, true);
      if (consentTitle) consentTitle.focus();
    }

    function closeConsent(focusEl) {
      show(consent, false);
      if (focusEl && !focusEl.hidden) focusEl.focus();
    }

    button.addEventListener("click", function () {
      if (state.rec) {
        stop(false);
        return;
      }
      if (state.mode === "cloud" && state.answer === "") {
        askConsent();
        return;
      }
      if (state.mode === "local" || state.mode === "cloud" && state.answer === "allow") start();
    });

    if (allowBtn) {
      allowBtn.addEventListener("click", function () {
        state.answer = "allow";
        closeConsent(null);
        render();
        button.focus();
        start(); // the click is the user's go-ahead for this session too
        remember("allow").then(function (ok) {
          if (!ok) setStatus(msg("unsaved"));
        });
      });
    }
    if (denyBtn) {
      denyBtn.addEventListener("click", function () {
        state.answer = "deny";
        closeConsent(null);
        render();
        setStatus(msg("denied"));
        target.focus(); // typing is what's left: go there
        remember("deny").then(function (ok) {
          if (!ok) setStatus(msg("denied") + " " + msg("unsaved"));
        });
      });
    }
    if (consent) {
      consent.addEventListener("keydown", function (e) {
        if (e.key === "Escape") {
          e.preventDefault();
          closeConsent(button); // no answer: asked again next time
        }
      });
    }
    if (guest && change) {
      change.addEventListener("click", function () {
        remember("");
        setStatus("");
        render();
        button.focus();
        askConsent();
      });
    }

    // Installing the language's speech pack for on-device recognition.
    function showInstall(on) {
      show(installBtn, on);
    }

    if (installBtn) {
      installBtn.addEventListener("click", function () {
        if (state.installing || typeof Recognition.install !== "function") return;
        state.installing = true;
        installBtn.disabled = true;
        root.setAttribute("aria-busy", "true");
        setStatus(msg("install-busy"));
        var p;
        try {
          p = Promise.resolve(Recognition.install({ langs: [lang] }));
        } catch (e) {
          p = Promise.reject(e);
        }
        p.then(function (ok) {
          return ok ? detect(lang) : null;
        }).then(function (found) {
          if (found && found.local === "available") {
            apply(found);
            setStatus(msg("install-done"));
          } else {
            failInstall();
          }
        }, failInstall);
      });
    }

    function failInstall() {
      state.installing = false;
      root.removeAttribute("aria-busy");
      if (installBtn) installBtn.disabled = false;
      setStatus(msg("install-failed"));
      render();
    }

    var polls = 0;
    function apply(found) {
      state.cloud = found.cloud;
      state.installing = false;
      root.removeAttribute("aria-busy");
      if (installBtn) installBtn.disabled = false;
      if (found.local === "available") {
        state.mode = "local";
        showInstall(false);
        if (statusEl.textContent === msg("install-busy")) setStatus("");
      } else {
        state.mode = found.cloud ? "cloud" : "none";
        var canInstall = found.local === "downloadable" && typeof Recognition.install === "function";
        showInstall(canInstall);
        if (found.local === "downloading") {
          // Someone (another tab) is downloading it: look again shortly.
          root.setAttribute("aria-busy", "true");
          setStatus(msg("install-busy"));
          if (polls++ < POLL_LIMIT) window.setTimeout(refresh, POLL_MS);
          else root.removeAttribute("aria-busy");
        }
      }
      render();
    }

    function refresh() {
      detect(lang).then(apply);
    }

    // A sent form takes the box's text as it is: stop listening, so
    // nothing heard afterwards lands in the next reply.
    if (target.form) {
      target.form.addEventListener("submit", function () {
        stop(true);
      });
    }

    note.textContent = msg("checking");
    refresh();
  }

  var roots = document.querySelectorAll("[data-dictation]");
  for (var i = 0; i < roots.length; i++) setup(roots[i]);
})();
