/* Live updates over one WebSocket; see wijkplatform/live.py. The page works without this. */
(function () {
  "use strict";
  if (!("WebSocket" in window) || !document.querySelector("[data-live]")) return;

  function groups() {
    var seen = {};
    document.querySelectorAll("[data-live]").forEach(function (el) { seen[el.getAttribute("data-live")] = true; });
    return Object.keys(seen);
  }

  function elementsFor(root, group) {
    return Array.prototype.filter.call(root.querySelectorAll("[data-live]"), function (el) {
      return el.getAttribute("data-live") === group;
    });
  }

  function applyValues(msg) {
    elementsFor(document, msg.group).forEach(function (el) {
      Object.keys(msg.values || {}).forEach(function (name) {
        var targets = Array.prototype.slice.call(el.querySelectorAll('[data-live-field="' + name + '"]'));
        if (el.getAttribute("data-live-field") === name) targets.push(el);
        targets.forEach(function (target) { target.textContent = msg.values[name]; });
      });
      Object.keys(msg.attrs || {}).forEach(function (name) { el.setAttribute("data-" + name, msg.attrs[name]); });
    });
  }

  function reload(msg) {
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Live-Reload": "1" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = elementsFor(new DOMParser().parseFromString(html, "text/html"), msg.group);
        elementsFor(document, msg.group).forEach(function (el, i) {
          // Never replace what someone is typing in.
          if (fresh[i] && !el.contains(document.activeElement)) el.replaceWith(document.importNode(fresh[i], true));
        });
      })
      .catch(function () { /* the next update or a page load brings it up to date */ });
  }

  var delay = 1000;
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/live/");
    socket.onopen = function () {
      delay = 1000;
      socket.send(JSON.stringify({ subscribe: groups() }));
      document.documentElement.setAttribute("data-live-connected", "true");
    };
    socket.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (!msg.group) return;
      if (msg.reload) reload(msg); else applyValues(msg);
    };
    socket.onclose = function () {
      document.documentElement.removeAttribute("data-live-connected");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
