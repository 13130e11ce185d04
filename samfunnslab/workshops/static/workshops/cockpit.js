/* The facilitator's cockpit and phone remote: actions without page reloads, focus that stays.
 *
 * Forms marked data-live are sent with fetch; the server answers with the new live part (the
 * same fragment live updates bring) and the news in X-Live-Message / X-Live-Error, which are read
 * out from persistent live regions (#cockpit-status, #cockpit-alert). Focus rule (docs/workshops.md):
 * after an action or a live update, focus stays on the same control (buttons keep their id across
 * renderings); if that control is gone, it goes to the form's data-focus-fallback ids in order
 * (for approve/hide in the queue: first the next item's same button), else to the section's
 * heading — never to the page body. Ticked boxes in the queue survive live updates.
 * Uses live.js (window.samfunnslabLive, the live:beforeswap / live:swapped events) and the shared
 * focus helper core/focus.js (window.samfunnslabFocus) to move focus and to announce.
 */
(function () {
  "use strict";
  var root = document.getElementById("live-root");
  if (!root) { return; }
  var regionId = root.dataset.liveRegion || "console-live";
  var region = document.getElementById(regionId);
  if (!region) { return; }
  var status = document.getElementById("cockpit-status");
  var alertRegion = document.getElementById("cockpit-alert");
  var phonePreview = document.getElementById("phone-preview");
  var busy = false;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  var Focus = window.samfunnslabFocus;  // core/focus.js: moving focus and announcing, done once
  function announce(target, text) { if (target) { Focus.announce(text, target); } }

  function headingOf(el) {
    var section = el && el.closest("section[aria-labelledby]");
    return section ? section.getAttribute("aria-labelledby") : "";
  }

  function nextSame(form, button) {
    // The same button of the next (or previous) item in a list: where focus goes when this
    // item leaves the list (approved or hidden).
    var item = form.closest("li");
    if (!item || !button.id) { return ""; }
    var prefix = button.id.replace(/-\d+$/, "-");
    var sibling = item.nextElementSibling || item.previousElementSibling;
    var next = sibling && sibling.querySelector("[id^='" + prefix + "']");
    return next ? next.id : "";
  }

  var checked = [];
  function rememberChecks() {
    checked = Array.prototype.map.call(region.querySelectorAll("[data-keep-checked]:checked"), function (box) { return box.id; });
  }
  function restoreChecks() {
    checked.forEach(function (id) { var box = document.getElementById(id); if (box) { box.checked = true; } });
  }

  var currentActivity = (region.querySelector("[data-current-activity]") || {}).dataset;
  currentActivity = currentActivity ? currentActivity.currentActivity : "";
  function reloadPreviewIfShownChanged() {
    var marker = region.querySelector("[data-current-activity]");
    var now = marker ? marker.dataset.currentActivity : "";
    if (now !== currentActivity && phonePreview) {
      phonePreview.setAttribute("src", phonePreview.getAttribute("src"));  // load it again
    }
    currentActivity = now;
  }

  function swap(html, ids) {
    rememberChecks();
    region.innerHTML = html;
    lastHtml = html;
    restoreChecks();
    if (!Focus.focusFirst(ids)) { Focus.focusFirst(["main"]); }
    reloadPreviewIfShownChanged();
  }

  // Actions are sent one after the other, in the order they were made: a second tap while the
  // first is on its way (a slow Wi-Fi, a quick thumb on the remote) waits its turn, never lost.
  var queue = [];

  function submitLive(event) {
    var form = event.target;
    if (!form || !form.matches || !form.matches("form[data-live]")) { return; }
    event.preventDefault();
    var button = event.submitter || form.querySelector("button[type=submit]");
    var ids = [];
    if (button && button.id) { ids.push(button.id); }
    if (form.hasAttribute("data-focus-next") && button) { ids.push(nextSame(form, button)); }
    (form.dataset.focusFallback || "").split(/\s+/).forEach(function (id) { if (id) { ids.push(id); } });
    ids.push(headingOf(form));
    var body = new URLSearchParams(new FormData(form));
    if (button && button.name) { body.set(button.name, button.value); }
    if (form.id === "bulk-form") {
      region.querySelectorAll("input[form=bulk-form]:checked").forEach(function (box) { body.append(box.name, box.value); });
    }
    queue.push({ action: form.getAttribute("action"), body: body, ids: ids, bulk: form.id === "bulk-form" });
    if (!busy) { sendNext(); }
  }

  function sendNext() {
    var job = queue.shift();
    busy = Boolean(job);
    if (!job) { return; }
    window.fetch(job.action, {
      method: "POST", credentials: "same-origin", body: job.body,
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken(), "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (res) {
      return res.text().then(function (html) { return { res: res, html: html }; });
    }).then(function (result) {
      if (!result.res.ok) { announce(alertRegion, document.body.dataset.msgRefused || ""); sendNext(); return; }
      if (job.bulk) { checked = []; region.querySelectorAll("[data-keep-checked]").forEach(function (b) { b.checked = false; }); }
      swap(result.html, job.ids);
      var error = decodeURIComponent(result.res.headers.get("X-Live-Error") || "");
      announce(alertRegion, error);
      announce(status, error ? "" : decodeURIComponent(result.res.headers.get("X-Live-Message") || ""));
      sendNext();
    }).catch(function () {
      queue = [];  // offline: say so once; the facilitator sees what did not happen
      busy = false;
      announce(alertRegion, document.body.dataset.msgOffline || "");
    });
  }

  document.addEventListener("submit", submitLive);
  var lastHtml = "";
  var focusHeading = "";
  region.addEventListener("live:beforeswap", function (event) {
    var active = document.activeElement;
    var editing = active && region.contains(active) && active.tagName === "INPUT" && active.type !== "checkbox";
    if (busy || editing || event.detail.html === lastHtml) {
      event.preventDefault();  // our own action brings the newest part; or nothing changed
      if (editing) { window.setTimeout(function () { window.samfunnslabLive.refresh(); }, 3000); }
      return;
    }
    lastHtml = event.detail.html;
    focusHeading = active && region.contains(active) ? headingOf(active) : "";
    rememberChecks();
  });
  region.addEventListener("live:swapped", function (event) {
    restoreChecks();
    if (focusHeading && event.detail && !event.detail.kept) { Focus.focusFirst([focusHeading, "main"]); }
    reloadPreviewIfShownChanged();
  });

  // Counts of people joining arrive with no live event: refresh now and then (not while typing).
  var every = parseInt(root.dataset.pollSeconds || "0", 10);
  if (every > 0) {
    window.setInterval(function () {
      if (!busy && window.samfunnslabLive && document.visibilityState !== "hidden") { window.samfunnslabLive.refresh(); }
    }, every * 1000);
  }
})();
