"""Pages that are the same for everyone are rendered once per process (rugtest/pagecache.py);
what differs per person must still differ."""

import gzip
import re

import pytest
from django.test import Client

from factories import CASES, make_user
from helpers import walk

pytestmark = pytest.mark.django_db


def token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_page_the_same_for_everyone_is_rendered_once_and_served_the_same(client):
    first = client.get("/medicatie/")
    second = Client().get("/medicatie/")
    assert first.templates and not second.templates  # the second visitor got the stored page
    assert first.content == second.content


def test_every_visitor_gets_a_form_token_of_their_own_that_works():
    anna, ben = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first, second = anna.get("/rugtest/stap/1/"), ben.get("/rugtest/stap/1/")
    assert not second.templates
    assert token(first.content.decode()) != token(second.content.decode())
    for person, page in ((anna, first), (ben, second)):
        answers = {"age": "45", "duration_weeks": "2", "pain_score": "5", "previous_episodes": "no"}
        response = person.post("/rugtest/stap/1/", {**answers, "csrfmiddlewaretoken": token(page.content.decode())})
        assert response.status_code == 302 and response["Location"] == "/rugtest/stap/2/"


def test_the_stored_page_is_the_page_with_the_other_token_taken_out(client):
    rendered = client.get("/rugtest/stap/1/").content.decode()
    stored = Client().get("/rugtest/stap/1/").content.decode()
    assert rendered.replace(token(rendered), "T") == stored.replace(token(stored), "T")


def test_a_signed_in_person_never_gets_the_page_of_someone_who_is_not(client):
    assert "Inloggen" in Client().get("/").content.decode()
    client.force_login(make_user(password=None))
    html = client.get("/").content.decode()
    assert "Uitloggen" in html and ">Inloggen<" not in html


def test_a_waiting_notice_is_shown_once_and_never_stored(client):
    client.get("/rugtest/")  # stored
    response = client.get("/rugtest/uitslag/")  # no answers: a notice, back to the start
    assert response["Location"] == "/rugtest/"
    assert "Er zijn geen antwoorden bewaard" in client.get("/rugtest/").content.decode()
    assert "Er zijn geen antwoorden bewaard" not in client.get("/rugtest/").content.decode()
    assert "Er zijn geen antwoorden bewaard" not in Client().get("/rugtest/").content.decode()


def test_each_language_has_its_own_page(client):
    assert 'lang="nl"' in client.get("/medicatie/").content.decode()
    english = client.get("/en/medicatie/").content.decode()
    assert 'lang="en"' in english and "Painkillers" in english


def test_a_stored_page_comes_compressed_once_and_reads_the_same(client):
    plain = client.get("/informatie/").content
    compressed = Client().get("/informatie/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain


def test_a_page_with_a_form_token_comes_compressed_with_each_visitors_own_token(client):
    plain = client.get("/rugtest/stap/1/").content.decode()
    anna, ben = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first = anna.get("/rugtest/stap/1/", HTTP_ACCEPT_ENCODING="gzip")
    second = ben.get("/rugtest/stap/1/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    # gzip.decompress checks the length and the CRC of the whole page
    pages = [gzip.decompress(r.content).decode() for r in (first, second)]
    assert token(pages[0]) != token(pages[1])
    assert {page.replace(token(page), "T") for page in pages} == {plain.replace(token(plain), "T")}
    answers = {"age": "45", "duration_weeks": "2", "pain_score": "5", "previous_episodes": "no"}
    for person, page in zip((anna, ben), pages):  # each token works for its own visitor
        response = person.post("/rugtest/stap/1/", {**answers, "csrfmiddlewaretoken": token(page)})
        assert response.status_code == 302


def test_the_result_follows_the_answers_in_the_same_browser(client):
    urgent = walk(client, CASES["E-03"]["answers"]).content.decode()
    client.post("/rugtest/opnieuw/")
    selfcare = walk(client, CASES["E-09"]["answers"]).content.decode()
    again = client.get("/rugtest/uitslag/")
    assert not again.templates  # shown again: the stored page
    assert again.content.decode().replace(token(again.content.decode()), "T") == selfcare.replace(token(selfcare), "T")
    assert urgent.replace(token(urgent), "T") != selfcare.replace(token(selfcare), "T")


def test_a_step_shows_the_answers_given_on_it(client):
    client.get("/rugtest/stap/1/")  # the empty step 1 is stored
    client.post("/rugtest/stap/1/", {"age": "61", "duration_weeks": "3", "pain_score": "7", "previous_episodes": "no"})
    html = client.get("/rugtest/stap/1/").content.decode()
    assert 'value="61"' in html
    assert 'value="61"' not in Client().get("/rugtest/stap/1/").content.decode()


def _as_if_rendered_now(client, path):
    """The page as it is made without the store: the oracle for the stored one."""
    from rugtest import pagecache

    stored = client.get(path)
    pagecache.clear()
    fresh = client.get(path)
    assert fresh.templates  # really made again
    same = [r.content.decode() for r in (stored, fresh)]
    return [html.replace(token(html), "T") if "csrfmiddlewaretoken" in html else html for html in same]


@pytest.mark.parametrize("path", ["/rugoefening/", "/rugoefening/wandeling/"])
def test_the_programme_page_and_walk_log_change_with_every_change_to_what_they_show(client, path):
    from factories import make_programme
    from helpers import walk_form
    from rugtest.programme.models import WalkEntry

    person = make_user(password=None)
    programme = make_programme(person, days_ago=25)  # a check-in is due
    client.force_login(person)
    today = programme.start.isoformat()

    def change(do):
        before = client.get(path).content.decode()
        client.get(path)  # stored now
        do()
        for _ in range(2):  # notices of the change are shown once
            client.get(path)
        stored, fresh = _as_if_rendered_now(client, path)
        assert stored == fresh
        return before

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
        assert not WalkEntry.objects.filter(id=evening.id).exists()
        assert WalkEntry.objects.filter(programme=programme).count() == count

    change(delete_one_and_log_another)
    change(lambda: client.post(f"/rugoefening/hoe-gaat-het/{programme.id}/", {"progress": "same", "stress": "yes"}))
    change(lambda: client.post(f"/rugoefening/hoe-gaat-het/{programme.id}/", {"progress": "better"}))
    change(lambda: walk(client, CASES["E-03"]["answers"]))  # a new rugtest: urgent



def test_a_returning_visitor_keeps_a_working_token_and_cookie():
    person = Client(enforce_csrf_checks=True)
    first = person.get("/rugtest/stap/1/")  # the secret and its cookie are made here
    assert "csrftoken" in first.cookies
    stored = [person.get("/rugtest/stap/1/") for _ in range(2)]
    assert not stored[0].templates
    for response in stored:
        assert "csrftoken" not in response.cookies  # the browser keeps the one it has
        assert "Cookie" in response["Vary"]  # the page holds this visitor's own token
    page = stored[1].content.decode()
    answers = {"age": "45", "duration_weeks": "2", "pain_score": "5", "previous_episodes": "no"}
    response = person.post("/rugtest/stap/1/", {**answers, "csrfmiddlewaretoken": token(page)})
    assert response.status_code == 302
    stranger = Client(enforce_csrf_checks=True)
    stranger.get("/rugtest/")
    refused = stranger.post("/rugtest/stap/1/", {**answers, "csrfmiddlewaretoken": token(page)})
    assert refused.status_code == 403  # the token belongs to its own visitor's secret only
