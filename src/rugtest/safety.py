"""The safety sentences of rugtest.words.SAFETY as a page, a PDF or a mail shows them.

A page gets the sentence with 112 and 113 as tap-to-call links, and the practice's own
tap-to-call links (rugtest.practice) for an advice to call the GP or the huisartsenpost; a PDF
or a mail gets the same words with the numbers as text. Without the practice settings the
words stay general.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from rugtest import practice, words

# 112 and 113 (with 0800-0113, the free number of 113) are always tap-to-call.
_EMERGENCY_NUMBERS = re.compile(r"(?<![\d-])(0800-0113|112|113)(?![\d-])")
# The actions whose advice is to call the GP (now or today) or the huisartsenpost.
GP_ACTIONS = ("call_gp_now", "call_gp_today")
# "Maak een afspraak bij uw huisarts" (within a few days): the practice's number to make it,
# not the huisartsenpost (that is for what cannot wait).
APPOINTMENT_ACTIONS = ("see_gp",)


def telify(text) -> SafeString:
    """``text`` escaped, with every 112, 113 and 0800-0113 in it a tel: link."""
    escaped = str(conditional_escape(text))
    return mark_safe(_EMERGENCY_NUMBERS.sub(
        lambda m: f'<a href="tel:{m.group(1).replace("-", "")}">{m.group(1)}</a>', escaped,
    ))


def sentence(action: str, form: str = "now") -> str:
    """The words of ``action`` in ``form`` (``now``, ``then``, ``after``, …), or ""."""
    words_ = words.SAFETY[action][form]
    return str(words_) if words_ else ""


@dataclass(frozen=True)
class Call:
    kind: str  # practice, out_of_hours, call_112, fallback_112 (a data- attribute and a class)
    tel: str
    text: str
    number: str = ""  # the number as shown, kept on one line


def calls(action: str, *, fallback: bool = False) -> list[Call]:
    """The tap-to-call links that go with ``action``.

    call_112: 112. call_gp_now and call_gp_today: the practice and the huisartsenpost when
    they are set; with ``fallback`` (an emergency page) call_gp_now adds "nobody answers? 112".
    see_gp: the practice, to make the appointment, when it is set.
    """
    if action == "call_112":
        return [Call("call_112", "112", str(words.CALLS["call_112"]))]
    found = []
    if action in APPOINTMENT_ACTIONS:
        site = practice.current()
        if site.phone:
            found.append(_practice_call(site, "appointment"))
    if action in GP_ACTIONS:
        site = practice.current()
        if site.phone:
            found.append(_practice_call(site, "practice"))
        if site.out_of_hours:
            text = words.CALLS["out_of_hours"] % {"phone": site.out_of_hours.shown}
            found.append(Call("out_of_hours", site.out_of_hours.tel, text, site.out_of_hours.shown))
        if fallback and action == "call_gp_now":
            found.append(Call("fallback_112", "112", str(words.CALLS["fallback_112"])))
    return found


def _practice_call(site, key: str) -> Call:
    """The practice's tap-to-call link, in the words ``key`` of words.CALLS ("Bel %(name)s: …"),
    or ``key``_unnamed without a practice name."""
    text = words.CALLS[key if site.name else f"{key}_unnamed"] % {"name": site.name, "phone": site.phone.shown}
    return Call("practice", site.phone.tel, text, site.phone.shown)


def _number_on_one_line(call: Call) -> SafeString:
    text = str(conditional_escape(call.text))
    if call.number:
        number = str(conditional_escape(call.number))
        text = text.replace(number, f'<span class="nowrap">{number}</span>')
    return mark_safe(text)


def calls_html(action: str, *, fallback: bool = False) -> SafeString:
    links = [
        format_html('<a class="call {}" href="tel:{}" data-call="{}">{}</a>', c.kind, c.tel, c.kind, _number_on_one_line(c))
        for c in calls(action, fallback=fallback)
    ]
    if not links:
        return mark_safe("")
    return format_html('<p class="calls" data-action="{}">{}</p>', action, mark_safe("".join(links)))


def numbers_text(action: str) -> list[str]:
    """The practice's numbers for ``action`` as lines of text (PDF, mail); [] without settings."""
    if action not in GP_ACTIONS + APPOINTMENT_ACTIONS:
        return []
    site = practice.current()
    lines = []
    if site.phone:
        if site.name:
            lines.append(words.CALLS["practice_text"] % {"name": site.name, "phone": site.phone.shown})
        else:
            lines.append(words.CALLS["practice_unnamed_text"] % {"phone": site.phone.shown})
    if site.out_of_hours and action in GP_ACTIONS:
        lines.append(words.CALLS["out_of_hours_text"] % {"phone": site.out_of_hours.shown})
    return lines


def text(action: str, form: str = "now") -> str:
    """The whole advice as text, with the practice's numbers: for a PDF or a mail."""
    parts = [sentence(action, form), sentence(action, "after") if form in ("now", "then") else ""]
    parts += numbers_text(action)
    return " ".join(p for p in parts if p)
