/* Focus management for every HTMX swap and every live update: one rule, implemented once.
 *
 * The rule (docs/accessibility-audit.md, "Focus management"):
 * - Content that is replaced while focus is outside it: focus stays where it is.
 * - Content that is replaced while focus is inside it: focus goes back to the same control in the
 *   new content (same id, or the same form action/item/value, or the same name), so a keyboard or
 *   screen-reader user keeps their place.
 * - If that control is gone, or the swap brings new content on purpose (a new activity), focus
 *   moves to the new content's heading (made focusable with tabindex="-1"), and its text is
 *   announced through a persistent live region (#sr-status, present while empty).
 *
 * Used by live.js (the workshop's live updates and answers), cockpit.js (the facilitator's
 * actions) and hooked here into every HTMX swap (the model builder and the rest). Pages decide
 * WHERE focus or a message goes; how it is moved, announced, or tied to a field is only here.
 * On an HTMX swap target: `data-focus-heading` names the heading to use (a CSS selector);
 * `data-announce` is the text to announce after the swap and `data-announce-to` the id of the
 * persistent live region to say it in (default #sr-status).
 */
(function () {
  "use strict";

  function status() { return document.getElementById("sr-status"); }

  /* Say `text` through a persistent live region (default #sr-status). Empty text clears it.
   * With options.color the text is shown as a visible message (<p class="ds-alert">) in the region. */
  function announce(text, region, options) {
    var target = region || status();
    if (!target) { return; }
    if (options && options.color) {
      target.innerHTML = "";
      if (!text) { return; }
      var p = document.createElement("p");
      p.className = "ds-alert";
      p.setAttribute("data-color", options.color);
      p.textContent = text;
      target.appendChild(p);
      return;
    }
    // Clearing first makes a repeated message be read again.
    target.textContent = "";
    if (text) { window.setTimeout(function () { target.textContent = text; }, 50); }
  }

  /* Empty each of the given live regions (elements or ids); they stay in the page. */
  function clear() {
    for (var i = 0; i < arguments.length; i++) {
      var region = typeof arguments[i] === "string" ? document.getElementById(arguments[i]) : arguments[i];
      if (region) { region.innerHTML = ""; }
    }
  }

  /* Move focus to `el` on purpose; an element that cannot take focus gets tabindex="-1". */
  function focusOn(el) {
    if (!el) { return null; }
    if (!el.matches("a[href], button, input, select, textarea, [tabindex]")) { el.setAttribute("tabindex", "-1"); }
    el.focus();
    return el;
  }

  /* Focus the first element that exists of the given ids; return it, or null. */
  function focusFirst(ids) {
    for (var i = 0; i < ids.length; i++) {
      var el = ids[i] && document.getElementById(ids[i]);
      if (el) { return focusOn(el); }
    }
    return null;
  }

  // ---------------------------------------------------------------- errors tied to fields

  function describedBy(el, id, add) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== id; });
    if (add) { ids.unshift(id); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
  }

  /* Remove the form's error message and unmark its fields. */
  function clearFieldError(form) {
    var box = form && form.querySelector("[data-form-error]");
    if (!box) { return; }
    form.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      describedBy(el, box.id, false);
    });
    box.parentNode.removeChild(box);
  }

  /* Show `message` in the form before its submit button, mark `fields` (default: the form's
   * fields) aria-invalid, point them to the message with aria-describedby, move focus to the
   * first of them and announce the message. */
  function showFieldError(form, message, fields) {
    clearFieldError(form);
    var box = document.createElement("p");
    box.className = "ds-alert field-error";
    box.setAttribute("data-color", "danger");
    box.setAttribute("data-form-error", "");
    box.id = "error-" + (form.id || "form") + "-" + Math.random().toString(36).slice(2, 7);
    box.textContent = message;
    if (!fields || !fields.length) {
      fields = Array.prototype.slice.call(form.querySelectorAll("textarea, input[type=text], input[type=number], select"));
      if (!fields.length) { fields = Array.prototype.slice.call(form.querySelectorAll("input[type=radio]")); }
    }
    var submit = form.querySelector("button[type=submit]");
    form.insertBefore(box, submit || null);
    fields.forEach(function (el) { el.setAttribute("aria-invalid", "true"); describedBy(el, box.id, true); });
    if (fields[0]) { fields[0].focus(); }
    announce(message);
  }

  /* The fields a refusal shown in `form` is about: those whose label the message names (the
   * services refuse in the label's words, e.g. «Navn må fylles ut»), else all its fields. */
  function fieldsConcerned(form, message) {
    var all = Array.prototype.slice.call(form.querySelectorAll(
      "textarea, select, input:not([type=hidden]):not([type=submit]):not([type=button])"));
    var text = (message || "").toLowerCase();
    var named = all.filter(function (el) {
      var label = el.id ? form.querySelector("label[for='" + el.id.replace(/'/g, "") + "']") : null;
      var words = label ? label.textContent.replace(/\(.*?\)/g, "").trim().toLowerCase() : "";
      if (words.length < 4) { return false; }  // «Fra», «Til»: too common to tell a field
      var escaped = words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return new RegExp("(^|[^\\p{L}])" + escaped + "(?=[^\\p{L}]|$)", "u").test(text);
    });
    return named.length ? named : all;
  }

  /* Tie every refusal the server rendered into a form (an element with data-form-error inside
   * the form) to the fields it is about: aria-invalid="true" and aria-describedby pointing to it.
   * Returns the first field concerned, or null. Used after every HTMX swap and on page load, so
   * any refused form, with or without script-driven submits, marks its fields the same way. */
  function tieRefusals(root) {
    var first = null;
    var boxes = (root || document).querySelectorAll("form [data-form-error]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var form = box.closest("form");
      if (!box.id) { box.id = "error-" + (form.id || "form") + "-" + i; }
      fieldsConcerned(form, box.textContent).forEach(function (el) {
        el.setAttribute("aria-invalid", "true");
        describedBy(el, box.id, true);
        if (!first) { first = el; }
      });
    }
    return first;
  }

  function field(form, name) {
    var input = form && form.querySelector("input[name=" + name + "]");
    return input ? input.value : "";
  }

  function remember(region) {
    var el = document.activeElement;
    if (!region || !el || el === document.body || !region.contains(el)) { return null; }
    var form = el.form || el.closest("form");
    return {
      inside: true, self: el === region, id: el.id, name: el.getAttribute("name") || "",
      tag: el.tagName, action: field(form, "action"), item: field(form, "item"), vote: field(form, "vote"),
      formId: form ? form.id : "", formUrl: form ? form.getAttribute("action") || "" : ""
    };
  }

  function sameControl(region, memo) {
    if (memo.id) {
      var byId = document.getElementById(memo.id);
      if (byId && region.contains(byId) && !byId.closest("[hidden]")) { return byId; }
    }
    if (memo.item || memo.action) {
      var forms = region.querySelectorAll("form");
      for (var i = 0; i < forms.length; i++) {
        var f = forms[i];
        if (field(f, "action") === memo.action && field(f, "item") === memo.item &&
            field(f, "vote") === memo.vote) {
          var button = f.querySelector("button");
          if (button && !button.closest("[hidden]")) { return button; }
        }
      }
    }
    var sameForm = null;
    if (memo.formId) { sameForm = document.getElementById(memo.formId); }
    if (!sameForm && memo.formUrl) { sameForm = region.querySelector("form[action='" + memo.formUrl.replace(/'/g, "") + "']"); }
    if (sameForm && region.contains(sameForm)) {
      var control = memo.name ? sameForm.querySelector(memo.tag.toLowerCase() + "[name='" + memo.name.replace(/'/g, "") + "']") : null;
      if (!control && memo.tag === "BUTTON") { control = sameForm.querySelector("button[type=submit], button:not([type])"); }
      if (control && !control.closest("[hidden]")) { return control; }
    }
    if (memo.name) {
      var named = region.querySelector(memo.tag.toLowerCase() + "[name='" + memo.name.replace(/'/g, "") + "']");
      if (named) { return named; }
    }
    return null;
  }

  function heading(region, selector) {
    var wanted = selector || region.getAttribute("data-focus-heading");
    var h = wanted ? region.querySelector(wanted) : null;
    if (!h) {
      var all = region.querySelectorAll("h1, h2, h3");
      for (var i = 0; i < all.length; i++) { if (!all[i].closest("[hidden]")) { h = all[i]; break; } }
    }
    return h;
  }

  function toHeading(region, options) {
    var h = heading(region, options && options.heading);
    if (!h) { return null; }
    if (!h.hasAttribute("tabindex")) { h.setAttribute("tabindex", "-1"); }
    focusOn(h);
    if (!options || options.announce !== false) {
      announce((options && options.announce) || h.textContent.trim(), options && options.region);
    }
    return h;
  }

  /* After new content is in `region`: apply the rule for the focus remembered before. */
  function restore(region, memo, options) {
    options = options || {};
    if (options.newContent && (memo || options.alwaysHeading)) { return toHeading(region, options); }
    if (!memo) {
      if (options.newContent && options.announce) { announce(options.announce, options.region); }
      return null;
    }
    if (memo.self) { region.focus(); return region; }
    var el = sameControl(region, memo);
    if (el) { el.focus(); return el; }
    return toHeading(region, options);
  }

  /* Replace the region's content with `html` and keep or move focus by the rule. */
  function swap(region, html, options) {
    var memo = remember(region);
    region.innerHTML = html;
    return restore(region, memo, options);
  }

  var htmxMemo = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    htmxMemo = remember(event.detail.target);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) { return; }
    // An outerHTML swap replaces the target itself: look for its successor by id.
    if (!document.body.contains(target) && target.id) { target = document.getElementById(target.id) || target; }
    var memo = htmxMemo;
    htmxMemo = null;
    if (!document.body.contains(target)) { return; }
    // The new content may say what happened (data-announce, also when empty: the old message
    // goes) through a persistent region outside it (data-announce-to, else #sr-status).
    var told = target.hasAttribute("data-announce");
    if (memo) { restore(target, memo, told ? { announce: false } : {}); }
    // A refusal in the new content is tied to its fields; if the person was working in the
    // swapped content, focus goes to the first field concerned (rule 5).
    var refused = tieRefusals(target);
    if (refused && memo) { refused.focus(); }
    if (told) {
      var to = target.getAttribute("data-announce-to");
      announce(target.getAttribute("data-announce"), to ? document.getElementById(to) : null);
    }
  });

  // Refusals in a page the server sent whole (a form posted without script) are tied the same way.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { tieRefusals(document); });
  } else {
    tieRefusals(document);
  }

  window.samfunnslabFocus = {
    remember: remember, restore: restore, swap: swap, announce: announce, clear: clear, toHeading: toHeading,
    focusOn: focusOn, focusFirst: focusFirst, showFieldError: showFieldError, clearFieldError: clearFieldError,
    tieRefusals: tieRefusals
  };
})();
