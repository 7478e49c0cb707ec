/* "Lees voor" (templates/includes/read_aloud.html): reads the page's main text aloud with the browser's own
   speech synthesis, so no text leaves for another service. It reads the elements marked data-read-aloud, one
   sentence at a time, each in the language of the element it stands in (residents' words are lang="nl", the
   interface is in the chosen language), and marks the sentence being read. Without a voice for each of those
   languages the control stays hidden. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var control = document.querySelector("[data-read-aloud-control]");
  if (!control || !synth || !window.SpeechSynthesisUtterance) return;

  var startButton = control.querySelector("[data-read-aloud-start]");
  var pauseButton = control.querySelector("[data-read-aloud-pause]");
  var stopButton = control.querySelector("[data-read-aloud-stop]");
  var status = control.querySelector("[data-read-aloud-status]");
  var SENTENCE = "read-aloud__sentence";
  var CURRENT = "read-aloud__sentence--current";
  var SKIP = "script, style, noscript, template, svg, [hidden], [aria-hidden='true'], [data-read-aloud-control]";
  var HAS_WORD = /[\p{L}\p{N}]/u;

  var sentences = [];
  var index = 0;
  var current = null; // the utterance being spoken; events of any other one are stale
  var paused = false;

  // Asked again each time: live updates may have replaced a region since the page loaded.
  function regions() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-read-aloud]"), function (region) {
      return !region.parentElement.closest("[data-read-aloud]");
    });
  }

  function langOf(element) {
    var marked = element.closest("[lang]");
    return (marked && marked.getAttribute("lang")) || "nl";
  }

  function primary(lang) {
    return lang.toLowerCase().split(/[-_]/)[0];
  }

  // The best voice for a language: the browser's default if it speaks it, else one on this device, else any.
  function voiceFor(lang) {
    var wanted = primary(lang);
    var best = null;
    var rank = -1;
    synth.getVoices().forEach(function (voice) {
      if (primary(voice.lang || "") !== wanted) return;
      var score = (voice.default ? 2 : 0) + (voice.localService ? 1 : 0);
      if (score > rank) { best = voice; rank = score; }
    });
    return best;
  }

  function languagesToRead() {
    var seen = {};
    regions().forEach(function (region) {
      seen[primary(langOf(region))] = true;
      region.querySelectorAll("[lang]").forEach(function (element) {
        if (element.textContent.trim()) seen[primary(element.getAttribute("lang"))] = true;
      });
    });
    return Object.keys(seen);
  }

  function canRead() {
    var languages = languagesToRead();
    return languages.length > 0 && languages.every(voiceFor);
  }

  // The text nodes of the regions, grouped by block (paragraph, heading, list item, line): no sentence crosses one.
  function blocks() {
    var found = [];
    var block = null;
    function next() { block = { nodes: [] }; found.push(block); }
    function walk(parent) {
      Array.prototype.forEach.call(parent.childNodes, function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.nodeValue) block.nodes.push(node);
          return;
        }
        if (node.nodeType !== Node.ELEMENT_NODE || node.matches(SKIP)) return;
        if (node.tagName === "BR") { next(); return; }
        var style = window.getComputedStyle(node);
        if (style.display === "none" || style.visibility === "hidden") return;
        var inline = style.display.indexOf("inline") === 0;
        if (!inline) next();
        walk(node);
        if (!inline) next();
      });
    }
    regions().forEach(function (region) { next(); walk(region); });
    return found.filter(function (candidate) { return candidate.nodes.length; });
  }

  // [start, end) of each sentence in a text, by the browser's own rules for the language where it has them.
  function split(text, lang) {
    if (window.Intl && Intl.Segmenter) {
      try {
        return Array.from(new Intl.Segmenter(lang, { granularity: "sentence" }).segment(text), function (part) {
          return [part.index, part.index + part.segment.length];
        });
      } catch (error) { /* a language tag it does not know: split by punctuation below */ }
    }
    var parts = [];
    var pattern = /[^.!?…]+(?:[.!?…]+["'”’)]*|$)/g;
    var match;
    while ((match = pattern.exec(text)) && match[0]) parts.push([match.index, match.index + match[0].length]);
    return parts;
  }

  // Wraps each sentence's text in spans (one per text node it spans, so links and emphasis stay as they are).
  function wrap() {
    var found = [];
    blocks().forEach(function (block) {
      var text = block.nodes.map(function (node) { return node.nodeValue; }).join("");
      var lang = langOf(block.nodes[0].parentNode);
      var inBlock = [];
      split(text, lang).forEach(function (range) {
        var start = range[0];
        var end = range[1];
        while (start < end && /\s/.test(text[start])) start++;
        while (end > start && /\s/.test(text[end - 1])) end--;
        var words = text.slice(start, end);
        if (!HAS_WORD.test(words)) return;
        inBlock.push({ start: start, end: end, text: words.replace(/\s+/g, " "), lang: null, spans: [] });
      });
      var offset = 0;
      block.nodes.forEach(function (node) {
        var value = node.nodeValue;
        var from = offset;
        var to = offset + value.length;
        offset = to;
        var at = from;
        var fragment = document.createDocumentFragment();
        inBlock.forEach(function (sentence) {
          if (sentence.end <= from || sentence.start >= to) return;
          var a = Math.max(sentence.start, from);
          var b = Math.min(sentence.end, to);
          if (a > at) fragment.appendChild(document.createTextNode(value.slice(at - from, a - from)));
          var span = document.createElement("span");
          span.className = SENTENCE;
          span.textContent = value.slice(a - from, b - from);
          fragment.appendChild(span);
          if (!sentence.lang) sentence.lang = langOf(node.parentNode);
          sentence.spans.push(span);
          at = b;
        });
        if (at === from) return;
        if (at < to) fragment.appendChild(document.createTextNode(value.slice(at - from)));
        node.parentNode.replaceChild(fragment, node);
      });
      found.push.apply(found, inBlock);
    });
    return found;
  }

  function unwrap() {
    var parents = [];
    sentences.forEach(function (sentence) {
      sentence.spans.forEach(function (span) {
        var parent = span.parentNode;
        if (!parent) return;
        parent.replaceChild(document.createTextNode(span.textContent), span);
        if (parents.indexOf(parent) < 0) parents.push(parent);
      });
    });
    parents.forEach(function (parent) { parent.normalize(); });
    sentences = [];
  }

  function highlight(sentence) {
    document.querySelectorAll("." + CURRENT).forEach(function (span) { span.classList.remove(CURRENT); });
    sentence.spans.forEach(function (span) { span.classList.add(CURRENT); });
    var first = sentence.spans[0];
    var box = first.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      var calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      first.scrollIntoView({ block: "center", behavior: calm ? "auto" : "smooth" });
    }
  }

  function say() {
    var sentence = sentences[index];
    var utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.lang = sentence.lang;
    var voice = voiceFor(sentence.lang);
    if (voice) utterance.voice = voice;
    utterance.onend = function () {
      if (utterance !== current) return;
      index += 1;
      if (index < sentences.length) say(); else end(control.getAttribute("data-status-done"));
    };
    utterance.onerror = function () {
      if (utterance === current) end(control.getAttribute("data-status-stopped"));
    };
    current = utterance;
    highlight(sentence);
    synth.speak(utterance);
  }

  function show(reading) {
    pauseButton.hidden = !reading;
    stopButton.hidden = !reading;
    pauseButton.textContent = control.getAttribute(paused ? "data-label-resume" : "data-label-pause");
  }

  function start() {
    end(null);
    sentences = wrap();
    if (!sentences.length) return;
    index = 0;
    paused = false;
    show(true);
    status.textContent = control.getAttribute("data-status-reading");
    say();
  }

  // Stops reading and puts the text back as it was; `message` is the status to show (none when starting again).
  function end(message) {
    var wasPaused = paused;
    current = null;
    paused = false;
    synth.cancel();
    if (wasPaused) synth.resume(); // Chrome stays paused after cancel(), and would not speak the next time
    unwrap();
    if (message === null) return;
    var hadFocus = control.contains(document.activeElement) && document.activeElement !== startButton;
    show(false);
    if (hadFocus) startButton.focus();
    status.textContent = message;
  }

  function togglePause() {
    if (!current) return;
    paused = !paused;
    if (paused) synth.pause(); else synth.resume();
    show(true);
    status.textContent = control.getAttribute(paused ? "data-status-paused" : "data-status-reading");
  }

  function offerWhenVoiced() {
    if (current) return;
    control.hidden = !canRead();
  }

  startButton.addEventListener("click", start);
  pauseButton.addEventListener("click", togglePause);
  stopButton.addEventListener("click", function () { end(control.getAttribute("data-status-stopped")); });
  // Some browsers go on speaking after the page is left; coming back, the page shows it stopped.
  window.addEventListener("pagehide", function () { if (current) end(control.getAttribute("data-status-stopped")); });
  if (synth.addEventListener) synth.addEventListener("voiceschanged", offerWhenVoiced);
  else synth.onvoiceschanged = offerWhenVoiced;
  offerWhenVoiced();
})();
