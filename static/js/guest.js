// aeprep: answers given before signing up. The server analyses a
// visitor's answer and stores nothing; this file keeps the answer in
// localStorage (the result page hands it over in #guest-attempt), fills
// the import form on /me/import after sign-up, and forgets the answers the
// server confirmed (#guest-imported). No innerHTML: only textContent.
(function () {
  "use strict";

  var KEY = "aeprep:guest:attempts";
  var MAX = 20; // the server imports at most 20 at a time

  var ls = null;
  try {
    ls = window.localStorage;
  } catch (e) {
    ls = null;
  }

  function load() {
    if (!ls) return [];
    try {
      var v = JSON.parse(ls.getItem(KEY) || "[]");
      return Array.isArray(v) ? v.filter(function (a) {
        return a && typeof a === "object" && typeof a.client_token === "string";
      }) : [];
    } catch (e) {
      return [];
    }
  }

  function store(list) {
    if (!ls) return false;
    try {
      if (list.length) ls.setItem(KEY, JSON.stringify(list));
      else ls.removeItem(KEY);
      return true;
    } catch (e) {
      return false;
    }
  }

  // ---- The result page: keep the answer. ----
  var kept = document.getElementById("guest-attempt");
  if (kept) {
    var a = null;
    try {
      a = JSON.parse(kept.getAttribute("data-attempt") || "null");
    } catch (e) {
      a = null;
    }
    if (a && typeof a.client_token === "string") {
      var list = load().filter(function (x) {
        return x.client_token !== a.client_token; // a reload keeps one copy
      });
      a.saved_at = new Date().toISOString();
      list.push(a);
      while (list.length > MAX) list.shift();
      if (store(list)) {
        var note = document.getElementById("guest-kept");
        if (note) note.hidden = false;
        // The answer is kept here now: its draft can go.
        var dk = kept.getAttribute("data-draft-key") || "";
        if (dk.indexOf("aeprep:draft:guest:") === 0) {
          try {
            ls.removeItem(dk);
          } catch (e) {
            dk = "";
          }
        }
      }
    }
  }

  // ---- After an import: forget what the server took. ----
  var done = document.getElementById("guest-imported");
  if (done) {
    var tokens = (done.getAttribute("data-tokens") || "").split(" ");
    store(load().filter(function (x) {
      return tokens.indexOf(x.client_token) === -1;
    }));
  }

  // ---- /me/import: fill the form from storage. ----
  var form = document.getElementById("import-form");
  if (form) {
    var items = load();
    var empty = document.getElementById("import-empty");
    if (items.length) {
      document.getElementById("import-attempts").value = JSON.stringify(items.slice(-MAX));
      var ul = document.getElementById("import-list");
      items.forEach(function (x) {
        var li = document.createElement("li");
        var title = document.createElement("strong");
        title.textContent = String(x.title || x.question_id || "");
        li.appendChild(title);
        var text = String(x.answer || "");
        if (text) {
          var p = document.createElement("span");
          p.className = "import-excerpt";
          p.textContent = text.length > 80 ? text.slice(0, 80) + "…" : text;
          li.appendChild(p);
        }
        ul.appendChild(li);
      });
      var count = document.getElementById("import-count");
      if (count && empty) count.textContent = (empty.getAttribute("data-msg-count") || "%d").replace("%d", String(items.length));
      if (empty) empty.hidden = true;
      form.hidden = false;
      var btn = document.getElementById("import-submit");
      if (btn) btn.focus();
    }
  }
})();
