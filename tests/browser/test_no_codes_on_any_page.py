"""Issue 19, "Words for people, codes for machines": on every page of the site, in Dutch and in
English, the text a person can read holds no internal id or value.

Every page and state of the page catalogue (sitepages.py: anonymous, in the rugtest, each result,
signed in with a programme and logged walks, stopped, a check-in, the share page the GP opens …)
is opened in a real browser, and its text is scanned (codes.py; the scan of every page runs in
test_every_page_once.py, in the one pass that also runs the other checks of each page): no R-/A-/F-/W-/D-/O- id, no level
or action name (``selfcare``, ``call_gp_today``, ``gp_talk``, ``see_gp`` …), no raw answer value
(``same``, ``better``, ``yes``, ``unknown`` …). Attributes are not text: ``data-rule="R-MAL-1"``
stays, for programs. The text includes what a person can open or that shows later (a closed
``<details>``, a message shown by a script) and the page's title, never the scripts and styles.
"""

from __future__ import annotations

from codes import codes_in

from sitepages import open_page, page_text


def test_the_scan_sees_text_a_page_hides_and_ignores_attributes(visit):
    """The scan can fail: a code in a closed <details> is found, an id in a data- attribute is not."""
    v = open_page(visit, "nl", "home")
    assert codes_in(page_text(v.page), "nl") == []
    v.page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
             '<p data-rule="R-MAL-1">Woorden</p><details><summary>Meer</summary>call_gp_today</details>')"""
    )
    assert codes_in(page_text(v.page), "nl") == ["call_gp_today"]
