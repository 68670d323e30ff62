"""Links to the information pages from any template: ``{% load info_links %}``.

``{% condition_url "radicular_syndrome" %}`` gives the address of a condition's page in the
active language; ``{% condition_url c.id as url %}`` keeps it in a variable.
"""

from django import template

from rugtest import words

register = template.Library()


@register.simple_tag
def condition_url(condition_id):
    return words.condition_url(condition_id)
