"""Every patient-facing page reads easily: Flesch–Douma reading ease 60 or more (B1 Dutch).

The score is computed on the Dutch text a person sees inside <main> (``visible_text``), with
textstat's Dutch settings. One page at a time, with its score and its text:

    .venv/bin/python -m pytest tests/web/test_readability.py -k medicatie -s

The ids are the page names below (``-k "info and hernia"``, ``-k uitslag``, ``-k stap-4b``).
A failure names the score and the longest sentences: those are the ones to shorten.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from clinical import load_clinical_json
from environment import import_or_skip
from factories import form_data, give_result, make_programme, make_user
from helpers import walk, walk_form
from rugtest import words

textstat = import_or_skip("textstat")

pytestmark = pytest.mark.django_db
THRESHOLD = 60
CASES = load_clinical_json("vignettes-examples.json")


# --- The text a person reads ---------------------------------------------------------------

# Each of these is read as a unit: it ends a sentence even without a full stop (a heading,
# a list item, a button, a table row). Table cells are read as one row.
BLOCKS = {
    "address", "article", "aside", "blockquote", "button", "caption", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "label", "legend", "li", "nav", "ol", "option", "p", "section",
    "select", "summary", "table", "tbody", "thead", "tr", "ul", "br",
}
# Not read as Dutch prose: code (rule ids for the clinician), scripts, and the chart's
# drawing (its numbers are in the table next to it).
SKIPPED = {"code", "script", "style", "svg", "template", "noscript", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def _is_block(tag: str, attrs: dict) -> bool:
    # A link that looks like a button stands on its own, like a button.
    return tag in BLOCKS or (tag == "a" and "button" in (attrs.get("class") or "").split())


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hidden, block)
        self.in_main = 0
        self.units: list[str] = []
        self.current: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _, hidden, _ in self.stack)

    def _flush(self):
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current = []
        if text:
            self.units.append(text if text[-1] in ".!?" else text + ".")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        block = _is_block(tag, attrs)
        if block and self.in_main:
            self._flush()
        if tag in VOID:
            return
        hidden = (
            tag in SKIPPED or "hidden" in attrs or attrs.get("aria-hidden") == "true"
            or "visually-hidden" in (attrs.get("class") or "").split()
        )
        self.stack.append((tag, hidden, block))
        if tag == "main":
            self.in_main += 1

    def handle_endtag(self, tag):
        if tag not in [t for t, _, _ in self.stack]:
            return
        block = False
        while self.stack:
            open_tag, _, block = self.stack.pop()
            if open_tag == "main":
                self.in_main -= 1
            if open_tag == tag:
                break
        if (block and self.in_main) or tag == "main":
            self._flush()
        if tag in ("td", "th"):
            self.current.append(" ")

    def handle_data(self, data):
        if self.in_main and not self._hidden():
            self.current.append(data)


def visible_text(html: str) -> str:
    """The text inside <main> that a person sees, one unit (sentence, heading, item) a line.

    Hidden text (``hidden``, ``aria-hidden``, ``visually-hidden``), code and the chart's
    drawing are left out. A unit without a closing full stop gets one, so that a heading or
    a list item counts as a sentence of its own, as a reader takes it.
    """
    parser = _MainText()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n".join(parser.units)


def reading_ease(text: str) -> float:
    """Flesch–Douma: 206.835 − 0.93 × words per sentence − 77 × syllables per word."""
    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(text)


def hardest_sentences(text: str, count: int = 5) -> list[str]:
    sentences = re.findall(r"\b[^.!?]+[.!?]*", text)
    return sorted(sentences, key=lambda s: len(s.split()), reverse=True)[:count]


# --- How to reach each page ------------------------------------------------------------------

def first_case(level: str) -> dict:
    return next(case for case in CASES if case["expect"]["level"] == level)


def step_page(page_id: str, case_id: str = "E-06"):
    """A rugtest step, reached by answering the steps before it (E-06 passes step 4b)."""
    answers = next(case for case in CASES if case["id"] == case_id)["answers"]

    def reach(client):
        response = client.get("/rugtest/stap/1/")
        so_far: dict = {}
        for _ in range(10):
            current = response.request["PATH_INFO"].rstrip("/").split("/")[-1]
            if current == page_id:
                return response
            data = form_data(current, answers, so_far)
            so_far.update({k: answers[k] for k in data})
            response = client.post(f"/rugtest/stap/{current}/", data, follow=True)
        raise AssertionError(f"step {page_id} was not reached")

    return reach


def result_page(level: str):
    return lambda client: walk(client, first_case(level)["answers"])


def get(path: str):
    return lambda client: client.get(path)


def signed_in_with_programme(path: str):
    def reach(client):
        user = make_user()
        make_programme(user, days_ago=3)
        client.force_login(user)
        client.post("/rugoefening/wandeling/", walk_form(minutes="8", pain_after="3"))
        return client.get(path)

    return reach


def signed_in_before_start(client):
    user = make_user()
    give_result(user)
    client.force_login(user)
    return client.get("/rugoefening/beginnen/")


def after_result(case_level: str):
    """/rugoefening/ right after the rugtest, not signed in: the way into the programme."""
    def reach(client):
        walk(client, first_case(case_level)["answers"])
        return client.get("/rugoefening/")

    return reach


def checkin(answered: bool):
    """W-14: the check-in at the top of the programme page, or what an answer means."""
    def reach(client):
        from django.utils import timezone

        from rugtest.programme.models import CheckIn

        user = make_user()
        programme = make_programme(user, days_ago=21)
        client.force_login(user)
        if not answered:
            return client.get("/rugoefening/")
        CheckIn.objects.create(programme=programme, date=timezone.localdate(), progress="worse",
                               answers={"stress": "yes"}, risk_factors=["F-STRESS"], support="self")
        return client.get(f"/rugoefening/hoe-gaat-het/{programme.id}/")

    return reach


def measurement_page(later: bool):
    """outcome-measures.md O-1: the measurement form at the start, or at a check-in with the
    start's activities (and the progress table with the change in words after it)."""
    def reach(client):
        import datetime as dt

        from django.utils import timezone

        from rugtest.programme.models import Measurement

        user = make_user()
        programme = make_programme(user, days_ago=21 if later else 0)
        client.force_login(user)
        if not later:
            return client.get("/rugoefening/meting/")
        Measurement.objects.create(programme=programme, moment="start", date=timezone.localdate() - dt.timedelta(days=21),
                                   pain_24h=7, activities=[{"activity": "Sokken aantrekken", "score": 3}])
        return client.get("/rugoefening/meting/")

    return reach


def signed_in(path: str, post: dict | None = None):
    """A signed-in person's page (data rights pages); ``post`` submits a form on it first."""
    def reach(client):
        client.force_login(make_user(password=None))
        if post is not None:
            return client.post(path, post)
        return client.get(path)

    return reach


def share_page(client):
    """What the GP reads at /gedeeld/<token>/: the programme report of a person a week in."""
    from django.utils import timezone

    from rugtest.programme.models import WalkEntry
    from rugtest.sharing import services

    user = make_user()
    programme = make_programme(user, days_ago=8)
    for day in range(8):
        for part in ("morning", "afternoon", "evening"):
            WalkEntry.objects.create(programme=programme, date=timezone.localdate() - timezone.timedelta(days=day),
                                     part=part, minutes=9, pain_after=3)
    _, token = services.make_link(user=user, days=90, form_key="r" * 22)
    return client.get(f"/gedeeld/{token}/")


def confirm_sign(client):
    """The W-9 confirm step after ticking a warning sign in the log."""
    user = make_user()
    make_programme(user)
    client.force_login(user)
    return client.post("/rugoefening/wandeling/", walk_form(minutes="5", warning_signs=["leg_weakness"]))


def claim_question(client):
    """Signed in on a browser that holds a rugtest result not kept yet: "is this yours?"."""
    make_user("owner@example.org", "walking-every-day-9", verified=True)
    walk(client, first_case("selfcare")["answers"])
    client.post("/accounts/login/", {"login": "owner@example.org", "password": "walking-every-day-9"})
    return client.get("/rugoefening/uitslag-in-deze-browser/")


PAGES = [
    pytest.param(get("/"), id="home"),
    pytest.param(get("/rugtest/"), id="rugtest"),
    *[pytest.param(step_page(page_id), id=f"rugtest-stap-{page_id}") for page_id in ("1", "2", "3", "4", "4b", "5")],
    *[pytest.param(result_page(level), id=f"uitslag-{level}") for level in ("emergency", "urgent", "gp", "selfcare")],
    pytest.param(get("/rugoefening/"), id="rugoefening"),
    pytest.param(signed_in_with_programme("/rugoefening/"), id="rugoefening-met-schema"),
    pytest.param(signed_in_with_programme("/rugoefening/wandeling/"), id="rugoefening-wandeling"),
    pytest.param(signed_in_with_programme("/rugoefening/voortgang/"), id="rugoefening-voortgang"),
    pytest.param(signed_in_before_start, id="rugoefening-beginnen"),
    pytest.param(after_result("selfcare"), id="rugoefening-na-uitslag"),
    pytest.param(after_result("gp"), id="rugoefening-na-uitslag-huisarts"),
    pytest.param(confirm_sign, id="rugoefening-klacht-bevestigen"),
    pytest.param(claim_question, id="rugoefening-uitslag-van-u"),
    pytest.param(checkin(answered=False), id="rugoefening-terugblik"),
    pytest.param(checkin(answered=True), id="rugoefening-terugblik-antwoord"),
    pytest.param(measurement_page(later=False), id="rugoefening-meting"),
    pytest.param(measurement_page(later=True), id="rugoefening-meting-later"),
    pytest.param(get("/medicatie/"), id="medicatie"),
    pytest.param(get("/informatie/"), id="info"),
    pytest.param(get("/informatie/hoe-lang/"), id="info-hoe-lang"),
    pytest.param(get("/informatie/oorzaken/"), id="info-oorzaken"),
    *[pytest.param(get(f"/informatie/{slug}/"), id=f"info-{slug}") for slug in words.CONDITION_SLUGS.values()],
    pytest.param(get("/over/"), id="over"),
    pytest.param(get("/privacy/"), id="privacy"),
    pytest.param(signed_in("/rugoefening/agenda/"), id="agenda"),
    pytest.param(signed_in("/rugoefening/agenda/", {"action": "create"}), id="agenda-nieuwe-link"),
    pytest.param(signed_in_with_programme("/rugoefening/delen/"), id="delen"),
    pytest.param(signed_in("/rugoefening/delen/", {"label": "Huisarts", "days": "90", "name": "", "form_key": "r" * 22}),
                 id="delen-nieuwe-link"),
    pytest.param(share_page, id="gedeeld"),
    pytest.param(signed_in("/mijn-gegevens/"), id="mijn-gegevens"),
    pytest.param(signed_in("/mijn-gegevens/verwijderen/"), id="mijn-gegevens-verwijderen"),
    pytest.param(get("/mijn-gegevens/verwijderd/"), id="mijn-gegevens-verwijderd"),
]


@pytest.mark.parametrize("reach", PAGES)
def test_dutch_page_is_easy_to_read(client, reach, request):
    response = reach(client)
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    text = visible_text(response.content.decode())
    assert len(text.split()) >= 20, f"too little text found on {response.request['PATH_INFO']}"
    score = reading_ease(text)
    print(f"\n{request.node.callspec.id} ({response.request['PATH_INFO']}): Flesch–Douma {score:.1f}\n{text}")
    longest = "\n  ".join(hardest_sentences(text))
    assert score >= THRESHOLD, (
        f"{response.request['PATH_INFO']}: Flesch–Douma {score:.1f} (< {THRESHOLD}); "
        f"longest sentences:\n  {longest}"
    )


# --- The measuring itself --------------------------------------------------------------------

def test_visible_text_reads_main_only_and_ends_each_unit():
    html = (
        "<header>Menu</header><main><h1>Titel</h1><p>Een zin. <span class='visually-hidden'>"
        "verborgen</span><code>R-CE-1</code></p><ul><li>een punt</li></ul>"
        "<table><tr><th>Dag</th><td>8</td></tr></table><svg><text>12</text></svg></main>"
        "<footer>Voet</footer>"
    )
    assert visible_text(html).splitlines() == ["Titel.", "Een zin.", "een punt.", "Dag 8."]


def test_long_words_and_long_sentences_score_lower():
    easy = "U loopt elke dag. Het gaat goed. Dat is fijn."
    hard = ("Gedurende de behandelingsperiode dient de patiënt dagelijks gestructureerde "
            "loopoefeningen uit te voeren conform het voorgeschreven opbouwschema.")
    assert reading_ease(easy) >= THRESHOLD > reading_ease(hard)
