/* Agenda enhancements; every page works without this file. */
(function () {
  "use strict";

  // Weekly poster: a print button next to the "use Ctrl+P" hint.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
