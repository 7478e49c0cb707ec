/* The error summary (includes/form_errors.html): after a failed submit it takes the focus, so a screen
   reader reads what went wrong first; its links then bring the field's label or legend into view and
   put the cursor in the field. Without this file the summary is a plain list of links. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();

  summary.addEventListener("click", function (event) {
    var link = event.target.closest('a[href^="#"]');
    if (!link) return;
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    var group = input.closest("fieldset.field--group");
    var caption = group ? group.querySelector("legend") : document.querySelector('label[for="' + input.id + '"]');
    (caption || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
