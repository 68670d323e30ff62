"""What Django's cache framework keeps, and what it must never do: serve one visitor's form
token, session or personal page to another, serve a stale plan, or keep anything of a person
after sign-out or erasure (rugtest/pages.py, programme/plans.py, docs/performance.md)."""

from __future__ import annotations

import datetime as dt
import gzip
import re

import pytest
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.template import engines
from django.test import Client
from django.urls import path as route
from django.utils import timezone

from factories import CASES, make_programme, make_user
from helpers import walk, walk_form
from rugtest import urls as site
from rugtest.pages import shared_page
from rugtest.privacy import services as privacy_services
from rugtest.programme import plans
from rugtest.programme.models import WalkEntry
from rugtest.programme.selectors import current_programme

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STEP_1 = {"age": "45", "duration_weeks": "2", "pain_score": "5", "previous_episodes": "no"}
# Every page a visitor without a session or an account can open (the form pages included).
ANONYMOUS_PAGES = ["/", "/en/", "/rugtest/", "/en/rugtest/", "/rugtest/stap/1/", "/en/rugtest/stap/1/", "/medicatie/",
                   "/informatie/", "/informatie/hoe-lang/", "/informatie/oorzaken/", "/informatie/hernia/", "/over/",
                   "/privacy/", "/rugoefening/", "/en/rugoefening/", "/accounts/login/", "/accounts/signup/"]


def token(response) -> str | None:
    found = TOKEN.search(response.content.decode())
    return found.group(1) if found else None


def without_token(response) -> str:
    return TOKEN.sub("", response.content.decode())


# --- Views that exist only in these tests: each is shared_page the way a real one is. ---------

FORM = engines["django"].from_string('<form method="post">{% csrf_token %}<button>Go</button></form>')


@shared_page
def form_page(request):
    return HttpResponse(FORM.render({}, request))


MADE = []


@shared_page
def page_with_headers(request):
    MADE.append(request.path)
    response = HttpResponse("<p>Hallo</p>")
    response["Content-Disposition"] = 'inline; filename="hallo.html"'
    response["X-Robots-Tag"] = "noindex"
    return response


@shared_page
def page_with_cookie(request):
    response = HttpResponse("<p>Hallo</p>")
    response.set_cookie("seen", "yes")
    return response


urlpatterns = [
    route("form/", form_page),
    route("headers/", page_with_headers),
    route("cookie/", page_with_cookie),
    *site.urlpatterns,  # the site's own pages, for the links and the refusal page
]


# --- Whole pages for visitors without a session ------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/medicatie/", "/informatie/hernia/", "/over/", "/privacy/", "/rugoefening/",
                                  "/rugtest/", "/en/medicatie/"])
def test_a_page_the_same_for_everyone_is_made_once_and_then_comes_from_the_cache(path):
    first, second = Client().get(path), Client().get(path)
    assert first.status_code == second.status_code == 200
    assert first.templates and not second.templates  # the second visitor got the kept page
    assert first.content == second.content
    assert token(first) is None  # none of these pages has a form


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_no_visitor_ever_gets_the_form_token_of_another(path):
    visitors = [Client(enforce_csrf_checks=True) for _ in range(3)]
    pages = [visitor.get(path) for visitor in visitors]
    tokens = [token(page) for page in pages]
    assert all(page.status_code == 200 for page in pages)
    if tokens[0] is None:
        assert tokens == [None] * 3
        return
    assert len(set(tokens)) == 3
    assert len({visitor.cookies["csrftoken"].value for visitor in visitors}) == 3


def test_a_form_page_is_never_kept_even_when_its_view_is_shared(settings):
    """The guard itself: a shared view that shows a form token is made anew for every visitor,
    and each visitor's token is their own and works only for them."""
    settings.ROOT_URLCONF = __name__
    anna, ben = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first, second = anna.get("/form/"), ben.get("/form/")
    assert token(first) != token(second)
    assert "private" in first["Cache-Control"] and "private" in second["Cache-Control"]
    assert "csrftoken" in first.cookies and "csrftoken" in second.cookies
    assert anna.post("/form/", {"csrfmiddlewaretoken": token(first)}).status_code == 200
    assert ben.post("/form/", {"csrfmiddlewaretoken": token(first)}).status_code == 403  # not Ben's


def test_a_first_visit_to_a_form_page_gets_a_cookie_and_token_that_work():
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/rugtest/stap/1/")
    assert "csrftoken" in page.cookies
    assert visitor.post("/rugtest/stap/1/", {**STEP_1, "csrfmiddlewaretoken": token(page)}).status_code == 302
    stranger = Client(enforce_csrf_checks=True)
    stranger.get("/rugtest/stap/1/")
    assert stranger.post("/rugtest/stap/1/", {**STEP_1, "csrfmiddlewaretoken": token(page)}).status_code == 403


def test_the_headers_a_view_sets_survive_the_cache(settings):
    settings.ROOT_URLCONF = __name__
    MADE.clear()
    first, second = Client().get("/headers/"), Client().get("/headers/")
    assert MADE == ["/headers/"] and second.content == first.content  # the second from the cache
    for response in (first, second):
        assert response["Content-Disposition"] == 'inline; filename="hallo.html"'
        assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("path", ["/", "/medicatie/", "/rugtest/", "/rugoefening/"])
def test_a_kept_page_has_the_headers_of_a_page_made_anew(path):
    made, kept = Client().get(path), Client().get(path)
    assert made.templates and not kept.templates
    for header in ("Content-Type", "Content-Language", "Content-Security-Policy", "Permissions-Policy",
                   "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert kept[header] == made[header], header
    vary = {v.strip() for v in kept["Vary"].split(",")}
    assert {"Cookie", "Accept-Language"} <= vary and vary == {v.strip() for v in made["Vary"].split(",")}
    # Browsers ask again every time: only the server keeps the page.
    assert "max-age=0" in kept["Cache-Control"] and "max-age=0" in made["Cache-Control"]


def test_a_kept_page_comes_compressed_to_a_browser_that_asks_and_reads_the_same():
    plain = Client().get("/informatie/").content
    first, kept = (Client().get("/informatie/", HTTP_ACCEPT_ENCODING="gzip, deflate, br") for _ in range(2))
    assert first.templates and not kept.templates
    for response in (first, kept):
        assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain


def test_a_page_that_sets_a_cookie_is_not_kept(settings):
    settings.ROOT_URLCONF = __name__
    first, second = Client().get("/cookie/"), Client().get("/cookie/")
    assert "seen" in first.cookies and "seen" in second.cookies
    assert "private" in first["Cache-Control"]


def test_the_kept_page_follows_the_language_of_the_address():
    Client().get("/medicatie/"), Client().get("/en/medicatie/")
    dutch, english = Client().get("/medicatie/"), Client().get("/en/medicatie/")
    assert not dutch.templates and not english.templates
    assert 'lang="nl"' in dutch.content.decode() and 'lang="en"' in english.content.decode()


def test_the_address_decides_the_language_whatever_the_browser_asks():
    asking_for_english = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9", "HTTP_COOKIE": "django_language=en"}
    dutch = Client().get("/medicatie/", **asking_for_english)
    english = Client().get("/en/medicatie/")
    assert dutch["Content-Language"] == "nl" and 'lang="nl"' in dutch.content.decode()
    assert english["Content-Language"] == "en" and 'lang="en"' in english.content.decode()


def test_a_signed_in_person_never_gets_a_kept_page_nor_leaves_one(client, monkeypatch):
    Client().get("/")  # the page of visitors without an account is kept
    kept = caches["pages"]
    writes = []
    monkeypatch.setattr(kept, "set", lambda *args, **kwargs: writes.append(args))
    client.force_login(make_user(password=None))
    for path in ("/", "/medicatie/", "/over/", "/rugtest/", "/rugoefening/"):
        response = client.get(path)
        assert response.templates, path  # made for this person
        assert "Uitloggen" in response.content.decode() and ">Inloggen<" not in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    assert writes == []


def test_a_visitor_with_answers_gets_their_own_page_and_it_is_not_kept(client, monkeypatch):
    Client().get("/rugtest/")  # the start of someone who has not begun: kept
    client.post("/rugtest/stap/1/", STEP_1)
    writes = []
    monkeypatch.setattr(caches["pages"], "set", lambda *args, **kwargs: writes.append(args))
    mine = client.get("/rugtest/")
    assert mine.templates and "Ga verder met de test" in mine.content.decode()
    assert "Begin de rugtest" in Client().get("/rugtest/").content.decode()
    assert writes == []


def test_a_waiting_notice_is_shown_once_and_never_kept(client):
    client.get("/rugtest/")
    response = client.get("/rugtest/uitslag/")  # no answers: a notice, back to the start
    assert response["Location"] == "/rugtest/"
    assert "Er zijn geen antwoorden bewaard" in client.get("/rugtest/").content.decode()
    assert "Er zijn geen antwoorden bewaard" not in client.get("/rugtest/").content.decode()
    assert "Er zijn geen antwoorden bewaard" not in Client().get("/rugtest/").content.decode()


# --- Fragments of form pages --------------------------------------------------------------------


def test_a_step_shows_the_answers_given_on_it_and_not_those_of_another(client):
    Client().get("/rugtest/stap/1/")  # the empty questions are kept as a fragment
    client.post("/rugtest/stap/1/", {**STEP_1, "age": "61"})
    assert 'value="61"' in client.get("/rugtest/stap/1/").content.decode()
    assert 'value="61"' not in Client().get("/rugtest/stap/1/").content.decode()


def test_the_result_follows_each_persons_own_answers():
    anna, ben = Client(), Client()
    urgent = walk(anna, CASES["E-03"]["answers"])
    selfcare = walk(ben, CASES["E-09"]["answers"])
    assert without_token(urgent) != without_token(selfcare)
    assert without_token(anna.get("/rugtest/uitslag/")) == without_token(urgent)
    assert without_token(ben.get("/rugtest/uitslag/")) == without_token(selfcare)


def test_a_fragment_page_reads_the_same_as_the_page_made_without_fragments(client):
    """The oracle: every form page with its fragments kept is the page made from nothing."""
    walk(client, CASES["E-03"]["answers"])
    paths = ["/rugtest/stap/1/", "/rugtest/stap/2/", "/rugtest/uitslag/", "/en/rugtest/uitslag/", "/rugtest/uitslag/?print=1"]
    kept = {path: without_token(client.get(path)) for path in paths}
    for alias in ("pages", "template_fragments"):
        caches[alias].clear()
    assert {path: without_token(client.get(path)) for path in paths} == kept


# --- The plan of a signed-in person ------------------------------------------------------------


def as_if_made_now(client, path) -> str:
    """The page as it is made with nothing kept: the oracle for the page from the kept plan."""
    kept = without_token(client.get(path))
    cache.clear()
    for alias in ("pages", "template_fragments"):
        caches[alias].clear()
    fresh = without_token(client.get(path))
    assert kept == fresh, path
    return fresh


@pytest.mark.parametrize("path", ["/rugoefening/", "/rugoefening/wandeling/", "/rugoefening/voortgang/"])
def test_every_change_to_the_log_check_ins_or_rugtest_shows_at_once(client, path):
    person = make_user(password=None)
    programme = make_programme(person, days_ago=25)  # a check-in is due
    client.force_login(person)
    today = timezone.localdate().isoformat()

    def change(do, shows=None):
        client.get(path)
        client.get(path)  # the plan is kept now
        do()
        for _ in range(2):  # the notices of the change are shown once
            client.get(path)
        page = as_if_made_now(client, path)
        if shows:
            assert shows in page, shows

    change(lambda: client.post("/rugoefening/wandeling/", walk_form(minutes="12")))
    entry = WalkEntry.objects.get(programme=programme)
    change(lambda: client.post(f"/rugoefening/wandeling/{entry.id}/", walk_form(minutes="14")))
    change(lambda: client.post("/rugoefening/wandeling/", walk_form(date=today, part="evening", minutes="9")))
    change(lambda: client.post(f"/rugoefening/wandeling/{entry.id}/wissen/"))
    evening = WalkEntry.objects.get(programme=programme, part="evening")

    def delete_one_and_log_another():  # the same number of walks as before
        count = WalkEntry.objects.filter(programme=programme).count()
        client.post(f"/rugoefening/wandeling/{evening.id}/wissen/")
        client.post("/rugoefening/wandeling/", walk_form(date=today, part="afternoon", minutes="9"))
        assert WalkEntry.objects.filter(programme=programme).count() == count

    change(delete_one_and_log_another)
    change(lambda: client.post(f"/rugoefening/hoe-gaat-het/{programme.id}/", {"later": "1"}))
    change(lambda: client.post(f"/rugoefening/hoe-gaat-het/{programme.id}/", {"progress": "same", "stress": "yes"}))
    change(lambda: client.post(f"/rugoefening/hoe-gaat-het/{programme.id}/", {"progress": "better"}))
    change(lambda: walk(client, CASES["E-03"]["answers"]))  # a new rugtest: urgent
    change(lambda: client.post("/rugoefening/pijn/", {"pain_worsening": "yes"}))  # W-10: stops the programme


def test_the_plan_shows_each_change_to_the_log_in_its_words(client):
    person = make_user(password=None)
    programme = make_programme(person, days_ago=3)
    client.force_login(person)
    assert "nog niet gelopen" in client.get("/rugoefening/").content.decode()
    client.post("/rugoefening/wandeling/", walk_form(minutes="12"))
    assert "12 minuten gelopen" in client.get("/rugoefening/").content.decode()
    entry = WalkEntry.objects.get(programme=programme)
    client.post(f"/rugoefening/wandeling/{entry.id}/", walk_form(minutes="14"))
    page = client.get("/rugoefening/").content.decode()
    assert "14 minuten gelopen" in page and "12 minuten gelopen" not in page
    assert ">14 min.<" in client.get("/rugoefening/voortgang/").content.decode()
    client.post(f"/rugoefening/wandeling/{entry.id}/wissen/")
    assert "14 minuten gelopen" not in client.get("/rugoefening/").content.decode()
    assert ">14 min.<" not in client.get("/rugoefening/voortgang/").content.decode()


def test_the_version_changes_with_every_change_to_the_log_even_when_the_number_stays():
    from rugtest.programme.selectors import programme_version

    person = make_user(password=None)
    programme = make_programme(person, days_ago=3)
    today = timezone.localdate()
    seen = [programme_version(programme, today)]
    first = WalkEntry.objects.create(programme=programme, date=today, part="morning", minutes=8)
    seen.append(programme_version(programme, today))
    first.minutes = 9
    first.save()
    seen.append(programme_version(programme, today))
    first.delete()
    WalkEntry.objects.create(programme=programme, date=today, part="morning", minutes=9)  # same number, same values
    seen.append(programme_version(programme, today))
    seen.append(programme_version(programme, today + dt.timedelta(days=1)))  # a new day
    assert len(set(seen)) == len(seen)


def test_erasing_the_account_deletes_what_the_cache_keeps_of_the_person(client):
    person = make_user(password=None)
    make_programme(person, days_ago=10)
    client.force_login(person)
    client.post("/rugoefening/wandeling/", walk_form(minutes="12"))
    for page in ("/rugoefening/voortgang/", "/en/rugoefening/voortgang/", "/rugoefening/", "/en/rugoefening/"):
        client.get(page)
    keys = [plans.key(person.pk), *(plans.key(person.pk, part) for part in plans.PARTS)]
    assert all(cache.get(key) is not None for key in keys)
    pk = person.pk
    with pytest.MonkeyPatch.context() as patch:  # run the commit hooks of the erasure at once
        patch.setattr("django.db.transaction.on_commit", lambda hook, *args, **kwargs: hook())
        privacy_services.delete_account(user=person)
    assert [cache.get(key) for key in keys] == [None] * len(keys)
    assert cache.get(plans.key(pk)) is None


def test_signing_out_leaves_nothing_of_the_person_in_the_cache_or_in_the_process(client, monkeypatch):
    person = make_user("greta@example.org", password=None)
    programme = make_programme(person, days_ago=10)
    WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=47,
                             note="Gretas-eigen-notitie", pain_after=6)
    written = []
    for alias in ("pages", "template_fragments"):
        store = caches[alias]
        real = store.set

        def spy(key, value, *args, _real=real, **kwargs):
            written.append(str(value))
            return _real(key, value, *args, **kwargs)

        monkeypatch.setattr(store, "set", spy)
    client.force_login(person)
    for path in ("/", "/rugoefening/", "/rugoefening/wandeling/", "/rugoefening/voortgang/",
                 f"/rugoefening/wandeling/{programme.entries.get().id}/", "/mijn-gegevens/"):
        assert client.get(path).status_code == 200, path
    assert cache.get(plans.key(person.pk)) is not None
    assert cache.get(plans.key(person.pk, "home-nl")) is not None  # the plan panel was kept too
    client.post("/accounts/logout/")
    assert cache.get(plans.key(person.pk)) is None
    assert all(cache.get(plans.key(person.pk, part)) is None for part in plans.PARTS)
    # What the process keeps is the same for everyone: nothing of Greta's in it.
    assert written
    for value in written:
        assert "greta" not in value and "Gretas-eigen-notitie" not in value and "47 min" not in value


def test_a_plan_of_another_version_is_never_used():
    person = make_user(password=None)
    programme = make_programme(person, days_ago=5)
    today = timezone.localdate()
    plans.keep(person.pk, ("an", "old", "version"), "a stale plan")
    assert plans.kept(person.pk, ("an", "old", "version")) == "a stale plan"
    programme = current_programme(person)
    from rugtest.programme.selectors import plan_for

    view = plan_for(programme, today)
    assert view.plan["state"] == "active" and view.programme == programme


def test_an_entry_kept_in_an_older_shape_is_never_read():
    """After an upgrade, what the code before it kept (another shape) is made anew, not read."""
    person = make_user(password=None)
    version = ("a", "version")
    cache.set(plans.key(person.pk), (version, "the shape before"), 60)  # the entry of the code before
    assert plans.kept(person.pk, version) is None
    plans.keep(person.pk, version, "this shape")
    assert plans.kept(person.pk, version) == "this shape"


@pytest.mark.parametrize("walks", [3, 252])
def test_the_kept_plan_does_not_hold_the_log(walks):
    """Issue 18: a person's pages cost the same with a 12-week log as with a 1-day log. The plan
    kept for the programme page and the walk log is read back on every request, so it must not
    grow with the log: a person on day 84 with 252 walks keeps about what one with 3 keeps."""
    import pickle

    from rugtest.programme.selectors import plan_for

    def kept_size(count):
        person = make_user(f"walker{count}@example.org", password=None)
        programme = make_programme(person, days_ago=83)
        today = timezone.localdate()
        WalkEntry.objects.bulk_create([
            WalkEntry(programme=programme, date=today - dt.timedelta(days=k // 3),
                      part=("morning", "afternoon", "evening")[k % 3], minutes=10, pain_before=4, pain_after=3,
                      note="een notitie")
            for k in range(count)
        ])
        view = plan_for(current_programme(person), today)
        assert len(view.log) == count  # the page still has the whole log when it asks for it
        return len(pickle.dumps(cache.get(plans.key(person.pk))))

    assert kept_size(walks) <= 1.2 * kept_size(2)


def test_a_part_kept_with_the_plan_never_holds_a_form_token():
    """{% kept_with_plan %} keeps what it makes beside the person's plan, except when it holds
    a form token (one request's): then it is made anew every time, each with its own token."""
    from django.test import RequestFactory

    from rugtest.programme.selectors import plan_for

    person = make_user(password=None)
    programme = make_programme(person, days_ago=5)
    view = plan_for(programme, timezone.localdate())
    with_form = engines["django"].from_string(
        '{% load plan_parts %}{% kept_with_plan "home" %}<form method="post">{% csrf_token %}</form>{% endkept_with_plan %}')
    without_form = engines["django"].from_string(
        '{% load plan_parts %}{% kept_with_plan "home" %}<p>{{ view.target }} min</p>{% endkept_with_plan %}')

    def render(template):
        request = RequestFactory().get("/rugoefening/")
        request.user = person
        return template.render({"view": view, "user": person}, request)

    first, second = (TOKEN.search(render(with_form)) for _ in range(2))
    assert first and second and first.group(1) != second.group(1)  # made anew: a token of its own
    assert plans.kept_part(person.pk, (view.version,), "home-nl") is None
    made = render(without_form)
    assert plans.kept_part(person.pk, (view.version,), "home-nl") == made
