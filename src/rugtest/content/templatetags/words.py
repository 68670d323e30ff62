"""``{% word "signs" "fever" "sentence" %}``: a template reads an id's words from rugtest.words."""

from django import template

from rugtest import words

register = template.Library()


@register.simple_tag
def word(kind: str, word_id: str, form: str | None = None):
    """The wording of ``word_id`` in the table ``kind`` of rugtest.words (KeyError if unknown)."""
    entry = getattr(words, kind.upper())[word_id]
    return entry[form] if form else entry
