// «Kommunen i 2040»: the pyramid player (year links → frames, play/pause) and the council mode
// (one step per screen, arrow keys and buttons). Without this script every step and the year links
// work as a plain page; with prefers-reduced-motion nothing moves by itself (no play button).
(function () {
  "use strict";
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function player(root, story) {
    var links = Array.prototype.slice.call(root.querySelectorAll("[data-year]"));
    var frames = Array.prototype.slice.call(root.querySelectorAll("[data-frame]"));
    var announce = root.querySelector("[data-announce]");
    var play = root.querySelector("[data-play]");
    var timer = null;
    var paused = false;  // paused mid-run: play resumes there; otherwise it starts from the first year
    var index = links.findIndex(function (a) { return a.getAttribute("aria-current") === "true"; });

    function show(i, speak) {
      index = i;
      var year = links[i].dataset.year;
      frames.forEach(function (f) { f.hidden = f.dataset.frame !== year; });
      links.forEach(function (a, k) {
        if (k === i) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      });
      if (speak && announce) {
        var caption = root.querySelector('[data-frame="' + year + '"] .frame-caption');
        announce.textContent = caption ? caption.textContent : year;
      }
    }
    function stop(speak) {
      if (timer) { clearInterval(timer); timer = null; }
      if (play) {
        play.setAttribute("aria-pressed", "false");
        play.textContent = story.dataset.msgPlay;
      }
      if (speak) show(index, true);
    }
    links.forEach(function (a, i) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        stop(false);
        paused = false;
        show(i, true);
      });
    });
    if (play && !reducedMotion) {
      play.hidden = false;
      play.addEventListener("click", function () {
        if (timer) { paused = true; stop(true); return; }
        if (!paused || index >= links.length - 1) show(0, false);
        paused = false;
        play.setAttribute("aria-pressed", "true");
        play.textContent = story.dataset.msgPause;
        timer = setInterval(function () {
          if (index >= links.length - 1) { stop(true); return; }
          show(index + 1, false);
        }, 1200);
      });
    }
    return { stop: stop };
  }

  function council(story, players) {
    var steps = Array.prototype.slice.call(story.querySelectorAll(".story-step"));
    var nav = story.querySelector("[data-story-nav]");
    var counter = nav.querySelector("[data-counter]");
    var current = 0;
    var hash = window.location.hash.slice(1);
    steps.forEach(function (s, i) { if (s.id === hash || s.querySelector("#" + CSS.escape(hash || "x"))) current = i; });

    function go(i, focus) {
      current = Math.max(0, Math.min(steps.length - 1, i));
      players.forEach(function (p) { p.stop(false); });
      steps.forEach(function (s, k) { s.classList.toggle("is-current", k === current); });
      counter.textContent = format(story.dataset.msgStep, { n: current + 1, total: steps.length });
      nav.querySelector("[data-prev]").disabled = current === 0;
      nav.querySelector("[data-next]").disabled = current === steps.length - 1;
      if (focus) {
        var heading = steps[current].querySelector("h1, h2");
        if (heading) heading.focus();
      }
    }
    document.body.classList.add("council-steps");
    nav.hidden = false;
    nav.querySelector("[data-prev]").addEventListener("click", function () { go(current - 1, true); });
    nav.querySelector("[data-next]").addEventListener("click", function () { go(current + 1, true); });
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "select" || tag === "textarea" || event.altKey || event.ctrlKey || event.metaKey) return;
      var keys = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
      if (event.key in keys) { event.preventDefault(); go(current + keys[event.key], true); }
      else if (event.key === "Home") { event.preventDefault(); go(0, true); }
      else if (event.key === "End") { event.preventDefault(); go(steps.length - 1, true); }
    });
    go(current, false);
  }

  function init() {
    var story = document.querySelector("[data-story]");
    if (!story) return;
    var players = Array.prototype.slice.call(story.querySelectorAll("[data-player]")).map(function (root) {
      return player(root, story);
    });
    if (story.hasAttribute("data-council")) council(story, players);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
