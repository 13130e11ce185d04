// Focus and the status message after each quick form are handled by the shared helper
// (core/focus.js): focus stays on the same control, or goes to «Alt i modellen» when the removed
// item's button is gone, and #builder-main's data-announce is said in #builder-status.

// When a save fails (too large, server error, no network), HTMX swaps nothing. Say so in plain
// Norwegian instead of leaving the user with a form that seems to ignore them. The alert region
// is in the page while empty, so the message is read out when it arrives.
function showBuilderError(kind) {
  var box = document.getElementById("builder-request-error");
  if (!box) { return; }
  window.samfunnslabFocus.announce(box.dataset[kind] || box.dataset.failed, box, { color: "danger" });
  window.samfunnslabFocus.focusOn(box);
}
document.addEventListener("htmx:responseError", function (event) {
  var status = event.detail.xhr ? event.detail.xhr.status : 0;
  showBuilderError(status === 400 || status === 413 ? "tooBig" : "failed");
});
document.addEventListener("htmx:sendError", function () { showBuilderError("offline"); });
document.addEventListener("htmx:beforeRequest", function () {
  window.samfunnslabFocus.clear("builder-request-error");
});
