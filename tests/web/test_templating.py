"""The template loader that writes fixed texts and links out once (rugtest/templating.py)
must give byte for byte the page Django's own cached loader gives, in both languages."""

import re

import pytest
from django.template import Context, Engine
from django.test import override_settings
from django.utils import translation

from factories import CASES, make_programme, make_user
from helpers import walk, walk_form
from rugtest.settings import TEMPLATES

PLAIN_TEMPLATES = [{
    **TEMPLATES[0],
    "OPTIONS": {**TEMPLATES[0]["OPTIONS"], "loaders": [("django.template.loaders.cached.Loader", [
        "django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader",
    ])]},
}]

ANONYMOUS = ["/", "/rugtest/", "/rugtest/stap/1/", "/medicatie/", "/informatie/", "/informatie/hoe-lang/",
             "/informatie/oorzaken/", "/over/", "/privacy/", "/rugoefening/", "/accounts/login/",
             "/accounts/signup/", "/bestaat-niet/"]
SIGNED_IN = ["/rugoefening/", "/rugoefening/wandeling/", "/rugoefening/voortgang/", "/accounts/logout/"]


def _same_page(html: str) -> str:
    """The page without what differs on every request: the form token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', html)


def _pages(client, paths):
    return {path: (r.status_code, _same_page(r.content.decode()))
            for path in paths for r in [client.get(path)]}


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_page_is_the_same_as_with_djangos_own_loader(client, prefix):
    anonymous = [prefix + p for p in ANONYMOUS]
    folded = _pages(client, anonymous)
    with override_settings(TEMPLATES=PLAIN_TEMPLATES):
        plain = _pages(client, anonymous)
    assert folded == plain

    # With answers in the session: the steps and the result.
    walk(client, CASES["E-03"]["answers"], prefix)
    with_answers = [prefix + p for p in ["/rugtest/", "/rugtest/stap/2/", "/rugtest/stap/5/", "/rugtest/uitslag/",
                                         "/rugtest/uitslag/?print=1"]]
    folded = _pages(client, with_answers)
    with override_settings(TEMPLATES=PLAIN_TEMPLATES):
        plain = _pages(client, with_answers)
    assert folded == plain

    user = make_user(password=None)
    make_programme(user, days_ago=10)
    client.logout()  # a new visit: no rugtest answers waiting to be claimed
    client.force_login(user)
    client.post(prefix + "/rugoefening/wandeling/", walk_form())
    signed_in = [prefix + p for p in SIGNED_IN]
    _pages(client, signed_in)  # the notices of the save are shown once, here
    folded = _pages(client, signed_in)
    with override_settings(TEMPLATES=PLAIN_TEMPLATES):
        plain = _pages(client, signed_in)
    assert folded == plain
    assert {path: status for path, (status, _) in folded.items()} == dict.fromkeys(signed_in, 200)


def _engine(source, loader="rugtest.templating.Loader"):
    return Engine(loaders=[(loader, [("django.template.loaders.locmem.Loader", {"page.html": source})])],
                  builtins=["django.templatetags.i18n", "django.templatetags.static"])


def test_fixed_texts_follow_the_language_and_variables_stay_variables():
    engine = _engine('{% translate "Volgende" %}|{% url "content:home" %}|{% translate word %}'
                     '|{% translate "Volgende" as label %}{{ label }}')
    for language, expected in (("nl", "Volgende|/|Rug|Volgende"), ("en", "Next|/en/|Back|Next")):
        with translation.override(language):
            template = engine.get_template("page.html")
            word = "Rug" if language == "nl" else "Back"
            assert template.render(Context({"word": word})) == expected


@pytest.mark.parametrize("source", [
    '{% autoescape off %}{% translate "a & b" %}{{ x }}{% endautoescape %}|{% translate "a & b" %}{{ x }}',
    '{% language "en" %}{% url "content:home" %}{% translate "Volgende" %}{% endlanguage %}{% url "content:home" %}',
    '{% if x %}{% translate "Ja" %}{% else %}{% translate "Nee" %}{% endif %}{% for i in "ab" %}{% url "content:home" %}{% endfor %}',
    '{% translate "100%% zeker" %}|{% translate "Volgende"|upper %}|{% url "content:condition" slug="hernia" %}',
])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_tricky_templates_render_as_djangos_own_loader_renders_them(source, language):
    with translation.override(language):
        context = {"x": "<b>"}
        folded = _engine(source).get_template("page.html").render(Context(context))
        plain = _engine(source, "django.template.loaders.cached.Loader").get_template("page.html").render(Context(context))
    assert folded == plain
