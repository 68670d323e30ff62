"""``{% word "signs" "fever" "sentence" %}``: a template reads an id's words from rugtest.words;
``hyphenate`` marks the syllables of long Dutch words."""

import re
from functools import lru_cache

from django import template
from django.utils import translation

from rugtest import words

register = template.Library()


@register.simple_tag
def word(kind: str, word_id: str, form: str | None = None):
    """The wording of ``word_id`` in the table ``kind`` of rugtest.words (KeyError if unknown)."""
    entry = getattr(words, kind.upper())[word_id]
    return entry[form] if form else entry


# A long Dutch compound that has to break on a narrow phone breaks at a syllable with a
# hyphen ("Waarschuwings-tekens"), never bare: soft hyphens (U+00AD) at its syllables, which
# the browser shows only where it breaks the word. Browsers with a Dutch dictionary do the same
# by `hyphens: auto`; this makes it hold for every browser. Dutch only; words of 12 letters or
# more, where a heading's width runs out at 320 px.
_LONG_WORD = re.compile(r"[A-Za-zÀ-ÿ]{12,}")


@lru_cache(maxsize=1)
def _dutch():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


@lru_cache(maxsize=2048)
def _soft(word: str) -> str:
    return _dutch().inserted(word, hyphen="\u00ad")


@register.filter(is_safe=True)
def hyphenate(text):
    """``{% filter hyphenate %}{% translate "…" %}{% endfilter %}``: soft hyphens in long Dutch words."""
    if translation.get_language() != "nl":
        return text
    return _LONG_WORD.sub(lambda m: _soft(m.group(0)), str(text))
