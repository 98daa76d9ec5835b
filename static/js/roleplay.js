// aeprep: the role-play conversation page. It adds a soft per-turn timer
// (nothing is cut), keeps the reply's draft in localStorage, sends a reply
// with fetch (Accept: application/json) and appends the buyer's answer
// without a reload, and sends with Ctrl/Cmd+Enter. Without it, the form is
// a normal post. No innerHTML: only textContent and elements.
(function () {
  "use strict";
  var form = document.getElementById("rp-form");
  if (!form) return;
  var reply = document.getElementById("reply");
  var turnInput = document.getElementById("rp-turn");
  var list = document.getElementById("rp-transcript");
  var draftStatus = document.getElementById("rp-draft-status");
  var jsError = document.getElementById("reply-js-error");
  var send = document.getElementById("rp-send");
  var prefix = form.getAttribute("data-draft-key") || "";

  function msg(name) { return form.getAttribute("data-msg-" + name) || ""; }
  function storage() { try { return window.localStorage; } catch (e) { return null; } }
  function key() { return prefix + ":" + turnInput.value; }
  function getDraft() { var ls = storage(); try { return ls ? ls.getItem(key()) : null; } catch (e) { return null; } }
  function setDraft(v) { var ls = storage(); try { if (ls) { if (v) ls.setItem(key(), v); else ls.removeItem(key()); } } catch (e) { /* full or disabled */ } }

  function clock() {
    var d = new Date();
    return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }

  // ---- Draft ----
  if (reply.value === "") {
    var d = getDraft();
    if (d) { reply.value = d; draftStatus.textContent = msg("restored"); }
  }
  var saveTimer = null;
  reply.addEventListener("input", function () {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(function () { setDraft(reply.value); draftStatus.textContent = msg("saved").replace("%s", clock()); }, 400);
  });

  // ---- Soft timer ----
  var timerEl = document.getElementById("rp-timer");
  var display = document.getElementById("rp-timer-display");
  var status = document.getElementById("rp-timer-status");
  var limit = parseInt(timerEl.getAttribute("data-seconds"), 10) || 90;
  var started = Date.now();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var s = Math.floor((Date.now() - started) / 1000);
    display.textContent = Math.floor(s / 60) + ":" + pad(s % 60);
    var up = s >= limit;
    timerEl.classList.toggle("timer--up", up);
    if (up && status.textContent === "") status.textContent = timerEl.getAttribute("data-msg-up") || "";
  }
  tick();
  setInterval(tick, 1000);
  function restartTimer() { started = Date.now(); status.textContent = ""; timerEl.classList.remove("timer--up"); tick(); }

  // ---- Sending ----
  function line(cls, who, text, extra) {
    var li = document.createElement("li");
    li.className = "rp-line " + cls;
    var w = document.createElement("span");
    w.className = "rp-who";
    w.textContent = who;
    if (extra) {
      var m = document.createElement("span");
      m.className = "muted";
      m.textContent = " (" + extra + ")";
      w.appendChild(m);
    }
    var t = document.createElement("span");
    t.className = "rp-text";
    t.textContent = text;
    li.appendChild(w);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(t);
    return li;
  }
  function showError(text) {
    jsError.textContent = text;
    jsError.hidden = !text;
    if (text) reply.setAttribute("aria-invalid", "true"); else reply.removeAttribute("aria-invalid");
  }
  var busy = false;
  form.addEventListener("submit", function (e) {
    if (!window.fetch || !window.FormData) return; // a normal post
    e.preventDefault();
    if (busy) return;
    busy = true;
    send.disabled = true;
    draftStatus.textContent = msg("sending");
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json" } })
      .then(function (res) { return res.json().then(function (j) { return { status: res.status, body: j }; }); })
      .then(function (r) {
        var j = r.body;
        if (r.status === 200) {
          setDraft("");
          showError("");
          var cur = document.getElementById("rp-current");
          if (cur) { cur.removeAttribute("id"); cur.classList.remove("rp-current"); }
          var you = line("rp-you", form.getAttribute("data-you"), j.reply, msg("turn").replace("%s", j.turn));
          you.id = "turn-" + j.turn;
          list.appendChild(you);
          var buyer = line("rp-buyer rp-current", form.getAttribute("data-buyer"), j.buyerLine);
          buyer.id = "rp-current";
          list.appendChild(buyer);
          turnInput.value = j.nextTurn;
          reply.value = "";
          draftStatus.textContent = "";
          if (j.done) {
            draftStatus.textContent = msg("ended");
            // The same page, now with the scorecard: reload it there
            // (assigning only a new hash would not load anything).
            try { window.history.replaceState(null, "", j.redirect + "#scorecard"); } catch (e) { /* keep the URL */ }
            window.location.reload();
            return;
          }
          restartTimer();
          reply.focus();
          return;
        }
        if (r.status === 409 && j.redirect) { window.location.assign(j.redirect); return; }
        showError(j.error || msg("failed"));
        draftStatus.textContent = "";
        reply.focus();
      })
      .catch(function () { showError(msg("failed")); draftStatus.textContent = ""; })
      .then(function () { busy = false; send.disabled = false; });
  });
  reply.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else send.click();
    }
  });
})();
