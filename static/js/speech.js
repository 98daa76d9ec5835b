// aeprep: recording the spoken answer on the practice page (MediaRecorder),
// attached to the normal file input so the ordinary form submit uploads it.
// Dictation is dictation.js's (templates/partials/dictation.html).
// The page works fully without this file and typing is never blocked. All
// user-facing strings come from data-msg-* attributes on #speech.
// No innerHTML, no inline styles: only textContent, classes and `hidden`.
(function () {
  "use strict";

  var root = document.getElementById("speech");
  if (!root) return;

  var RECORD_LIMIT_MS = 10 * 60 * 1000; // recordings stop at 10 minutes
  var SILENCE_RMS = 0.02; // RMS above this counts as "started speaking"
  var METER_GAIN = 4; // normal speech (RMS ~0.05-0.25) fills a useful part of the meter
  var MIME_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];

  function $(id) {
    return document.getElementById(id);
  }

  function noop() {}

  function msg(name, fallback) {
    var v = root.getAttribute("data-msg-" + name);
    return v === null || v === "" ? fallback || "" : v;
  }

  function fill(text, value) {
    return (text || "").replace("%s", value);
  }

  function pad2(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // m:ss for a duration in milliseconds.
  function fmtMs(ms) {
    var total = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(total / 60) + ":" + pad2(total % 60);
  }

  var statusEl = $("speech-status");

  function setStatus(text) {
    if (statusEl) statusEl.textContent = text || "";
  }

  function statusIs(text) {
    return !!statusEl && !!text && statusEl.textContent === text;
  }

  var unavailable = []; // messages shown once at load for missing APIs

  // Tells practice.js what happened: "aeprep:recordstart" starts the
  // timer; "aeprep:recording" says whether a recording is attached (then
  // the answer box may stay empty).
  function emit(name, detail) {
    var ev;
    try {
      ev = new CustomEvent(name, { detail: detail || null });
    } catch (e) {
      ev = document.createEvent("CustomEvent");
      ev.initCustomEvent(name, false, false, detail || null);
    }
    document.dispatchEvent(ev);
  }

  function emitAttached() {
    emit("aeprep:recording", { attached: !!(fileInput && fileInput.files && fileInput.files.length > 0) });
  }

  // ======================= Recording =======================
  var recordBtn = $("record");
  var meter = $("record-level");
  var timeEl = $("record-time");
  // The player for a finished recording is made when there is one: an
  // <audio> element in the page costs its load a style pass over the
  // browser's media stylesheet (some 10 ms on a phone-class CPU).
  var preview = null;
  var discardBtn = $("record-discard");
  var fileInput = $("recording-file");
  var msInput = $("recording-ms");
  var silenceInput = $("recording-silence-ms");
  var form = fileInput ? fileInput.form : null;

  var canRecord = !!(navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === "function" &&
    typeof window.MediaRecorder === "function" && typeof window.Blob === "function" && window.URL &&
    typeof URL.createObjectURL === "function");

  var session = null; // the recording in progress (or starting), if any
  var previewUrl = ""; // object URL of the last finished recording
  var pendingSubmit = null; // a form submit that waits for the recording to stop
  var pickToken = 0; // invalidates stale duration reads of picked files
  var recordStatus = ""; // the last "Recorded …" message shown

  function setHidden(name, value) {
    var el = name === "ms" ? msInput : silenceInput;
    if (el) el.value = String(Math.max(0, Math.round(value || 0)));
  }

  function renderRecord() {
    if (!recordBtn) return;
    var on = !!session;
    recordBtn.textContent = on ? msg("stoprecord", "Stop recording") : msg("record", "Record");
    recordBtn.setAttribute("aria-pressed", on ? "true" : "false");
    root.classList.toggle("is-recording", on && !session.starting);
  }

  function pickMimeType() {
    var MR = window.MediaRecorder;
    if (!MR || typeof MR.isTypeSupported !== "function") return "";
    for (var i = 0; i < MIME_TYPES.length; i++) {
      try {
        if (MR.isTypeSupported(MIME_TYPES[i])) return MIME_TYPES[i];
      } catch (e) {
        noop();
      }
    }
    return "";
  }

  function extensionFor(type) {
    var t = (type || "").toLowerCase();
    if (t.indexOf("webm") !== -1) return "webm";
    if (t.indexOf("ogg") !== -1) return "ogg";
    if (t.indexOf("mp4") !== -1 || t.indexOf("m4a") !== -1) return "m4a";
    if (t.indexOf("aac") !== -1) return "aac";
    if (t.indexOf("mpeg") !== -1 || t.indexOf("mp3") !== -1) return "mp3";
    if (t.indexOf("wav") !== -1) return "wav";
    return "audio";
  }

  function stopTracks(stream) {
    if (!stream || typeof stream.getTracks !== "function") return;
    stream.getTracks().forEach(function (t) {
      try {
        t.stop();
      } catch (e) {
        noop();
      }
    });
  }

  function recordErrorText(err) {
    var name = err && err.name ? String(err.name) : "";
    if (name === "NotAllowedError" || name === "PermissionDeniedError" || name === "SecurityError") {
      return msg("denied", "The microphone was blocked. Allow it in the browser's site settings, or keep typing.");
    }
    if (name === "NotFoundError" || name === "DevicesNotFoundError" || name === "OverconstrainedError") {
      return msg("nomic", "No microphone was found. Typing works as usual.");
    }
    return msg("recorderror", "Recording stopped because of an error. Typing works as usual.");
  }

  // ---- Level meter and silence measurement ----
  function setupAnalyser(s) {
    var AC = window.AudioContext || window.webkitAudioContext;
    if (!AC) return;
    try {
      var ctx = new AC();
      var src = ctx.createMediaStreamSource(s.stream);
      var analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      src.connect(analyser);
      // Some engines only process nodes that reach the destination: route
      // through a muted gain so nothing is heard.
      var mute = ctx.createGain();
      mute.gain.value = 0;
      analyser.connect(mute);
      mute.connect(ctx.destination);
      s.ctx = ctx;
      s.analyser = analyser;
      s.measured = true;
      s.fbuf = typeof analyser.getFloatTimeDomainData === "function" ? new Float32Array(analyser.fftSize) : null;
      s.bbuf = s.fbuf ? null : new Uint8Array(analyser.fftSize);
      if (ctx.state === "suspended" && typeof ctx.resume === "function") {
        var p = ctx.resume();
        if (p && typeof p.catch === "function") p.catch(noop);
      }
    } catch (e) {
      closeAnalyser(s);
      s.measured = false;
    }
  }

  function closeAnalyser(s) {
    if (s.ctx && typeof s.ctx.close === "function") {
      try {
        var p = s.ctx.close();
        if (p && typeof p.catch === "function") p.catch(noop);
      } catch (e) {
        noop();
      }
    }
    s.ctx = null;
    s.analyser = null;
  }

  function rms(s) {
    var sum = 0;
    var i;
    var n;
    if (s.fbuf) {
      s.analyser.getFloatTimeDomainData(s.fbuf);
      n = s.fbuf.length;
      for (i = 0; i < n; i++) sum += s.fbuf[i] * s.fbuf[i];
    } else {
      s.analyser.getByteTimeDomainData(s.bbuf);
      n = s.bbuf.length;
      for (i = 0; i < n; i++) {
        var v = (s.bbuf[i] - 128) / 128;
        sum += v * v;
      }
    }
    return n ? Math.sqrt(sum / n) : 0;
  }

  // Reads the current level: updates the meter and notes when sound first
  // rises above the silence threshold. Called from requestAnimationFrame and
  // from the 250 ms tick (rAF pauses in background tabs).
  function sample(s) {
    if (!s.analyser || s.stoppedAt) return;
    var level;
    try {
      level = rms(s);
    } catch (e) {
      return;
    }
    if (!s.soundAt && level > SILENCE_RMS) s.soundAt = Date.now();
    if (meter) meter.value = Math.min(1, level * METER_GAIN);
  }

  function frame(s) {
    if (session !== s || s.stoppedAt) return;
    sample(s);
    s.raf = window.requestAnimationFrame(function () {
      frame(s);
    });
  }

  function tick(s) {
    if (session !== s || s.stoppedAt) return;
    var elapsed = Date.now() - s.startedAt;
    sample(s);
    if (timeEl) timeEl.textContent = fmtMs(elapsed);
    // Announce in the live region only once a minute, not on every tick.
    var minute = Math.floor(elapsed / 60000);
    if (minute > s.announcedMinute) {
      s.announcedMinute = minute;
      setStatus(fill(msg("recording", "Recording… %s"), fmtMs(elapsed)));
    }
    if (elapsed >= RECORD_LIMIT_MS) stopRecording(true);
  }

  // ---- Start / stop ----
  function startRecording() {
    var s = {
      starting: true,
      stream: null,
      recorder: null,
      chunks: [],
      startedAt: 0,
      stoppedAt: 0,
      soundAt: 0, // Date.now() when the level first rose above SILENCE_RMS
      ctx: null,
      analyser: null,
      measured: false, // whether the level could be analysed at all
      failed: false,
      raf: 0,
      tickId: 0,
      limitId: 0,
      announcedMinute: 0,
      tooLong: false,
      done: false
    };
    session = s;
    renderRecord();
    var p;
    try {
      p = navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      p = Promise.reject(e);
    }
    Promise.resolve(p).then(function (stream) {
      if (session !== s) {
        stopTracks(stream); // cancelled while the browser was asking
        return;
      }
      s.stream = stream;
      begin(s);
    }, function (err) {
      if (session !== s) return;
      session = null;
      setStatus(recordErrorText(err));
      renderRecord();
      resumePendingSubmit();
    });
  }

  function begin(s) {
    var type = pickMimeType();
    var recorder = null;
    try {
      // 32 kbit/s Opus is plenty for speech and keeps a 2-minute answer
      // near half a megabyte.
      var opts = { audioBitsPerSecond: 32000 };
      if (type) opts.mimeType = type;
      recorder = new MediaRecorder(s.stream, opts);
    } catch (e) {
      try {
        recorder = new MediaRecorder(s.stream);
      } catch (e2) {
        recorder = null;
      }
    }
    if (!recorder) {
      abortSession(s, null);
      return;
    }
    s.recorder = recorder;
    recorder.ondataavailable = function (e) {
      if (e.data && e.data.size > 0) s.chunks.push(e.data);
    };
    recorder.onstop = function () {
      finish(s);
    };
    // The recorder really starts capturing a moment after start(): time the
    // duration from its "start" event so it matches the audio in the file.
    recorder.onstart = function () {
      if (!s.stoppedAt) s.startedAt = Date.now();
    };
    recorder.onerror = function (e) {
      if (s.done) return;
      s.failed = (e && e.error) || true;
      stopRecording(false);
    };
    try {
      recorder.start(1000);
    } catch (e) {
      abortSession(s, e);
      return;
    }
    s.starting = false;
    s.startedAt = Date.now();
    setupAnalyser(s);

    if (meter) {
      meter.value = 0;
      meter.hidden = !s.analyser;
    }
    if (timeEl) {
      timeEl.textContent = fmtMs(0);
      timeEl.hidden = false;
    }
    setStatus(fill(msg("recording", "Recording… %s"), fmtMs(0)));
    renderRecord();
    emit("aeprep:recordstart");

    s.tickId = window.setInterval(function () {
      tick(s);
    }, 250);
    s.limitId = window.setTimeout(function () {
      if (session === s) stopRecording(true);
    }, RECORD_LIMIT_MS);
    if (s.analyser && typeof window.requestAnimationFrame === "function") frame(s);
  }

  function clearTimers(s) {
    if (s.tickId) window.clearInterval(s.tickId);
    if (s.limitId) window.clearTimeout(s.limitId);
    if (s.raf && typeof window.cancelAnimationFrame === "function") window.cancelAnimationFrame(s.raf);
    s.tickId = s.limitId = s.raf = 0;
  }

  function hideLive() {
    if (meter) {
      meter.value = 0;
      meter.hidden = true;
    }
    if (timeEl) timeEl.hidden = true;
  }

  // Gives up on a session that never produced a recording.
  function abortSession(s, err) {
    s.done = true;
    clearTimers(s);
    closeAnalyser(s);
    stopTracks(s.stream);
    if (session === s) session = null;
    hideLive();
    setStatus(recordErrorText(err));
    renderRecord();
    resumePendingSubmit();
  }

  function stopRecording(tooLong) {
    var s = session;
    if (!s) return;
    if (s.starting) {
      // Still waiting for the microphone: cancel.
      session = null;
      renderRecord();
      resumePendingSubmit();
      return;
    }
    if (s.stoppedAt) return;
    s.stoppedAt = Date.now();
    s.tooLong = !!tooLong;
    clearTimers(s);
    try {
      if (s.recorder && s.recorder.state !== "inactive") s.recorder.stop();
      else finish(s);
    } catch (e) {
      finish(s);
    }
  }

  function attachFile(blob) {
    if (!fileInput) return false;
    try {
      var dt = new DataTransfer();
      dt.items.add(new File([blob], "answer." + extensionFor(blob.type), { type: blob.type }));
      fileInput.files = dt.files;
      return !!(fileInput.files && fileInput.files.length === 1);
    } catch (e) {
      return false;
    }
  }

  function clearPreview() {
    if (preview) {
      try {
        preview.pause();
      } catch (e) {
        noop();
      }
      preview.removeAttribute("src");
      try {
        preview.load();
      } catch (e) {
        noop();
      }
      preview.hidden = true;
    }
    if (previewUrl) {
      URL.revokeObjectURL(previewUrl);
      previewUrl = "";
    }
    if (discardBtn) discardBtn.hidden = true;
  }

  // The recorder has stopped (by us, by the time limit, or because the
  // microphone went away): build the file and attach it to the form.
  function finish(s) {
    if (s.done) return;
    s.done = true;
    if (!s.stoppedAt) s.stoppedAt = Date.now();
    clearTimers(s);
    closeAnalyser(s);
    stopTracks(s.stream);
    if (session === s) session = null;
    hideLive();
    renderRecord();

    var type = (s.recorder && s.recorder.mimeType) || (s.chunks[0] && s.chunks[0].type) || "audio/webm";
    var blob = new Blob(s.chunks, { type: type });
    s.chunks = [];
    var ms = Math.max(0, s.stoppedAt - s.startedAt);
    if (!blob.size || s.failed) {
      setStatus(msg("recorderror", "Recording stopped because of an error. Typing works as usual."));
      resumePendingSubmit();
      return;
    }

    // The new recording replaces any earlier one (or a picked file).
    pickToken++;
    clearPreview();
    var attached = attachFile(blob);
    if (attached) {
      setHidden("ms", ms);
      // Silence before the first sound; the whole recording if it never
      // rose above the threshold; 0 when it could not be measured.
      setHidden("silence", s.soundAt ? Math.min(Math.max(0, s.soundAt - s.startedAt), ms) : s.measured ? ms : 0);
    } else {
      setHidden("ms", 0);
      setHidden("silence", 0);
    }

    previewUrl = URL.createObjectURL(blob);
    if (!preview && timeEl) {
      preview = document.createElement("audio");
      preview.id = "record-preview";
      preview.controls = true;
      timeEl.parentNode.insertBefore(preview, timeEl.nextSibling);
    }
    if (preview) {
      preview.src = previewUrl;
      preview.hidden = false;
    }
    if (discardBtn) discardBtn.hidden = !attached;

    var text = attached
      ? fill(msg("recorded", "Recorded %s. It will be saved with your answer."), fmtMs(ms))
      : msg("attachfailed", "This browser can't attach the recording to the form. You can still listen to it here.");
    if (s.tooLong) text = msg("toolong", "Recordings stop at 10 minutes.") + " " + text;
    recordStatus = text;
    setStatus(text);
    emitAttached();
    resumePendingSubmit();
  }

  function discardRecording() {
    pickToken++;
    if (fileInput) fileInput.value = "";
    clearPreview();
    setHidden("ms", 0);
    setHidden("silence", 0);
    setStatus("");
    emitAttached();
    // The discard button is now hidden: keep focus somewhere sensible.
    if (recordBtn && !recordBtn.hidden) recordBtn.focus();
    else if (fileInput) fileInput.focus();
  }

  // A submit while recording waits until the recording is attached, then
  // continues, so the answer is not sent without it.
  function resumePendingSubmit() {
    var p = pendingSubmit;
    pendingSubmit = null;
    if (!p || !form) return;
    if (typeof form.requestSubmit === "function") {
      try {
        if (p.submitter) form.requestSubmit(p.submitter);
        else form.requestSubmit();
        return;
      } catch (e) {
        noop();
      }
    }
    form.submit();
  }

  // ---- Duration of a file the user picks ----
  function readPickedDuration() {
    var token = ++pickToken;
    var f = fileInput.files && fileInput.files[0];
    if (!f || typeof window.Audio !== "function") return;
    var url;
    try {
      url = URL.createObjectURL(f);
    } catch (e) {
      return;
    }
    var audio = new Audio();
    var finished = false;
    function done() {
      if (finished) return;
      finished = true;
      audio.removeAttribute("src");
      URL.revokeObjectURL(url);
    }
    audio.preload = "metadata";
    audio.addEventListener("loadedmetadata", function () {
      var d = audio.duration;
      // WebM from MediaRecorder often reports Infinity: leave 0 then.
      if (token === pickToken && isFinite(d) && d > 0) setHidden("ms", d * 1000);
      done();
    });
    audio.addEventListener("error", done);
    window.setTimeout(done, 15000);
    audio.src = url;
  }

  if (fileInput) {
    fileInput.addEventListener("change", function () {
      // A picked file replaces our recording; its timings are unknown until read.
      clearPreview();
      setHidden("ms", 0);
      setHidden("silence", 0);
      if (statusIs(recordStatus)) setStatus("");
      emitAttached();
      readPickedDuration();
    });
  }

  if (recordBtn) {
    if (canRecord && fileInput) {
      recordBtn.hidden = false;
      renderRecord();
      recordBtn.addEventListener("click", function () {
        if (session) stopRecording(false);
        else startRecording();
      });
      if (discardBtn) discardBtn.addEventListener("click", discardRecording);
      if (form) {
        form.addEventListener("submit", function (e) {
          if (!session || e.defaultPrevented) return;
          if (session.starting) {
            stopRecording(false); // nothing recorded yet: just cancel
            return;
          }
          e.preventDefault();
          pendingSubmit = { submitter: e.submitter || null };
          stopRecording(false);
        });
      }
    } else {
      recordBtn.hidden = true;
      unavailable.push(msg("norecord", "Recording isn't available in this browser. Typing works as usual."));
    }
  }

  if (unavailable.length) setStatus(unavailable.join(" "));
})();
