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
 * Used by live.js for the workshop's live updates and hooked here into every HTMX swap.
 * `data-focus-heading` on a swap target names the heading to use (a CSS selector).
 */
(function () {
  "use strict";

  function status() { return document.getElementById("sr-status"); }

  function announce(text, region) {
    var target = region || status();
    if (!target || !text) { return; }
    // Clearing first makes a repeated message be read again.
    target.textContent = "";
    window.setTimeout(function () { target.textContent = text; }, 50);
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
      tag: el.tagName, action: field(form, "action"), item: field(form, "item"), vote: field(form, "vote")
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
    h.focus();
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
    if (memo && document.body.contains(target)) { restore(target, memo); }
  });

  window.samfunnslabFocus = { remember: remember, restore: restore, swap: swap, announce: announce, toHeading: toHeading };
})();
