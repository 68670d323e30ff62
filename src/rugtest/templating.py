"""A template loader that does once what every page would otherwise redo on each request.

Profiling the pages under load (benchmarks/README.md) showed most of their time in two tags:
``{% translate "…" %}`` with a fixed text and ``{% url 'name' %}`` / ``{% static 'file' %}``
with fixed arguments. Their output depends only on the active language (the URLs of the
English pages start with /en/), so this loader keeps one compiled copy of each template per
language and replaces those tags with their text when it loads the template.

Everything else renders as before: a tag with a variable, a filter or ``as name`` is left
alone, and so is anything inside ``{% language %}``, which changes the language mid-page.
"""

from __future__ import annotations

from django.template import Context
from django.template.base import Node, NodeList, TextNode, Variable
from django.template.defaulttags import AutoEscapeControlNode, IfNode, URLNode
from django.template.loaders import cached
from django.templatetags.i18n import LanguageNode, TranslateNode
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix
from django.utils.translation import get_language


class Loader(cached.Loader):
    """Django's cached loader, one cache entry per language, with fixed tags folded."""

    def cache_key(self, template_name, skip=None):
        return f"{super().cache_key(template_name, skip)}@{get_language()}@{get_script_prefix()}"

    def get_template(self, template_name, skip=None):
        template = super().get_template(template_name, skip)
        if not getattr(template, "folded", False):
            fold(template.nodelist, autoescape=True)
            template.folded = True
        return template


def _fixed(expression) -> bool:
    """A filter expression without filters whose value is written in the template."""
    if expression is None or expression.filters:
        return False
    if not expression.is_var:
        return True
    return isinstance(expression.var, Variable) and expression.var.literal is not None


def _foldable(node: Node) -> bool:
    if isinstance(node, TranslateNode):
        return not node.asvar and node.message_context is None and _fixed(node.filter_expression)
    if isinstance(node, URLNode):
        return (not node.asvar and _fixed(node.view_name)
                and all(_fixed(a) for a in node.args) and all(_fixed(v) for v in node.kwargs.values()))
    if isinstance(node, StaticNode):
        return node.varname is None and _fixed(node.path)
    return False


def fold(nodelist: NodeList, autoescape: bool) -> None:
    """Replace every foldable tag in ``nodelist`` (and below) by its text, in place, and
    join neighbouring texts into one."""
    folded = []
    for node in nodelist:
        if _foldable(node):
            text = node.render(Context(autoescape=autoescape))
            node = _text(text, node)
        elif isinstance(node, LanguageNode):
            pass  # another language inside: its tags must render at request time
        elif isinstance(node, IfNode):
            for _condition, branch in node.conditions_nodelists:
                fold(branch, autoescape)
        else:
            inner = node.setting if isinstance(node, AutoEscapeControlNode) else autoescape
            for attr in node.child_nodelists:
                child = getattr(node, attr, None)
                if isinstance(child, NodeList):
                    fold(child, inner)
        if folded and isinstance(node, TextNode) and isinstance(folded[-1], TextNode):
            folded[-1] = _text(folded[-1].s + node.s, folded[-1])
        else:
            folded.append(node)
    nodelist[:] = folded


def _text(text: str, like: Node) -> TextNode:
    node = TextNode(text)
    node.origin, node.token = getattr(like, "origin", None), getattr(like, "token", None)
    return node
