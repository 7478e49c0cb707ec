/*
 * The screen in the community centre: the clock ticks, and the next screenful
 * is swapped in without reloading the page. Without this file the page
 * refreshes itself (<noscript> meta refresh) and shows the same.
 */
(function () {
  "use strict";
  var clockFormat = null;
  var offset = 0; // server time minus this computer's time, so a wrong TV clock does not matter

  function screen() { return document.querySelector("[data-screen]"); }

  function syncClock() {
    var clock = document.querySelector("[data-clock]");
    var server = clock && Date.parse(clock.getAttribute("datetime"));
    if (server) offset = server - Date.now();
    if (clock && !clockFormat) {
      clockFormat = new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: clock.getAttribute("data-time-zone") || undefined });
    }
  }

  function tick() {
    var clock = document.querySelector("[data-clock]");
    if (clock && clockFormat) clock.textContent = clockFormat.format(new Date(Date.now() + offset));
  }

  function nextScreenful() {
    var current = screen();
    var url = current && current.getAttribute("data-next-url");
    if (!url) return;
    fetch(url, { credentials: "same-origin", headers: { "X-Live-Reload": "1" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-screen]");
        if (!fresh) return;
        screen().replaceWith(document.importNode(fresh, true));
        // live.js reloads the screen from the address bar when the agenda changes: keep it on this screenful.
        history.replaceState(null, "", url);
        syncClock();
        tick();
      })
      .catch(function () { /* the same screenful stays until the next turn */ })
      .then(schedule);
  }

  function schedule() {
    var current = screen();
    var seconds = current && parseInt(current.getAttribute("data-page-seconds"), 10);
    window.setTimeout(nextScreenful, (seconds || 60) * 1000);
  }

  if (!screen()) return;
  syncClock();
  tick();
  window.setInterval(tick, 1000);
  schedule();
})();
