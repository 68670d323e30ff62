"""Every sentence that tells someone to call 112, the GP now, the huisartsenpost or the GP today
comes from the one home of the words (rugtest/words.py SAFETY and CALLS, issue 19): no template
or module types its own version."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from factories import CASES, form_data
from helpers import parse, walk

SRC = Path(__file__).resolve().parents[2] / "src" / "rugtest"
HOME = SRC / "words.py"
# Made when nothing else can be trusted to work (no settings, no language): plain text in both languages.
EXEMPT = {SRC / "templates" / "errors" / "500.html"}

CALL_SENTENCES = [
    re.compile(p) for p in (
        r"\b[Bb]el\b[^.?!<{]{0,25}\b112\b",
        r"\b[Bb]el\b[^.?!<{]{0,25}\buw huisarts\b",
        r"\b[Bb]el\b[^.?!<{]{0,25}\bde huisartsenpost\b",
        r"\b[Bb]el dan dezelfde dag\b",
        r"\b[Cc]all\b[^.?!<{]{0,25}\b(112|your GP|the out-of-hours)\b",
    )
]
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "format_html"}
TEMPLATE_COMMENTS = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


def readable_text(path: Path) -> str:
    """What a person can read from the file: a template without its comments, a module's gettext strings."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return TEMPLATE_COMMENTS.sub(" ", text)
    strings = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in GETTEXT:
            strings += [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return "\n".join(strings)


def sources():
    for path in sorted(SRC.rglob("*")):
        if path.suffix in (".html", ".txt", ".py") and path != HOME and path not in EXEMPT and "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("path", list(sources()), ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_or_module_types_its_own_call_sentence(path):
    text = readable_text(path)
    found = [m.group(0) for pattern in CALL_SENTENCES for m in pattern.finditer(text)]
    assert found == [], f"{path.relative_to(SRC)} types a call sentence; take it from words.SAFETY: {found}"


def test_the_scan_finds_a_typed_call_sentence():
    # The patterns must catch what the one home holds, or the scan above proves nothing.
    home = HOME.read_text(encoding="utf-8")
    for sentence in ("Bel dan nu meteen uw huisarts.", "Bel nu 112.", "Bel dan de huisartsenpost.", "Bel vandaag nog uw huisarts."):
        assert sentence in home
        assert any(p.search(sentence) for p in CALL_SENTENCES), sentence


# --- D-16: each sign with its own action ------------------------------------------------------

ANEURYSM_SIGN = "plotseling heel erge pijn"
CAUDA_EQUINA_SIGN = "kruis"


def blocks(response, action):
    return parse(response).find("main").find_all(data_action=action)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/informatie/"])
def test_D_16_the_aneurysm_signs_say_112_and_the_cauda_equina_signs_the_gp_now(client, path):
    response = client.get(path)
    aneurysm = [b.words() for b in blocks(response, "call_112") if ANEURYSM_SIGN in b.words()]
    cauda = [b.words() for b in blocks(response, "call_gp_now") if CAUDA_EQUINA_SIGN in b.words()]
    assert aneurysm and cauda, path
    for text in aneurysm:
        # R-AAA-1/2: 112, the age condition inside the sign's sentence (D-15), never the GP.
        assert "Bel dan 112." in text and "ouder dan 40" in text
        assert "huisarts" not in text and CAUDA_EQUINA_SIGN not in text
    for text in cauda:
        # R-CE-1..3: the GP now, the huisartsenpost in the evening, night and weekend, 112 if nobody answers.
        assert "Bel dan nu meteen uw huisarts." in text
        assert "Bel dan de huisartsenpost." in text and "Krijgt u niemand te spreken? Bel dan 112." in text
        assert ANEURYSM_SIGN not in text


@pytest.mark.django_db
def test_D_16_after_a_dont_know_each_emergency_sign_keeps_its_own_action(client):
    # R-CE-1 uncertain: the result is urgent and names both kinds of sign, each with its action.
    response = walk(client, {**CASES["E-08"]["answers"], "age": 60, "saddle_numbness": "unknown"})
    aneurysm = " ".join(b.words() for b in blocks(response, "call_112"))
    cauda = " ".join(b.words() for b in blocks(response, "call_gp_now"))
    assert ANEURYSM_SIGN in aneurysm and "Bel dan 112." in aneurysm and "huisarts" not in aneurysm
    assert CAUDA_EQUINA_SIGN in cauda and "Bel dan nu meteen uw huisarts." in cauda
    assert "uw huisarts of 112" not in parse(response).find("main").words()


# --- the emergency step promises "at once" only for the signs that act at once ----------------

@pytest.mark.django_db
@pytest.mark.parametrize("sign, at_once", [("saddle_numbness", True), ("bladder_bowel", True), ("both_legs", True),
                                           ("major_trauma", False), ("known_aneurysm", False)])
def test_the_emergency_step_says_truly_which_yes_shows_the_advice_at_once(client, sign, at_once):
    # questionnaire.md, early emergency: only a sign that makes an emergency certain stops the questions.
    answers = {**CASES["E-08"]["answers"], "age": 35}
    step2 = client.post("/rugtest/stap/1/", form_data("1", answers, {}), follow=True)
    box = parse(step2).find("main").words()
    assert "Kiest u hieronder 'Ja' bij een van deze tekens? Dan ziet u meteen wat u moet doen" in box
    assert "Kiest u 'Ja' bij een andere vraag, zoals een ernstig ongeluk? Dan stellen we eerst de andere vragen." in box
    data = form_data("2", {**answers, sign: "yes"}, answers)
    after = client.post("/rugtest/stap/2/", data, follow=True)
    assert ("/uitslag/" in after.request["PATH_INFO"]) is at_once, after.request["PATH_INFO"]
