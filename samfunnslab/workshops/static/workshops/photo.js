/* The phone's photo form (form[data-photo]): checks what the browser can check before sending
 * (a picture at all, not too large: no 20 MB sent over mobile data to be refused), sends the
 * picture and its description with fetch, and ties every refusal to the field it is about. Nothing
 * the person gave is cleared until the server says the photo is stored. No dependencies; without
 * JavaScript the form posts and the page comes back with the message.
 */
(function () {
  "use strict";
  var Focus = window.samfunnslabFocus;
  var Live = window.samfunnslabLive;  // live.js (loaded first): the token, keys, the live part

  function field(form, name) { return form.querySelector(name === "file" ? "input[type=file]" : "textarea"); }

  function status(text, isError) {
    var region = document.getElementById(isError ? "alerts" : "announcer");
    var other = document.getElementById(isError ? "announcer" : "alerts");
    if (other) { Focus.clear(other); }
    if (region) { Focus.announce(text, region, { color: isError ? "danger" : "success" }); }
  }

  function megabytes(size) { return (size / (1024 * 1024)).toFixed(1).replace(".", ","); }

  // What the browser can tell before sending; the server checks everything again.
  function problem(form) {
    var input = field(form, "file");
    var file = input.files && input.files[0];
    if (!file) { return { name: "file", message: form.dataset.msgMissing }; }
    if (file.type && file.type.indexOf("image/") !== 0) { return { name: "file", message: form.dataset.msgNotPicture }; }
    if (file.size > parseInt(form.dataset.maxBytes, 10)) {
      return { name: "file", message: form.dataset.msgTooBig.replace("__SIZE__", megabytes(file.size)) };
    }
    if (!field(form, "text").value.trim()) { return { name: "text", message: form.dataset.msgNoText }; }
    return null;
  }

  function refused(form, message, name) {
    var target = name ? [field(form, name)] : null;
    Focus.showFieldError(form, message, target);
  }

  function stored(form, data) {
    Focus.clearFieldError(form);
    form.reset();
    form.querySelector("input[name=key]").value = Live.newKey();
    form.querySelectorAll("[data-counted]").forEach(function (el) { el.dispatchEvent(new Event("input", { bubbles: true })); });
    status(data.message || "");
    Live.refreshLivePart();
  }

  // While a photo is on its way the button says so (aria-disabled) and a second press does nothing.
  // It is not `disabled`: a disabled button loses focus, and the keyboard user would be dropped to
  // the page body (focus rule, docs/accessibility-audit.md).
  function sending(form, on) {
    var button = form.querySelector("button[type=submit]");
    if (on) { form.dataset.sending = "1"; button.setAttribute("aria-disabled", "true"); return; }
    delete form.dataset.sending;
    button.removeAttribute("aria-disabled");
  }

  function send(form) {
    sending(form, true);
    status(form.dataset.msgSending);
    window.fetch(form.getAttribute("action"), {
      method: "POST", credentials: "same-origin", body: new FormData(form),
      headers: { "Accept": "application/json", "X-CSRFToken": Live.csrfToken() }
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) { return { res: res, data: data }; });
    }).then(function (result) {
      sending(form, false);
      var data = result.data;
      if (result.res.ok && data && data.ok) { stored(form, data); return; }
      Focus.clear(document.getElementById("announcer"));
      if (result.res.status === 413) {  // the reverse proxy's own limit: no JSON from the app
        refused(form, form.dataset.msgTooBig.replace(" (__SIZE__ MB)", ""), "file");
      } else if (data && data.error) {
        refused(form, data.error, data.field || "");
      } else {
        refused(form, form.dataset.msgFailed, "");
      }
    }).catch(function () {
      sending(form, false);
      Focus.clear(document.getElementById("announcer"));
      refused(form, form.dataset.msgFailed, "");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-photo")) { return; }
    event.preventDefault();
    if (form.dataset.sending) { return; }
    var found = problem(form);
    if (found) { refused(form, found.message, found.name); return; }
    send(form);
  });
})();
