"""Issue 19, "Words for people, codes for machines": on every page of the site, in Dutch and in
English, the text a person can read holds no internal id or value.

Every page and state of the page catalogue (sitepages.py: anonymous, in the rugtest, each result,
signed in with a programme and logged walks, stopped, a check-in, the share page the GP opens …)
is opened in a real browser, and its text is scanned (codes.py): no R-/A-/F-/W-/D-/O- id, no level
or action name (``selfcare``, ``call_gp_today``, ``gp_talk``, ``see_gp`` …), no raw answer value
(``same``, ``better``, ``yes``, ``unknown`` …). Attributes are not text: ``data-rule="R-MAL-1"``
stays, for programs. The text includes what a person can open or that shows later (a closed
``<details>``, a message shown by a script) and the page's title, never the scripts and styles.
"""

from __future__ import annotations

import pytest
from codes import codes_in

from sitepages import cases, open_page

# The words of the page, as a person can come to read them: the title and the body's text
# nodes, without scripts, styles and the link fields (a token is an address, not words).
# The words of the page, as a person can come to read them: the title and every text node of
# the body, each a word apart (a block's text never runs into the next one's), without scripts,
# styles and the link fields (a token is an address, not words).
PAGE_TEXT = r"""() => {
  const skip = "script, style, template, textarea";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [document.title];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest(skip)) texts.push(node.textContent);
  }
  return texts.join(" ");
}"""


def page_text(page) -> str:
    return " ".join(page.evaluate(PAGE_TEXT).split())


@pytest.mark.parametrize(("lang", "name"), cases())
def test_no_page_shows_an_internal_id_or_value(visit, lang, name):
    v = open_page(visit, lang, name)
    text = page_text(v.page)
    assert len(text) > 100, f"{v.page.url}: no text to scan"
    assert codes_in(text, lang) == [], f"{v.page.url}: {text[:3000]}"


def test_the_scan_sees_text_a_page_hides_and_ignores_attributes(visit):
    """The scan can fail: a code in a closed <details> is found, an id in a data- attribute is not."""
    v = open_page(visit, "nl", "home")
    assert codes_in(page_text(v.page), "nl") == []
    v.page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
             '<p data-rule="R-MAL-1">Woorden</p><details><summary>Meer</summary>call_gp_today</details>')"""
    )
    assert codes_in(page_text(v.page), "nl") == ["call_gp_today"]
