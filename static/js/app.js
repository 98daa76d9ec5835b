// aeprep: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Filters: apply a select's choice at once, keeping the submit button for
  // keyboard and no-JS users.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () {
      if (sel.form) sel.form.requestSubmit ? sel.form.requestSubmit() : sel.form.submit();
    });
  });
  // The phone menu: Escape closes it and gives focus back to its button.
  document.querySelectorAll("details.menu").forEach(function (d) {
    d.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && d.open) {
        d.open = false;
        var s = d.querySelector("summary");
        if (s) s.focus();
      }
    });
  });
})();
