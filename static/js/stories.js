// Story bank on the practice page: when a story is chosen in the "Use a
// story" panel, its outline is shown beside the answer box (the radio list
// works without this; the outline is also in each story's <details>).
(function () {
  "use strict";
  var choices = document.getElementById("story-choices");
  var answer = document.getElementById("answer");
  if (!choices || !answer) return;
  var field = answer.closest(".field");
  if (!field) return;

  var aside = null;
  function ensureAside() {
    if (aside) return aside;
    var wrap = document.createElement("div");
    wrap.className = "story-beside";
    field.parentNode.insertBefore(wrap, field);
    aside = document.createElement("aside");
    aside.className = "story-aside";
    aside.id = "story-aside";
    aside.setAttribute("aria-labelledby", "story-aside-h");
    wrap.appendChild(aside);
    wrap.appendChild(field);
    return aside;
  }

  function show() {
    var picked = choices.querySelector('input[name="story_id"]:checked');
    var src = picked && picked.value ? document.getElementById("story-src-" + picked.value) : null;
    if (!src) {
      if (aside) aside.hidden = true;
      return;
    }
    var a = ensureAside();
    a.textContent = "";
    var h = document.createElement("h3");
    h.id = "story-aside-h";
    var label = choices.querySelector('label[for="' + picked.id + '"]');
    h.textContent = (choices.getAttribute("data-msg-title") || "") + ": " + (label ? label.textContent : "");
    a.appendChild(h);
    var outline = src.firstElementChild ? src.firstElementChild.cloneNode(true) : null;
    if (outline) a.appendChild(outline);
    a.hidden = false;
  }

  choices.addEventListener("change", show);
  show();
})();
