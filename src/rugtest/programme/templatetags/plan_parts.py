"""``{% kept_with_plan "name" value … %}…{% endkept_with_plan %}``: a part of a person's page
kept beside their plan (programme/plans.py), the way ``{% cache %}`` keeps a fragment.

The part is made from the template as usual the first time, then read back for as long as
the plan's version (``view.version`` in the context: the programme, its walks and the day)
and the values named in the tag are the same, in the page's language. It is kept in the
shared cache under the person's own key, ``plan:<user id>:<name>-<language>``, so it is
deleted with the plan on sign-out and with the account (``plans.forget``). A part that
holds a form token is never kept: the token belongs to that one request.
"""

from __future__ import annotations

from django import template

from rugtest.i18n import lang

from .. import plans

register = template.Library()

FORM_TOKEN_FIELD = 'name="csrfmiddlewaretoken"'


class KeptWithPlanNode(template.Node):
    def __init__(self, name: str, vary_on: list, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        view, user = context.get("view"), context.get("user")
        if view is None or not getattr(view, "version", None) or user is None or not user.is_authenticated:
            return self.nodelist.render(context)
        part = f"{self.name}-{lang()}"
        version = (view.version, *(value.resolve(context) for value in self.vary_on))
        kept = plans.kept_part(user.pk, version, part)
        if kept is not None:
            return kept
        made = self.nodelist.render(context)
        if FORM_TOKEN_FIELD not in made:
            plans.keep_part(user.pk, version, part, made)
        return made


@register.tag
def kept_with_plan(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("kept_with_plan takes a quoted name, then the values it depends on")
    name = bits[1][1:-1]
    if f"{name}-nl" not in plans.PARTS:
        raise template.TemplateSyntaxError(f"kept_with_plan: {name!r} is not one of plans.PARTS")
    nodelist = parser.parse(("endkept_with_plan",))
    parser.delete_first_token()
    return KeptWithPlanNode(name, [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
