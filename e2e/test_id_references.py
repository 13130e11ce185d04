"""Every aria-describedby, aria-labelledby and label `for` points to an element that exists (1.3.1, 4.1.2).

axe checks `for` on labels it can see, not ids named in aria-describedby; a reference to a missing id
silently drops the hint or the name (issue 18, item 9: a console help text did).
"""

from __future__ import annotations

from e2e.test_language_of_parts import PUBLIC_FAMILIES, STAFF_FAMILIES, _workshop_pages

MISSING = """
() => {
  const out = [];
  for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby], label[for], [aria-controls]')) {
    for (const name of ['aria-describedby', 'aria-labelledby', 'for', 'aria-controls']) {
      for (const id of (el.getAttribute(name) || '').split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) out.push(`${el.tagName.toLowerCase()}[${name}=${id}]`);
      }
    }
  }
  return out;
}
"""


def test_no_page_family_refers_to_a_missing_id(page, login):
    missing = {}
    for path in PUBLIC_FAMILIES:
        page.goto(path)
        missing[path] = page.evaluate(MISSING)
    login(page)
    for path in STAFF_FAMILIES + _workshop_pages(page):
        page.goto(path)
        missing[path] = page.evaluate(MISSING)
    broken = {path: refs for path, refs in missing.items() if refs}
    assert not broken, f"references to ids that are not in the page: {broken}"
