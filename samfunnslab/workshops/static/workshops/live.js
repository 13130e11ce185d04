/* Live updates and the answer outbox for the workshop screens. No dependencies.
 *
 * - Connects to the workshop's WebSocket, reconnects with exponential backoff (1 s → 30 s, jitter;
 *   reset only after the server's first message, so accept-then-close does not make a storm)
 *   and polls the state URL while the socket is down (e.g. when a network blocks WebSockets).
 * - Refreshes server-rendered fragments when the state changes; keeps focus where it was.
 * - Forms marked data-outbox are kept in localStorage until the server confirms (an "ack" over the
 *   socket, or HTTP 200, both sent after commit) and retried with the same idempotency key, so a
 *   lost connection never loses an answer. Answers go over the socket while it is open, else by
 *   POST.
 * - In a big room the server spreads the phones' own fetches: "show" messages carry the next
 *   activity rendered once for everyone who has not answered it, and "refresh_ms" /
 *   "fetch_within_ms" tell the phone how long it may wait before fetching its own part.
 * - A page brings Leaflet only when its workshop had a map activity as it was rendered; a map
 *   that comes later (one added while the page is open) loads the files in data-map-assets.
 */
(function () {
  "use strict";
  var root = document.getElementById("live-root");
  if (!root) { return; }
  var role = root.dataset.role;
  var connection = document.getElementById("connection");
  var announcer = document.getElementById("announcer");
  var alerts = document.getElementById("alerts");
  var OUTBOX_KEY = "samfunnslab-outbox-v1";
  var lastActivityJson = "";
  var lastWorkshopJson = "";
  var MIN_REFRESH_MS = 8000;
  var refreshMs = MIN_REFRESH_MS;  // the newest hint from the server (grows with the room)
  var ACK_TIMEOUT_MS = 10000;
  var Focus = window.samfunnslabFocus;  // core/focus.js: how focus moves and what is announced
  // The page was rendered with the newest results: the socket's greeting right after it is only
  // noted, not answered with a fetch of the same results (in a room of thousands joining at once
  // that fetch was a third of each join's server time). A later greeting (a reconnect) fetches.
  var FRESH_PAGE_MS = 10000;
  var pageLoadedAt = Date.now();
  var greetedOnce = false;

  var pageToken = "";
  function csrfToken() {
    if (pageToken) { return pageToken; }
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }

  // The two persistent live regions (present while empty): a success never stands beside an
  // error — saying one clears the other, and both are cleared when the activity changes.
  function say(text, isError) {
    var target = isError ? alerts : announcer;
    Focus.clear(isError ? announcer : alerts, "sr-status");
    if (target) { Focus.announce(text, target, { color: isError ? "danger" : "success" }); }
  }

  function clearMessages() {
    Focus.clear("sr-status", announcer, alerts);
    var old = document.querySelector("#main > .messages");  // a no-script redirect's message
    if (old) { old.parentNode.removeChild(old); }
  }

  // ------------------------------------------------------------ errors tied to fields

  // Shown in the form, tied to `fields` (aria-invalid, aria-describedby), focus on the first,
  // said through #sr-status; the phone's own regions are emptied so nothing contradicts it.
  function showFormError(form, message, fields) {
    Focus.clear(alerts, announcer);
    Focus.showFieldError(form, message, fields);
  }

  function clearFormError(form) { Focus.clearFieldError(form); }

  function setConnection(text) { if (connection) { connection.textContent = text || ""; } }

  // ------------------------------------------------------------ fragments

  // Someone in the middle of writing is not interrupted: a swap waits while the focused field
  // has text that was edited in the last few seconds (text left standing does not block it).
  var lastInputAt = 0;
  var TYPING_PAUSE_MS = 5000;
  function isTyping(region) {
    var el = document.activeElement;
    return el && region.contains(el) && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text") || el.tagName === "SELECT") && el.value &&
      Date.now() - lastInputAt < TYPING_PAUSE_MS;
  }

  var timers = {};
  var lastFetch = {};
  function refresh(regionId, url, delay, now) {
    if (timers[regionId] && now) { window.clearTimeout(timers[regionId]); timers[regionId] = null; }
    if (timers[regionId]) { return; }
    timers[regionId] = window.setTimeout(function () {
      timers[regionId] = null;
      var region = document.getElementById(regionId);
      if (!region || !url) { return; }
      if (isTyping(region)) { refresh(regionId, url, 2000); return; }
      lastFetch[regionId] = Date.now();
      window.fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (res) { return res.ok ? res.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          if (isTyping(region)) { refresh(regionId, url, 2000); return; }
          // Screens may hold a swap back (the projector while paused) or finish it (paging).
          var hold = new CustomEvent("live:beforeswap", { cancelable: true, detail: { html: html } });
          if (!region.dispatchEvent(hold)) { return; }
          var before = shownActivity();
          var memo = Focus.remember(region);
          region.innerHTML = html;
          var after = shownActivity();
          var changed = regionId === "activity-region" && after.id !== before.id;
          var turned = regionId === "activity-region" && !changed && (after.locked !== before.locked || after.closed !== before.closed);
          var kept = null;
          if (changed) { onNewActivity(region, memo); } else if (turned) { kept = onLockedOrClosed(region, memo); } else { kept = Focus.restore(region, memo); }
          prepare(region);
          region.dispatchEvent(new CustomEvent("live:swapped", { bubbles: true, detail: { memo: memo, kept: Boolean(kept) || !memo } }));
        })
        .catch(function () { /* the next event or poll will try again */ });
    }, delay || 0);
  }

  function liveUrl(url) { return url + (url.indexOf("?") === -1 ? "?" : "&") + "del=live"; }

  function crowded() { return refreshMs > MIN_REFRESH_MS; }

  function showFragment(msg) {
    var region = document.getElementById("activity-region");
    if (!region) { return; }
    root.dataset.activityId = msg.activity_id ? String(msg.activity_id) : "";
    lastActivityJson = "";
    if (msg.html === null || msg.html === undefined) {
      refresh("activity-region", root.dataset.activityUrl, Math.random() * (msg.fetch_within_ms || 0), true);
      return;
    }
    if (isTyping(region)) { refresh("activity-region", root.dataset.activityUrl, 2000, true); return; }
    var before = shownActivity().id;
    var memo = Focus.remember(region);
    region.innerHTML = msg.html;
    if (shownActivity().id === before) { onLockedOrClosed(region, memo); } else { onNewActivity(region, memo); }
    prepare(region);
  }

  // The same activity was locked, unlocked, or the workshop closed: «Takk! …» from before goes,
  // the new notice («Verkstedet er stengt …») is said without a visible copy, focus stays.
  function onLockedOrClosed(region, memo) {
    clearMessages();
    var notice = region.querySelector("#svar > .ds-alert");
    if (notice) { Focus.announce(notice.textContent.trim()); }
    return memo ? Focus.restore(region, memo) : null;
  }

  // Another activity is on the phone: old messages go, and the change is told. With focus in the
  // old activity, focus moves to the new one's heading; else focus stays and the live region says it.
  function onNewActivity(region, memo) {
    clearMessages();
    var heading = document.getElementById("prompt");
    var text = heading ? heading.textContent.trim() : "";
    var told = (root.dataset.msgNewActivity || "__PROMPT__").replace("__PROMPT__", text);
    if (announcer && text) { Focus.announce(told, announcer, { color: "info" }); }
    if (memo) {
      Focus.restore(region, memo, { newContent: true, heading: "#prompt", announce: false });
    }
  }

  function shownActivity() {
    var section = document.querySelector("#activity-region [data-activity-id]");
    return section ? { id: section.dataset.activityId, locked: section.dataset.locked, closed: section.dataset.closed } : { id: "", locked: "", closed: "" };
  }

  // ------------------------------------------------------------ messages

  function onParticipantMessage(msg) {
    var url = root.dataset.activityUrl;
    var shown = shownActivity();
    var activity = msg.activity;
    if (msg.refresh_ms) { refreshMs = Math.max(MIN_REFRESH_MS, msg.refresh_ms); }
    if (msg.type === "show") {
      if (msg.workshop && msg.workshop.self_paced) { return; }
      showFragment(msg);
      return;
    }
    if (msg.type === "state") {
      var selfPaced = msg.workshop && msg.workshop.self_paced;
      var id = activity ? String(activity.id) : "";
      if (!selfPaced && id !== shown.id) {
        root.dataset.activityId = id;
        refresh("activity-region", url, 0);
        return;
      }
      if (selfPaced && shown.id && activity && id !== shown.id) { return; }
    }
    if (msg.type === "workshop") {
      var summary = JSON.stringify([msg.workshop && msg.workshop.status, msg.workshop && msg.workshop.accepts_answers]);
      if (lastWorkshopJson && summary !== lastWorkshopJson) {
        refresh("activity-region", url, Math.random() * (msg.fetch_within_ms || 0));
      }
      lastWorkshopJson = summary;
      return;
    }
    if (!activity || String(activity.id) !== shown.id) { return; }
    // A lock arrives as a "show" over the socket; a poll (no socket) finds it here instead.
    if (msg.type === "state" && (activity.locked ? "1" : "0") !== shown.locked) { refresh("activity-region", url, Math.random() * 2000); return; }
    // Socket updates carry a digest of what changed; a polled state carries the whole activity.
    var json = activity.digest || JSON.stringify([activity.results, activity.items, activity.results_visible]);
    if (json === lastActivityJson) { return; }
    lastActivityJson = json;
    var first = msg.type === "state" && !greetedOnce;
    if (msg.type === "state") { greetedOnce = true; }
    if (first && Date.now() - pageLoadedAt < FRESH_PAGE_MS) { return; }
    scheduleLive();
  }

  function scheduleLive() {
    if (deckDone()) { refresh("activity-region", root.dataset.activityUrl, Math.random() * 2000); return; }
    if (paused && document.querySelector("#live-part [data-results]")) { missed = true; return; }
    // Spread the re-fetches of many phones, and at most one per phone every refreshMs (which the
    // server raises in a big room): the projector is where results are watched live.
    if (timers["live-part"]) { return; }  // the pending refresh will fetch the newest state
    var first = crowded() ? Math.random() * refreshMs : 1500 + Math.random() * 2500;
    var wait = Math.max(first, (lastFetch["live-part"] || 0) + refreshMs - Date.now());
    refresh("live-part", liveUrl(root.dataset.activityUrl), wait);
  }

  function onStaffMessage(msg) {
    var json = JSON.stringify(msg.activity || msg.workshop || msg);
    if (msg.type !== "state" && json === lastActivityJson) { return; }
    lastActivityJson = json;
    refresh(root.dataset.liveRegion || staffRegion(), root.dataset.liveUrl, role === "presenter" ? 300 : 800);
  }

  function staffRegion() { return role === "presenter" ? "presenter-body" : "console-live"; }

  function onMessage(msg) {
    if (!msg || msg.type === "pong") { return; }
    if (msg.type === "ack") { onAck(msg); return; }
    if (role === "participant") { onParticipantMessage(msg); } else { onStaffMessage(msg); }
  }

  // ------------------------------------------------------------ socket + polling fallback

  var attempt = 0;
  var pollTimer = null;
  var socketOpen = false;
  var liveSocket = null;

  function poll() {
    window.fetch(root.dataset.stateUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (state) { if (state) { onMessage(state); } })
      .catch(function () { /* offline: try again on the next tick */ });
  }

  function startPolling() {
    if (pollTimer) { return; }
    pollTimer = window.setInterval(poll, 4000 + Math.random() * 2000);
  }

  function stopPolling() { if (pollTimer) { window.clearInterval(pollTimer); pollTimer = null; } }

  function connect() {
    if (!("WebSocket" in window)) { startPolling(); return; }
    var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    var socket;
    try { socket = new WebSocket(scheme + "//" + window.location.host + root.dataset.wsPath); } catch (e) { startPolling(); return; }
    var greeted = false;
    socket.onopen = function () {
      if (attempt > 0) { setConnection(root.dataset.msgReconnected || ""); }
      socketOpen = true; liveSocket = socket; stopPolling();
      flushOutbox();
    };
    socket.onmessage = function (event) {
      // The backoff is reset only once the server has sent something: a server that accepts and
      // then closes at once (its Redis is down) must not get a reconnect from every phone each second.
      if (!greeted) { greeted = true; attempt = 0; }
      try { onMessage(JSON.parse(event.data)); } catch (e) { /* ignore malformed */ }
    };
    socket.onclose = function () {
      socketOpen = false; liveSocket = null;
      if (pending) { failed(); }
      startPolling();
      var delay = Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
      attempt += 1;
      window.setTimeout(connect, delay);
    };
  }

  // ------------------------------------------------------------ outbox

  function loadOutbox() {
    try { return JSON.parse(window.localStorage.getItem(OUTBOX_KEY) || "[]"); } catch (e) { return []; }
  }
  function saveOutbox(entries) {
    try { window.localStorage.setItem(OUTBOX_KEY, JSON.stringify(entries)); } catch (e) { /* private mode: still sent now */ }
  }

  var flushing = false;
  var retryDelay = 1000;
  var retryTimer = null;

  function scheduleRetry() {
    if (retryTimer) { return; }
    retryTimer = window.setTimeout(function () { retryTimer = null; flushOutbox(); }, retryDelay);
    retryDelay = Math.min(30000, retryDelay * 2);
  }

  function showLocally(entry) {
    // Show at once what the person just did; the next refresh brings the server's own rendering.
    var fields = new URLSearchParams(entry.body);
    var action = fields.get("action");
    var part = document.getElementById("live-part");
    if (!part) { return; }
    if (action === "contribute" && fields.get("text")) {
      var mine = part.querySelector("[data-mine]");
      if (mine) {
        var li = document.createElement("li");
        li.textContent = fields.get("text");
        mine.querySelector("ul").appendChild(li);
        mine.hidden = false;
      }
    }
    if (action === "vote" || action === "upvote") {
      part.querySelectorAll("form").forEach(function (form) {
        var item = form.querySelector("input[name=item]");
        if (!item || item.value !== fields.get("item")) { return; }
        var button = form.querySelector("button");
        var vote = form.querySelector("input[name=vote]");
        var on = form.querySelector("input[name=on]");
        var pressed = action === "vote" ? (vote && vote.value === fields.get("vote")) : fields.get("on") === "1";
        if (button) {
          button.setAttribute("aria-pressed", pressed ? "true" : "false");
          if (action === "vote") { button.setAttribute("data-variant", pressed ? "primary" : "secondary"); }
        }
        if (on) { on.value = pressed ? "0" : "1"; }
      });
    }
  }

  function afterAck(entry) {
    if (role !== "participant") { return; }
    showLocally(entry);
    // Only the part below the form: the form and the focus stay where the person left them.
    // In a big room this fetch shares the once-per-refreshMs budget of the result updates.
    if (crowded()) { scheduleLive(); return; }
    refresh("live-part", liveUrl(root.dataset.activityUrl), 0, true);
  }

  function pendingForm(entry) {
    return document.querySelector("form[data-pending-key='" + entry.key + "']");
  }

  // The form an answer came from, once the server has said yes: only now is typed text cleared
  // (a refused text stays for the person to fix), and the form tells what changed.
  function confirmForm(form) {
    if (!form) { return; }
    form.removeAttribute("data-pending-key");
    clearFormError(form);
    if (form.hasAttribute("data-reset")) { form.reset(); updateCounters(form); }
    var button = form.querySelector("button[data-answered-label]");
    if (button) { button.textContent = button.getAttribute("data-answered-label"); }
    if (form.hasAttribute("data-remaining")) {
      var left = Math.max(0, (parseInt(form.getAttribute("data-remaining"), 10) || 0) - 1);
      form.setAttribute("data-remaining", String(left));
      var help = form.querySelector("[data-remaining-text]");
      if (help) {
        help.textContent = left === 1 ? help.getAttribute("data-one") : help.getAttribute("data-many").replace("__N__", String(left));
      }
      if (left === 0) {
        var done = form.parentNode.querySelector("[data-all-sent]");
        form.hidden = true;
        if (done) { done.hidden = false; Focus.focusOn(done); }
      }
    }
  }

  function settle(entry, ok, status, message) {
    flushing = false;
    if (ok || (status >= 400 && status < 500 && status !== 429 && status !== 403)) {
      saveOutbox(loadOutbox().filter(function (e) { return e.key !== entry.key; }));
      retryDelay = 1000;
      var form = pendingForm(entry);
      if (ok) { say(message || ""); setConnection(""); confirmForm(form); afterAck(entry); }
      else if (form && !form.hasAttribute("data-card-vote")) { form.removeAttribute("data-pending-key"); showFormError(form, message || ""); }
      else { say(message || "", true); }
      flushOutbox();
    } else {
      setConnection(root.dataset.msgQueued || "");
      scheduleRetry();
    }
  }

  // The answer sent over the socket and waiting for its ack (one at a time, like the POSTs).
  var pending = null;

  function failed() {
    var entry = pending.entry;
    window.clearTimeout(pending.timer);
    pending = null;
    settle(entry, false, 0, "");
  }

  function onAck(msg) {
    if (!pending || msg.key !== pending.entry.key) { return; }
    var entry = pending.entry;
    window.clearTimeout(pending.timer);
    pending = null;
    settle(entry, msg.ok, msg.ok ? 200 : (msg.status === 403 ? 400 : msg.status), msg.ok ? msg.message : msg.error);
  }

  function sendOverSocket(entry) {
    var data = {};
    new URLSearchParams(entry.body).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") { data[name] = value; }
    });
    data.key = entry.key;
    var message = { type: "answer", data: data };
    pending = { entry: entry, timer: window.setTimeout(failed, ACK_TIMEOUT_MS) };
    try { liveSocket.send(JSON.stringify(message)); } catch (e) { failed(); }
  }

  function formBody(entry) {
    // The page's own token goes in the header; a fragment pushed over the socket has none.
    var fields = new URLSearchParams(entry.body);
    fields.delete("csrfmiddlewaretoken");
    return fields.toString();
  }

  function flushOutbox() {
    if (flushing) { return; }
    var entries = loadOutbox().filter(function (e) { return e.code === root.dataset.code; });
    if (!entries.length) { return; }
    flushing = true;
    var entry = entries[0];
    if (role === "participant" && socketOpen && liveSocket) { sendOverSocket(entry); return; }
    window.fetch(entry.url, {
      method: "POST", credentials: "same-origin", body: formBody(entry),
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": csrfToken() }
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) { return { res: res, data: data }; });
    }).then(function (result) {
      settle(entry, result.res.ok, result.res.status, result.res.ok ? result.data.message : result.data.error);
    }).catch(function () {
      flushing = false;
      setConnection(navigator.onLine === false ? (root.dataset.msgOffline || "") : (root.dataset.msgQueued || ""));
      scheduleRetry();
    });
  }

  // What a form says, without its idempotency key and token: two taps on one answer are equal.
  function answerOf(data) {
    var fields = new URLSearchParams(data);
    fields.delete("key");
    fields.delete("csrfmiddlewaretoken");
    return fields.toString();
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-outbox")) { return; }
    event.preventDefault();
    var problem = problemBeforeSending(form);
    if (problem) { showFormError(form, problem.message, problem.fields); return; }
    clearFormError(form);
    var data = new FormData(form);
    var answer = answerOf(data);
    // A second tap on the same answer while the first is on its way (a double tap, or tapping
    // again while offline) would store it twice: the outbox already holds it under its key.
    if (!form.hasAttribute("data-card-vote") && form.hasAttribute("data-pending-key") &&
        form.getAttribute("data-pending-answer") === answer) { return; }
    var key = newKey();
    data.set("key", key);
    var entry = {
      key: key, code: root.dataset.code, url: form.getAttribute("action"),
      body: new URLSearchParams(data).toString()
    };
    var entries = loadOutbox();
    entries.push(entry);
    saveOutbox(entries);
    form.setAttribute("data-pending-key", key);
    form.setAttribute("data-pending-answer", answer);
    if (form.hasAttribute("data-card-vote")) { nextCard(form); }
    flushOutbox();
  }

  // Checks the browser can make before sending, said in words that name the rows concerned.
  function problemBeforeSending(form) {
    if (form.getAttribute("data-kind") === "ranking") {
      var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
      var label = function (select) { var l = form.querySelector("label[for='" + select.id + "']"); return l ? l.textContent.trim() : ""; };
      for (var i = 0; i < selects.length; i++) {
        if (!selects[i].value) {
          return { fields: [selects[i]], message: form.getAttribute("data-msg-missing").replace("__A__", label(selects[i])) };
        }
        for (var j = 0; j < i; j++) {
          if (selects[j].value === selects[i].value) {
            return {
              fields: [selects[j], selects[i]],
              message: form.getAttribute("data-msg-clash").replace("__A__", label(selects[j])).replace("__B__", label(selects[i])).replace("__N__", selects[i].value)
            };
          }
        }
      }
    }
    var counted = form.querySelector("[data-counted]");
    if (counted && counted.value.length > parseInt(counted.getAttribute("data-max") || "100000", 10)) {
      var count = form.querySelector("[data-char-count]");
      return { fields: [counted], message: count ? count.textContent : "" };
    }
    return null;
  }

  // ------------------------------------------------------------ statements: one card at a time

  // The voted card leaves and the next one (already in this phone's order) takes its place;
  // nothing else moves, and focus goes to the new statement so it is read out.
  function nextCard(form) {
    var card = form.closest("[data-card]");
    var deck = card && card.closest("[data-deck]");
    if (!deck) { return; }
    card.parentNode.removeChild(card);
    var next = deck.querySelector("[data-card]");
    if (next) {
      next.hidden = false;
      var left = deck.querySelectorAll("[data-card]").length;
      next.querySelectorAll("[data-cards-left]").forEach(function (el) { el.textContent = String(left); });
      // A quick second tap must not land on the new card's buttons: they wait a moment.
      var buttons = next.querySelectorAll("button");
      buttons.forEach(function (b) { b.disabled = true; });
      window.setTimeout(function () { buttons.forEach(function (b) { b.disabled = false; }); }, 350);
      Focus.focusOn(next.querySelector("h2"));
    } else {
      var done = deck.querySelector("[data-deck-done]");
      if (done) { done.hidden = false; Focus.focusOn(done.querySelector("h2")); }
    }
  }

  function deckDone() {
    var deck = document.querySelector("#activity-region [data-deck]");
    return deck && !deck.querySelector("[data-card]");
  }

  // ------------------------------------------------------------ preparing new content

  function shuffleChildren(container, weight) {
    var items = Array.prototype.slice.call(container.children);
    var keyed = items.map(function (el) {
      var w = weight ? Math.max(parseFloat(weight(el)) || 1e-6, 1e-6) : 1;
      return { el: el, key: -Math.log(1 - Math.random()) / w };
    });
    keyed.sort(function (a, b) { return a.key - b.key; });
    keyed.forEach(function (k) { container.appendChild(k.el); });
  }

  function updateCounters(scope) {
    (scope || document).querySelectorAll("[data-counted]").forEach(function (field) {
      var form = field.form;
      var out = form && form.querySelector("[data-char-count]");
      if (!out) { return; }
      var max = parseInt(field.getAttribute("data-max") || out.getAttribute("data-limit"), 10);
      var n = field.value.length;
      var over = n > max;
      out.textContent = (over ? out.getAttribute("data-over") : out.getAttribute("data-template"))
        .replace("__N__", String(n)).replace("__MAX__", String(max)).replace("__X__", String(n - max));
      out.classList.toggle("is-over", over);
      if (over) { field.setAttribute("aria-invalid", "true"); }
      else if (!form.querySelector("[data-form-error]")) { field.removeAttribute("aria-invalid"); }
    });
  }

  // Make fresh server content ready: counters instead of silent truncation, each phone's own
  // order where the facilitator asked for it (the shared rendering comes in one order), the
  // first statement card, and the results' pause button as the person left it.
  function prepare(scope) {
    scope.querySelectorAll("[data-counted][maxlength]").forEach(function (field) {
      field.setAttribute("data-max", field.getAttribute("maxlength"));
      field.removeAttribute("maxlength");
    });
    updateCounters(scope);
    scope.querySelectorAll("[data-shuffle]").forEach(function (container) {
      var list = container.querySelectorAll(".choice, .rank-row");
      if (list.length) { shuffleChildren(list[0].parentNode); }
      container.removeAttribute("data-shuffle");
    });
    scope.querySelectorAll("[data-deck][data-reorder]").forEach(function (deck) {
      var cards = Array.prototype.slice.call(deck.querySelectorAll("[data-card]"));
      if (!cards.length) { return; }
      var done = deck.querySelector("[data-deck-done]");
      var holder = document.createElement("div");
      cards.forEach(function (c) { holder.appendChild(c); });
      shuffleChildren(holder, function (el) { return el.getAttribute("data-priority"); });
      Array.prototype.slice.call(holder.children).forEach(function (c, i) { c.hidden = i > 0; deck.insertBefore(c, done); });
      deck.removeAttribute("data-reorder");
    });
    applyPause(scope);
  }

  // ------------------------------------------------------------ the map's files, when a map comes

  // Leaflet is heavy for a phone on a shared Wi-Fi, so a page carries it only when its workshop
  // had a map activity as the page was rendered (docs/workshops.md). On a page without it, the
  // first map to appear, through any swap (ours or the cockpit's), brings the files listed in
  // data-map-assets, scripts in their order; map.js then sets the map up. If one file fails, all
  // go, and the next map to appear tries again.
  var mapAssets = (root.dataset.mapAssets || "").split(/\s+/).filter(Boolean);
  var mapAssetsAdded = [];
  var mapWatcher = null;

  function hasMap(node) {
    return node.nodeType === 1 && (node.matches("[data-pin-map]") || Boolean(node.querySelector("[data-pin-map]")));
  }

  function onPage(url) {
    return Array.prototype.some.call(document.querySelectorAll("script[src], link[href]"), function (el) {
      return el.getAttribute(el.tagName === "SCRIPT" ? "src" : "href") === url;
    });
  }

  function forgetMapAssets() {
    mapAssetsAdded.forEach(function (el) { if (el.parentNode) { el.parentNode.removeChild(el); } });
    mapAssetsAdded = [];
  }

  function loadMapAssets() {
    if (mapAssetsAdded.length) { return; }
    mapAssets.forEach(function (url) {
      var css = /\.css(\?|$)/.test(url);
      var el = document.createElement(css ? "link" : "script");
      if (css) { el.rel = "stylesheet"; el.href = url; } else { el.src = url; el.async = false; }
      el.addEventListener("error", forgetMapAssets);
      mapAssetsAdded.push(el);
      document.head.appendChild(el);
    });
    // Once the last script (map.js) has run, it watches for maps itself.
    var last = mapAssetsAdded[mapAssetsAdded.length - 1];
    last.addEventListener("load", function () {
      if (mapAssetsAdded.indexOf(last) !== -1) { mapWatcher.disconnect(); }
    });
  }

  function watchForMaps() {
    if (!mapAssets.length || mapAssets.every(onPage) || !window.MutationObserver) { return; }
    mapWatcher = new MutationObserver(function (records) {
      var found = records.some(function (record) { return Array.prototype.some.call(record.addedNodes, hasMap); });
      if (found) { loadMapAssets(); }
    });
    mapWatcher.observe(document.documentElement, { childList: true, subtree: true });
    if (hasMap(document.documentElement)) { loadMapAssets(); }
  }

  // ------------------------------------------------------------ pausable results (WCAG 2.2.2)

  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var paused = reducedMotion;  // with reduced motion, results wait until the person asks
  var missed = false;

  function applyPause(scope) {
    (scope || document).querySelectorAll("[data-results-pause]").forEach(function (button) {
      button.setAttribute("aria-pressed", paused ? "true" : "false");
      button.textContent = paused ? button.getAttribute("data-paused-label") : button.getAttribute("data-running-label");
    });
    (scope || document).querySelectorAll("[data-paused-note]").forEach(function (note) { note.hidden = !paused; });
  }

  function onClick(event) {
    var button = event.target && event.target.closest && event.target.closest("[data-results-pause]");
    if (!button) { return; }
    paused = !paused;
    applyPause(document);
    if (!paused && missed) { missed = false; refresh("live-part", liveUrl(root.dataset.activityUrl), 0, true); }
  }

  function onInput(event) {
    lastInputAt = Date.now();
    var form = event.target && event.target.form;
    if (event.target && event.target.hasAttribute && event.target.hasAttribute("data-counted")) { updateCounters(form); }
    if (!form || form.dataset.kind !== "points") { return; }
    var sum = 0;
    form.querySelectorAll("input[type=number]").forEach(function (input) { sum += parseInt(input.value, 10) || 0; });
    var out = form.querySelector("[data-points-sum]");
    if (out) { out.textContent = (out.dataset.template || "__SUM__").replace("__SUM__", String(sum)); }
  }

  pageToken = csrfToken();
  document.addEventListener("submit", onSubmit);
  document.addEventListener("input", onInput);
  document.addEventListener("click", onClick);
  prepare(root);
  watchForMaps();
  window.addEventListener("online", function () { retryDelay = 1000; flushOutbox(); });
  window.addEventListener("offline", function () { setConnection(root.dataset.msgOffline || ""); });
  connect();
  flushOutbox();
  window.samfunnslabLive = {
    flush: flushOutbox,
    isOpen: function () { return socketOpen; },
    csrfToken: csrfToken,
    newKey: newKey,
    // Fetch the part below a phone's form now (after an answer sent outside the outbox: a photo).
    refreshLivePart: function () { refresh("live-part", liveUrl(root.dataset.activityUrl), 0, true); },
    // Fetch a staff screen's live fragment now (after an action, a resume, or a periodic count).
    refresh: function () { refresh(root.dataset.liveRegion || staffRegion(), root.dataset.liveUrl, 0, true); }
  };
})();
