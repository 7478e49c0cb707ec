/* The B1 check follows the text as it is typed (wijkplatform/readability_views.py). Without this file
   the "Controleer mijn tekst" button sends the form to the same check. */
(function () {
  "use strict";
  if (window.wijkReadability || !window.fetch || !window.DOMParser) return;
  window.wijkReadability = true;
  var PAUSE_MS = 800;

  function setUp(region) {
    var form = region.closest("form");
    var url = region.getAttribute("data-readability-url");
    var result = region.querySelector("[data-readability-result]");
    var fields = (region.getAttribute("data-readability-fields") || "").split(/\s+/)
      .map(function (id) { return id && document.getElementById(id); })
      .filter(Boolean);
    var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!form || !url || !result || !token || !fields.length) return;

    var timer = null;
    var asked = null;
    var pending = null;

    function text() {
      return fields.map(function (field) { return field.value; }).join("\n\n");
    }

    function show(html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").body;
      result.replaceChildren.apply(result, Array.prototype.map.call(fresh.childNodes, function (node) {
        return document.importNode(node, true);
      }));
    }

    function check() {
      var value = text();
      if (value === asked) return;
      asked = value;
      if (pending) pending.abort();
      pending = new AbortController();
      var body = new URLSearchParams();
      body.append("text", value);
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value, "Accept": "application/json" },
        body: body,
        signal: pending.signal
      })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (data) { show(data.html); })
        .catch(function () { asked = null; /* the button still works; the next pause tries again */ });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(check, PAUSE_MS);
    }

    fields.forEach(function (field) { field.addEventListener("input", later); });
    var button = region.querySelector("button[name=check]");
    if (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        clearTimeout(timer);
        asked = null;
        check();
      });
    }
    if (text().trim()) check();
  }

  document.querySelectorAll("[data-readability]").forEach(setUp);
})();
