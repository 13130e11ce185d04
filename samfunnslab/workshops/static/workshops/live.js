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

  function say(text, isError) {
    var target = isError ? alerts : announcer;
    if (!target) { return; }
    target.innerHTML = "";
    var p = document.createElement("p");
    p.className = "ds-alert";
    p.setAttribute("data-color", isError ? "danger" : "success");
    p.textContent = text;
    target.appendChild(p);
  }

  function setConnection(text) { if (connection) { connection.textContent = text || ""; } }

  // ------------------------------------------------------------ fragments

  function focusMemo(region) {
    var el = document.activeElement;
    if (!el || !region.contains(el) || el === region) { return null; }
    var form = el.form || null;
    var pick = function (name) { var i = form && form.querySelector("input[name=" + name + "]"); return i ? i.value : ""; };
    return { id: el.id, action: pick("action"), item: pick("item"), vote: pick("vote") };
  }

  function restoreFocus(region, memo) {
    if (!memo) { return true; }
    var el = memo.id ? document.getElementById(memo.id) : null;
    if (!el && memo.item) {
      var forms = region.querySelectorAll("form");
      for (var i = 0; i < forms.length; i++) {
        var f = forms[i];
        var item = f.querySelector("input[name=item]");
        var vote = f.querySelector("input[name=vote]");
        if (item && item.value === memo.item && (!memo.vote || (vote && vote.value === memo.vote))) {
          el = f.querySelector("button"); break;
        }
      }
    }
    if (el) { el.focus(); }
    return Boolean(el);
  }

  function isTyping(region) {
    var el = document.activeElement;
    return el && region.contains(el) && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text") || el.tagName === "SELECT") && el.value;
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
          var memo = focusMemo(region);
          if (isTyping(region)) { refresh(regionId, url, 2000); return; }
          // Screens may hold a swap back (the projector while paused) or finish it (focus, paging).
          var before = new CustomEvent("live:beforeswap", { cancelable: true, detail: { html: html } });
          if (!region.dispatchEvent(before)) { return; }
          region.innerHTML = html;
          var kept = restoreFocus(region, memo);
          region.dispatchEvent(new CustomEvent("live:swapped", { bubbles: true, detail: { memo: memo, kept: kept } }));
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
    var hadFocus = region.contains(document.activeElement);
    region.innerHTML = msg.html;
    if (hadFocus) {
      var heading = document.getElementById("prompt");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }
  }

  function shownActivity() {
    var section = document.querySelector("#activity-region [data-activity-id]");
    return section ? { id: section.dataset.activityId, locked: section.dataset.locked } : { id: "", locked: "" };
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
    scheduleLive();
  }

  function scheduleLive() {
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

  function settle(entry, ok, status, message) {
    flushing = false;
    if (ok || (status >= 400 && status < 500 && status !== 429 && status !== 403)) {
      saveOutbox(loadOutbox().filter(function (e) { return e.key !== entry.key; }));
      retryDelay = 1000;
      if (ok) { say(message || ""); setConnection(""); afterAck(entry); }
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

  function onSubmit(event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-outbox")) { return; }
    event.preventDefault();
    var data = new FormData(form);
    var key = newKey();
    data.set("key", key);
    var entry = {
      key: key, code: root.dataset.code, url: form.getAttribute("action"),
      body: new URLSearchParams(data).toString()
    };
    var entries = loadOutbox();
    entries.push(entry);
    saveOutbox(entries);
    if (form.hasAttribute("data-reset")) { form.reset(); }
    flushOutbox();
  }

  function onInput(event) {
    var form = event.target && event.target.form;
    if (!form || form.dataset.kind !== "points") { return; }
    var sum = 0;
    form.querySelectorAll("input[type=number]").forEach(function (input) { sum += parseInt(input.value, 10) || 0; });
    var out = form.querySelector("[data-points-sum]");
    if (out) { out.textContent = (out.dataset.template || "__SUM__").replace("__SUM__", String(sum)); }
  }

  pageToken = csrfToken();
  document.addEventListener("submit", onSubmit);
  document.addEventListener("input", onInput);
  window.addEventListener("online", function () { retryDelay = 1000; flushOutbox(); });
  window.addEventListener("offline", function () { setConnection(root.dataset.msgOffline || ""); });
  connect();
  flushOutbox();
  window.samfunnslabLive = {
    flush: flushOutbox,
    isOpen: function () { return socketOpen; },
    // Fetch a staff screen's live fragment now (after an action, a resume, or a periodic count).
    refresh: function () { refresh(root.dataset.liveRegion || staffRegion(), root.dataset.liveUrl, 0, true); }
  };
})();
