"""Every sentence that tells someone to call 112, the GP now, the huisartsenpost or the GP today
comes from the one home of the words (rugtest/words.py SAFETY and CALLS, issue 19): no template
or module types its own version."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

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
