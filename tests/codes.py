"""The scan for what no person may read (issue 19, "Words for people, codes for machines").

No page a person reads and no PDF shows an internal id or value: no rule, advice, factor,
walking-programme, decision or outcome-measure id (R-…, A-…, F-…, W-…, D-…, O-…), no level or
action name (``selfcare``, ``call_gp_today``, ``gp_talk``, ``see_gp`` …) and no raw answer value
(``same``, ``better``, ``yes``, ``unknown`` …). The ids stay where programs read them: the JSON
API, FHIR, the exports and ``data-`` attributes, which this scan never sees (it reads text).

Shared by the web tests (HTML through the test client, PDFs) and the browser tests (the text of
every page of the catalogue).
"""

from __future__ import annotations

import re
import shutil
import subprocess

from environment import skip_or_fail
from rugtest.core import questions

ID = re.compile(r"\b[RAFWDO]-[A-Z0-9]+(?:-[A-Z0-9]+)*\b")
SNAKE_VALUES = sorted(
    {v for q in questions.QUESTIONS for v in (getattr(q, "values", None) or ()) if "_" in v}
    | {"call_112", "call_gp_now", "call_gp_today", "see_gp", "gp_talk", "not_now", "ask_gp_first",
       "selfcare", "duration_class", "spec_version", "risk_factors", "uncertain_rules"}
)
CODE_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, SNAKE_VALUES)) + r")\b")
# English words in English text, but raw values in Dutch text.
DUTCH_ONLY = re.compile(r"\b(?:same|better|worse|unknown|yes|no|emergency|urgent|physio|acute|subacute|chronic)\b")
# Addresses are not words: a random token in a link may spell anything.
ADDRESS = re.compile(r"(?:https?://|webcal://|/gedeeld/|/agenda/)\S*")


def codes_in(text: str, lang: str) -> list[str]:
    """Every internal id, level or action name and (in Dutch text) raw answer value in ``text``."""
    text = ADDRESS.sub(" ", text)
    found = ID.findall(text) + CODE_WORDS.findall(text)
    if lang == "nl":
        found += DUTCH_ONLY.findall(text)
    return found


def needs_pdftotext() -> None:
    """Debian's poppler-utils (.ci/run installs it): outside CI its absence skips."""
    if shutil.which("pdftotext") is None:
        skip_or_fail("needs pdftotext from Debian's poppler-utils")


def pdftotext(content: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it, on one line."""
    assert content.startswith(b"%PDF"), content[:40]
    needs_pdftotext()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()
    return " ".join(text.split())
