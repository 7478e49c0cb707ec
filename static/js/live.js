/* Live updates over one WebSocket; see wijkplatform/live.py. The page works without this. */
(function () {
  "use strict";
  if (!("WebSocket" in window)) return;
  // Where WebSockets are served apart from the pages (make serve), the page says where.
  var ownUrl = document.currentScript && document.currentScript.getAttribute("data-live-url");

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

  // A changed seat count is read out as a sentence ("Nog 2 plekken vrij"), not as a bare number.
  function sayFreeSeats(count) {
    var sentence = count.parentNode.querySelector("[data-seats-sentence]");
    if (!sentence) return;
    var seats = parseInt(count.textContent, 10);
    var key = seats > 1 ? "many" : seats === 1 ? "one" : "none";
    sentence.textContent = sentence.getAttribute("data-" + key).replace("{n}", seats);
  }

  function applyValues(msg) {
    elementsFor(document, msg.group).forEach(function (el) {
      Object.keys(msg.values || {}).forEach(function (name) {
        var targets = Array.prototype.slice.call(el.querySelectorAll('[data-live-field="' + name + '"]'));
        if (el.getAttribute("data-live-field") === name) targets.push(el);
        targets.forEach(function (target) {
          target.textContent = msg.values[name];
          if (target.hasAttribute("data-seats-left")) sayFreeSeats(target);
        });
      });
      Object.keys(msg.attrs || {}).forEach(function (name) { el.setAttribute("data-" + name, msg.attrs[name]); });
    });
  }

  // An element with data-live-src reloads from that URL (a small fragment);
  // the others from the page itself. Fresh elements are matched by position.
  function reload(group) {
    var page = window.location.href;
    var bySource = {};
    elementsFor(document, group).forEach(function (el) {
      var src = el.getAttribute("data-live-src") || page;
      (bySource[src] = bySource[src] || []).push(el);
    });
    Object.keys(bySource).forEach(function (src) {
      fetch(src, { credentials: "same-origin", headers: { "X-Live-Reload": "1" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var fresh = elementsFor(new DOMParser().parseFromString(html, "text/html"), group).filter(function (el) {
            return (el.getAttribute("data-live-src") || page) === src;
          });
          bySource[src].forEach(function (el, i) {
            // Never replace what someone is typing in.
            if (fresh[i] && !el.contains(document.activeElement)) el.replaceWith(document.importNode(fresh[i], true));
          });
        })
        .catch(function () { /* the next update or a page load brings it up to date */ });
    });
  }

  // After a lost connection, fragments may have missed updates: fetch them again.
  function reloadFragments() {
    var seen = {};
    document.querySelectorAll("[data-live][data-live-src]").forEach(function (el) {
      var group = el.getAttribute("data-live");
      if (!seen[group]) { seen[group] = true; reload(group); }
    });
  }

  var delay = 1000;
  var reconnecting = false;
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(ownUrl || scheme + window.location.host + "/ws/live/");
    socket.onopen = function () {
      delay = 1000;
      socket.send(JSON.stringify({ subscribe: groups() }));
      document.documentElement.setAttribute("data-live-connected", "true");
    };
    socket.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.subscribed) {
        document.documentElement.setAttribute("data-live-subscribed", msg.subscribed.join(" "));
        if (reconnecting) reloadFragments();
        reconnecting = false;
      }
      if (!msg.group) return;
      applyValues(msg);
      if (msg.reload) reload(msg.group);
    };
    socket.onclose = function () {
      document.documentElement.removeAttribute("data-live-connected");
      document.documentElement.removeAttribute("data-live-subscribed");
      reconnecting = true;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  // Deferred on the site; the admin loads it in the head, before the body is parsed.
  function start() { if (document.querySelector("[data-live]")) connect(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
