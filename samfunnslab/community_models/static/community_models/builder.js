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
