/* The projector: pages through lists that do not fit, counts a countdown down, and can be paused.
 *
 * - Lists marked data-pager (open input, Q&A, ideas, statements) are split into pages that fit the
 *   screen; the pages turn every PAGE_SECONDS. The newest items come first, and a list that got a
 *   new item starts again at its first page, so new input is always seen.
 * - The facilitator turns pages with «Forrige side» / «Neste side» or a presentation clicker
 *   (PageUp / PageDown, or the arrow keys while nothing else has focus); a turn by hand starts the
 *   PAGE_SECONDS over.
 * - «Pause oppdatering» holds back live results and page turns (WCAG 2.2.2) until «Fortsett»;
 *   a new activity still comes through.
 * - With prefers-reduced-motion: reduce (read live, so switching it on mid-session counts) the
 *   pages never turn by themselves, only by hand; the stylesheet turns off transitions.
 * - The participant count on the join splash and line is refreshed every few seconds.
 * Uses live.js (window.samfunnslabLive, the live:beforeswap / live:swapped events).
 */
(function () {
  "use strict";
  var root = document.getElementById("live-root");
  var body = document.getElementById("presenter-body");
  if (!root || !body) { return; }
  var controls = root.querySelector(".projector-controls");
  var pauseButton = root.querySelector("[data-pause]");
  var pageLabel = root.querySelector("[data-page-label]");
  var stepButtons = root.querySelectorAll("[data-page-step]");
  var PAGE_SECONDS = 8;
  var motionQuery = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var paused = false;
  var page = 0;
  var pages = [];
  var lastIds = "";
  var labels = { pause: pauseButton ? pauseButton.textContent : "", resume: root.dataset.msgResume || "Fortsett" };

  function shownId(html) {
    var match = /data-activity-id="([^"]*)"/.exec(html || "");
    return match ? match[1] : "";
  }

  function currentScreen() { return body.querySelector(".projector-screen"); }

  // ---------------------------------------------------------------- paging

  function list() { return body.querySelector("[data-pager]"); }

  function paginate() {
    var ul = list();
    pages = [];
    if (!ul) { showPageLabel(); return; }
    var items = Array.prototype.slice.call(ul.children);
    items.forEach(function (li) { li.hidden = false; });
    var room = ul.clientHeight;
    var stacked = ul.scrollHeight <= room + 1 || room < 40 || window.innerWidth < 640;
    if (stacked) { pages = [items]; showPage(0); return; }
    var start = ul.getBoundingClientRect().top;
    var current = [];
    var pageTop = start;
    items.forEach(function (li) {
      var box = li.getBoundingClientRect();
      if (current.length && box.bottom - pageTop > room) {
        pages.push(current);
        current = [];
        pageTop = box.top;
      }
      current.push(li);
    });
    if (current.length) { pages.push(current); }
    var ids = items.map(function (li) { return li.dataset.item || ""; }).join(",");
    var first = items.length ? (items[0].dataset.item || "") : "";
    if (ids !== lastIds && first !== (lastIds.split(",")[0] || "")) { page = 0; }
    lastIds = ids;
    showPage(Math.min(page, pages.length - 1));
  }

  function showPage(index) {
    page = Math.max(0, index);
    pages.forEach(function (items, i) {
      items.forEach(function (li) { li.hidden = i !== page; });
    });
    showPageLabel();
  }

  function showPageLabel() {
    Array.prototype.forEach.call(stepButtons, function (button) { button.hidden = pages.length < 2; });
    if (!pageLabel) { return; }
    pageLabel.textContent = pages.length > 1
      ? (controls.dataset.msgPage || "__N__ / __OF__").replace("__N__", String(page + 1)).replace("__OF__", String(pages.length))
      : "";
  }

  function reducedMotion() { return Boolean(motionQuery && motionQuery.matches); }

  var turner = null;
  function startTurning() {
    window.clearInterval(turner);
    turner = window.setInterval(function () {
      if (paused || reducedMotion() || pages.length < 2) { return; }
      showPage((page + 1) % pages.length);
    }, PAGE_SECONDS * 1000);
  }

  function turnByHand(step) {
    if (pages.length < 2) { return; }
    showPage((page + step + pages.length) % pages.length);
    startTurning();
  }

  Array.prototype.forEach.call(stepButtons, function (button) {
    button.addEventListener("click", function () { turnByHand(parseInt(button.dataset.pageStep, 10)); });
  });

  var KEYS = { PageDown: 1, PageUp: -1, ArrowRight: 1, ArrowLeft: -1 };
  document.addEventListener("keydown", function (event) {
    var step = KEYS[event.key];
    var active = document.activeElement;
    var free = !active || active === document.body || (controls && controls.contains(active));
    if (!step || pages.length < 2 || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key.indexOf("Arrow") === 0 && !free) { return; }  // arrows belong to the map when it has focus
    event.preventDefault();
    turnByHand(step);
  });

  // ---------------------------------------------------------------- countdown

  function tick() {
    var timer = body.querySelector("[data-ends-at]");
    if (!timer) { return; }
    var text = timer.querySelector("[data-timer-text]");
    var left = Math.round((Date.parse(timer.dataset.endsAt) - Date.now()) / 1000);
    if (left <= 0) {
      text.textContent = controls.dataset.msgTimeUp || "0:00";
      timer.classList.add("is-over");
      return;
    }
    var minutes = Math.floor(left / 60);
    var seconds = left % 60;
    text.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
  }
  window.setInterval(tick, 1000);

  // ---------------------------------------------------------------- pause and live swaps

  function setPaused(on) {
    paused = on;
    if (on) { root.setAttribute("data-paused", ""); } else { root.removeAttribute("data-paused"); }
    if (pauseButton) {
      pauseButton.setAttribute("aria-pressed", on ? "true" : "false");
      pauseButton.textContent = on ? (pauseButton.dataset.resume || labels.resume) : labels.pause;
    }
    if (!on && window.samfunnslabLive) { window.samfunnslabLive.refresh(); }
  }

  if (pauseButton) {
    pauseButton.dataset.resume = root.dataset.msgResume || "";
    pauseButton.addEventListener("click", function () { setPaused(!paused); });
  }

  body.addEventListener("live:beforeswap", function (event) {
    var screen = currentScreen();
    var same = screen && shownId(event.detail.html) === screen.dataset.activityId;
    if (paused && same && !screen.dataset.splash) { event.preventDefault(); }
  });
  body.addEventListener("live:swapped", function () { paginate(); tick(); });
  window.addEventListener("resize", paginate);

  // The participant count: joining sends no live event, so the projector asks now and then.
  var every = parseInt(root.dataset.pollSeconds || "0", 10);
  if (every > 0) {
    window.setInterval(function () {
      if (!paused && window.samfunnslabLive && document.visibilityState !== "hidden") { window.samfunnslabLive.refresh(); }
    }, every * 1000);
  }

  startTurning();
  paginate();
  tick();
})();
