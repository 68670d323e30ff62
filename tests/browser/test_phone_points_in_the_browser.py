"""Issue 19, "Smaller things seen on a phone", measured in a real browser at 320 px:

- a long word that must break, breaks with a hyphen ("Waarschuwings-tekens"), never bare
  ("Waarschuwingsteken/ns"): what the check catches is shown here; the check of every page of
  the catalogue (sitepages.PAGES) runs in test_every_page_once.py;
- every link that stands on a line of its own is at least 44 px tall: "Wachtwoord vergeten?",
  "Lees over pijnstillers", the condition list on /informatie/ (with space between), "Zet uw
  wandelingen in uw agenda", and the per-walk edit links on the progress page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sitepages import BARE_BREAKS, NARROW, cases, narrow, open_page

pytestmark = pytest.mark.browser

HYPHENATED = r"""(id) => {
  const el = document.getElementById(id);
  return [el.getClientRects().length, el.getBoundingClientRect().height];
}"""


def test_a_long_compound_breaks_at_a_syllable_with_a_hyphen(visit, screenshot):
    """What the check of every page (test_every_page_once.py) catches, and what it lets through:
    the same word broken bare and broken at a soft hyphen, in a column too narrow for it, on a
    page opened as a phone and narrowed to 320 px as that check does."""
    v = open_page(visit, "nl", "home")
    narrow(v.page)
    v.page.evaluate("""() => {
      const main = document.querySelector('main');
      main.insertAdjacentHTML('beforeend',
        '<h2 id="bare">Waarschuwingstekens</h2><h2 id="soft">Waarschuwings\u00adtekens</h2>');
      // Through the CSSOM: the page's Content-Security-Policy ignores style attributes.
      for (const id of ['bare', 'soft']) {
        const h = document.getElementById(id);
        h.style.width = '260px';
        h.style.fontSize = '1.35rem';
      }
      document.getElementById('soft').style.hyphens = 'manual';
    }""")
    broken = v.page.evaluate(BARE_BREAKS)
    assert any(b.startswith("Waarschuwingsteken") or b.startswith("Waarschuwings") and "/" in b for b in broken), broken
    v.page.evaluate("document.getElementById('bare').remove()")
    assert v.page.evaluate(BARE_BREAKS) == []
    lines = v.page.locator("#soft").evaluate("e => { const r = document.createRange(); r.selectNodeContents(e); "
                                              "return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")
    assert lines == 2  # "Waarschuwings-" / "tekens"


# --- links on a line of their own -------------------------------------------------------------

STANDALONE = {
    "login": {"nl": ["Wachtwoord vergeten?"], "en": ["Forgot your password?"]},
    "home": {"nl": ["Lees over pijnstillers"], "en": ["Read about painkillers"]},
    "programme-active": {"nl": ["Zet uw wandelingen in uw agenda"], "en": ["Put your walks in your calendar"]},
}


def link_box(page, name):
    link = page.get_by_role("link", name=name, exact=True)
    expect(link).to_have_count(1)
    return link.bounding_box()


@pytest.mark.parametrize("lang, name", cases(list(STANDALONE)))
def test_a_standalone_link_is_at_least_44_px_tall_at_320_px(visit, screenshot, lang, name):
    v = open_page(visit, lang, name, viewport=NARROW)
    for text in STANDALONE[name][lang]:
        box = link_box(v.page, text)
        assert box["height"] >= 44 - 0.5, (text, box)
    screenshot(v.page, f"{lang}-{name}")


@pytest.mark.parametrize("lang, name", cases(["info"]))
def test_the_condition_list_has_44_px_links_with_space_between(visit, screenshot, lang, name):
    v = open_page(visit, lang, name, viewport=NARROW)
    links = v.page.locator("main ul.link-list a")
    assert links.count() >= 9
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    for box in boxes:
        assert box["height"] >= 44 - 0.5, box
    for above, below in zip(boxes, boxes[1:]):
        assert below["y"] - (above["y"] + above["height"]) >= 4, (above, below)
    screenshot(v.page, f"{lang}-info", full_page=True)


@pytest.mark.parametrize("lang, name", cases(["programme-history"]))
def test_the_per_walk_edit_links_on_the_progress_page_are_44_px_tall(visit, screenshot, lang, name):
    v = open_page(visit, lang, name, viewport=NARROW)
    links = v.page.locator("main table a[href*='/rugoefening/wandeling/']")
    visible = [links.nth(i) for i in range(links.count()) if links.nth(i).is_visible()]
    assert visible
    for link in visible:
        box = link.bounding_box()
        assert box["height"] >= 44 - 0.5, box
