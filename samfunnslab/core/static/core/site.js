// When an HTMX request fails (server refusal or lost connection), say so instead of doing nothing.
(function () {
  "use strict";
  function announce(message) {
    var main = document.getElementById("main");
    if (!main) return;
    var box = document.getElementById("htmx-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "htmx-error";
      box.className = "ds-alert htmx-error";
      box.setAttribute("data-color", "danger");
      box.setAttribute("role", "alert");
      box.tabIndex = -1;
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = message;
    box.focus();
  }
  document.addEventListener("htmx:responseError", function (event) {
    if (event.defaultPrevented) return;
    announce(document.body.dataset.msgRefused);
  });
  document.addEventListener("htmx:sendError", function (event) {
    if (event.defaultPrevented) return;
    announce(document.body.dataset.msgOffline);
  });
})();
