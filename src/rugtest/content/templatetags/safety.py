"""``{% load safety %}``: the safety sentences of rugtest.words.SAFETY with their tap-to-call links.

``{% safety "call_gp_now" %}``: the advice in a paragraph ("Bel nu meteen uw huisarts." and
what to do in the evening, night and weekend), then the practice's links when set.
``{% safety "call_112" "then" sign=question %}``: the sign's question first, then "Bel dan 112.".
``{% safety "call_112" "danger" calls=False %}``: one sentence, no links row.
``{% calls "call_gp_now" fallback=True %}``: only the row of tap-to-call links.
``{{ text|tel }}``: 112 and 113 in any text as tap-to-call links.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from rugtest import safety as safety_words

register = template.Library()


@register.simple_tag
def safety(action, form="now", sign="", calls=True, fallback=False, inline=False):
    lead = safety_words.telify(safety_words.sentence(action, form))
    after = safety_words.sentence(action, "after") if form in ("now", "then") else ""
    body = format_html("<strong>{}</strong>", lead)
    if sign:
        body = format_html("{} {}", sign, body)
    if after:
        body = format_html("{} {}", body, safety_words.telify(after))
    if inline:
        return format_html('<span data-action="{}">{}</span>', action, body)
    html = format_html('<p data-action="{}">{}</p>', action, body)
    if calls:
        html = mark_safe(html + safety_words.calls_html(action, fallback=fallback))
    return html


@register.simple_tag
def calls(action, fallback=False):
    return safety_words.calls_html(action, fallback=fallback)


@register.filter
def tel(text):
    return safety_words.telify(text)
