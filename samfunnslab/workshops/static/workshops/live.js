/* Live updates and the answer outbox for the workshop screens. No dependencies.
 *
 * - Connects to the workshop's WebSocket, reconnects with exponential backoff (1 s → 30 s, jitter)
 *   and polls the state URL while the socket is down (e.g. when a network blocks WebSockets).
 * - Refreshes server-rendered fragments when the state changes; keeps focus where it was.
 * - Forms marked data-outbox are kept in localStorage until the server confirms (HTTP 200 after
 *   commit) and retried with the same idempotency key, so a lost connection never loses an answer.
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
  var PHONE_REFRESH_MS = 8000;

  function csrfToken() {
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
    if (!memo) { return; }
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
          region.innerHTML = html;
          restoreFocus(region, memo);
        })
        .catch(function () { /* the next event or poll will try again */ });
    }, delay || 0);
  }

  function liveUrl(url) { return url + (url.indexOf("?") === -1 ? "?" : "&") + "del=live"; }

  function shownActivity() {
    var section = document.querySelector("#activity-region [data-activity-id]");
    return section ? { id: section.dataset.activityId, locked: section.dataset.locked } : { id: "", locked: "" };
  }

  // ------------------------------------------------------------ messages

  function onParticipantMessage(msg) {
    var url = root.dataset.activityUrl;
    var shown = shownActivity();
    var activity = msg.activity;
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
      if (lastWorkshopJson && summary !== lastWorkshopJson) { refresh("activity-region", url, 0); }
      lastWorkshopJson = summary;
      return;
    }
    if (!activity || String(activity.id) !== shown.id) { return; }
    if ((activity.locked ? "1" : "0") !== shown.locked) { refresh("activity-region", url, 0); return; }
    var json = JSON.stringify([activity.results, activity.items, activity.results_visible]);
    if (json === lastActivityJson) { return; }
    lastActivityJson = json;
    // Spread the re-fetches of many phones over a few seconds, and at most one per phone every
    // PHONE_REFRESH_MS: the projector is where results are watched live.
    if (timers["live-part"]) { return; }  // the pending refresh will fetch the newest state
    var wait = Math.max(1500 + Math.random() * 2500, (lastFetch["live-part"] || 0) + PHONE_REFRESH_MS - Date.now());
    refresh("live-part", liveUrl(url), wait);
  }

  function onStaffMessage(msg) {
    var json = JSON.stringify(msg.activity || msg.workshop || msg);
    if (msg.type !== "state" && json === lastActivityJson) { return; }
    lastActivityJson = json;
    var regionId = role === "presenter" ? "presenter-body" : "console-live";
    refresh(regionId, root.dataset.liveUrl, role === "presenter" ? 300 : 800);
  }

  function onMessage(msg) {
    if (!msg || msg.type === "pong") { return; }
    if (role === "participant") { onParticipantMessage(msg); } else { onStaffMessage(msg); }
  }

  // ------------------------------------------------------------ socket + polling fallback

  var attempt = 0;
  var pollTimer = null;
  var socketOpen = false;

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
    socket.onopen = function () {
      if (attempt > 0) { setConnection(root.dataset.msgReconnected || ""); }
      attempt = 0; socketOpen = true; stopPolling();
      flushOutbox();
    };
    socket.onmessage = function (event) {
      try { onMessage(JSON.parse(event.data)); } catch (e) { /* ignore malformed */ }
    };
    socket.onclose = function () {
      socketOpen = false;
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

  function afterAck(entry) {
    if (role !== "participant") { return; }
    // Only the part below the form: the form and the focus stay where the person left them.
    refresh("live-part", liveUrl(root.dataset.activityUrl), 0, true);
  }

  function flushOutbox() {
    if (flushing) { return; }
    var entries = loadOutbox().filter(function (e) { return e.code === root.dataset.code; });
    if (!entries.length) { return; }
    flushing = true;
    var entry = entries[0];
    window.fetch(entry.url, {
      method: "POST", credentials: "same-origin", body: entry.body,
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": csrfToken() }
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) { return { res: res, data: data }; });
    }).then(function (result) {
      flushing = false;
      var status = result.res.status;
      if (result.res.ok || (status >= 400 && status < 500 && status !== 429 && status !== 403)) {
        saveOutbox(loadOutbox().filter(function (e) { return e.key !== entry.key; }));
        retryDelay = 1000;
        if (result.res.ok) { say(result.data.message || ""); setConnection(""); afterAck(entry); }
        else { say(result.data.error || "", true); }
        flushOutbox();
      } else {
        setConnection(root.dataset.msgQueued || "");
        scheduleRetry();
      }
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

  document.addEventListener("submit", onSubmit);
  document.addEventListener("input", onInput);
  window.addEventListener("online", function () { retryDelay = 1000; flushOutbox(); });
  window.addEventListener("offline", function () { setConnection(root.dataset.msgOffline || ""); });
  connect();
  flushOutbox();
  window.samfunnslabLive = { flush: flushOutbox, isOpen: function () { return socketOpen; } };
})();
