// After a quick form is saved with HTMX, move focus to the message (error first, then status),
// so keyboard and screen-reader users are not left on a button that no longer exists.
document.addEventListener("htmx:afterSettle", function () {
  var main = document.getElementById("builder-main");
  if (!main) { return; }
  var target = main.querySelector("[role=alert]") || main.querySelector(".status-line");
  if (target) {
    target.setAttribute("tabindex", "-1");
    target.focus();
  }
});

// When a save fails (too large, server error, no network), HTMX swaps nothing. Say so in plain
// Norwegian instead of leaving the user with a form that seems to ignore them.
function showBuilderError(kind) {
  var box = document.getElementById("builder-request-error");
  if (!box) { return; }
  box.querySelector("p").textContent = box.dataset[kind] || box.dataset.failed;
  box.hidden = false;
  box.focus();
}
document.addEventListener("htmx:responseError", function (event) {
  var status = event.detail.xhr ? event.detail.xhr.status : 0;
  showBuilderError(status === 400 || status === 413 ? "tooBig" : "failed");
});
document.addEventListener("htmx:sendError", function () { showBuilderError("offline"); });
document.addEventListener("htmx:beforeRequest", function () {
  var box = document.getElementById("builder-request-error");
  if (box) { box.hidden = true; }
});
