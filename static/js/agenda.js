/* Agenda enhancements; every page works without this file. */
(function () {
  "use strict";

  // Weekly poster: a print button next to the "use Ctrl+P" hint.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Screen mode: keep "now on" and the list current even when nothing is pushed
  // (live.js swaps the same element when the agenda changes).
  var screen = document.querySelector("[data-screen]");
  if (!screen) return;
  var seconds = parseInt(screen.getAttribute("data-refresh-seconds"), 10) || 60;

  function refresh() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Live-Reload": "1" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-screen]");
        var current = document.querySelector("[data-screen]");
        if (fresh && current) current.replaceWith(document.importNode(fresh, true));
      })
      .catch(function () { /* try again at the next turn */ });
  }
  setInterval(refresh, seconds * 1000);
})();
