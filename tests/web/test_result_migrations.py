"""The migrations that move RugtestResult to the rugtest's app (selftest) and make a result
stored once per person, taking and answers, run on a database that already holds results,
programmes pointing at them, and the duplicates sixteen requests at once used to store.

Each test takes the database back to the migration before, writes rows with the models of
that moment, migrates forward to the newest state and reads what is left. Runs on SQLite and,
in CI, on PostgreSQL (`make test-db`)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("programme", "0005_walk_newest_change"), ("selftest", None)]
BEFORE_THE_CONSTRAINT = [("selftest", "0001_initial")]
SELFCARE = {"level": "selfcare", "programme": "recommended", "spec_version": 2}
URGENT = {"level": "urgent", "programme": "not_now", "spec_version": 2}
T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def minutes(n):
    return T0 + dt.timedelta(minutes=n)


class Migrations:
    """Django's migration executor on the test database, brought back to the newest state
    after the test whatever happens in it."""

    def __init__(self):
        self.executor = MigrationExecutor(connection)
        self.newest = self.executor.loader.graph.leaf_nodes()

    def go_to(self, targets):
        self.executor.loader.build_graph()
        self.executor.migrate(targets)
        self.executor.loader.build_graph()
        nodes = [(app, name) for app, name in targets if name is not None]
        return self.executor.loader.project_state(nodes).apps

    def go_to_newest(self):
        return self.go_to(self.newest)


@pytest.fixture
def migrations():
    steps = Migrations()
    yield steps
    steps.go_to_newest()


def add_result(Result, user, answers, *, at, run="", outcome=SELFCARE):
    result = Result.objects.create(user=user, answers=answers, outcome=outcome, run=run)
    Result.objects.filter(pk=result.pk).update(created_at=at)
    return result.pk


def add_programme(Programme, user, result_id, *, start=dt.date(2026, 11, 21)):
    return Programme.objects.create(user_id=user.pk, result_id=result_id, start=start, baseline_minutes=10,
                                    baseline_method="direct").pk


def test_moving_results_to_the_rugtest_app_keeps_every_row_and_every_programme_link(migrations):
    old = migrations.go_to(BEFORE_THE_MOVE)
    User, Result, Programme = (old.get_model(*label) for label in
                               (("auth", "User"), ("programme", "RugtestResult"), ("programme", "Programme")))
    anna, bert = User.objects.create(username="anna"), User.objects.create(username="bert")
    first = add_result(Result, anna, {"age": 50, "causes": ["lifting", "sport"]}, at=minutes(0), run="a" * 32)
    second = add_result(Result, anna, {"age": 50, "causes": []}, at=minutes(5), run="b" * 32, outcome=URGENT)
    legacy = add_result(Result, bert, {"age": 70}, at=minutes(9))  # kept before takings had a run
    kept_programme = add_programme(Programme, anna, first)
    unlinked_programme = add_programme(Programme, bert, None)

    new = migrations.go_to_newest()
    Result, Programme = new.get_model("selftest", "RugtestResult"), new.get_model("programme", "Programme")
    assert Result._meta.db_table == "selftest_rugtestresult"
    rows = {row.pk: row for row in Result.objects.all()}
    assert set(rows) == {first, second, legacy}
    assert rows[first].answers == {"age": 50, "causes": ["lifting", "sport"]}
    assert rows[first].outcome == SELFCARE and rows[first].run == "a" * 32 and rows[first].created_at == minutes(0)
    assert rows[second].outcome == URGENT and rows[second].user_id == anna.pk
    assert rows[legacy].run == "" and rows[legacy].user_id == bert.pk
    assert Programme.objects.get(pk=kept_programme).result_id == first
    assert Programme.objects.get(pk=unlinked_programme).result_id is None
    # The ids go on after the moved rows (PostgreSQL's sequence moved with the table).
    assert Result.objects.create(user_id=bert.pk, answers={}, outcome=SELFCARE, run="c" * 32).pk > legacy

    from rugtest.selftest.models import RugtestResult, answers_digest

    assert RugtestResult.objects.get(pk=first).answers_digest == answers_digest({"causes": ["lifting", "sport"], "age": 50})


def test_moving_back_and_forth_keeps_the_rows(migrations):
    migrations.go_to(BEFORE_THE_CONSTRAINT)
    new = migrations.go_to_newest()
    User, Result = new.get_model("auth", "User"), new.get_model("selftest", "RugtestResult")
    anna = User.objects.create(username="anna")
    result = Result.objects.create(user_id=anna.pk, answers={"age": 50}, outcome=SELFCARE, run="a" * 32)

    old = migrations.go_to(BEFORE_THE_MOVE)
    assert old.get_model("programme", "RugtestResult").objects.get(pk=result.pk).answers == {"age": 50}
    new = migrations.go_to_newest()
    assert new.get_model("selftest", "RugtestResult").objects.get(pk=result.pk).answers == {"age": 50}


def test_duplicates_of_one_taking_are_merged_into_the_oldest_and_programmes_follow(migrations):
    old = migrations.go_to(BEFORE_THE_CONSTRAINT)
    User, Result, Programme = (old.get_model(*label) for label in
                               (("auth", "User"), ("selftest", "RugtestResult"), ("programme", "Programme")))
    anna, bert = User.objects.create(username="anna"), User.objects.create(username="bert")
    answers = {"age": 50, "fever": "no", "causes": ["lifting"]}
    run = "a" * 32
    # Sixteen loads at once stored anna's result three times, the same moment give or take.
    oldest = add_result(Result, anna, answers, at=minutes(0), run=run)
    copies = [add_result(Result, anna, dict(reversed(answers.items())), at=minutes(0) + dt.timedelta(milliseconds=ms), run=run)
              for ms in (3, 7)]
    # A programme began on one of the copies.
    programme = add_programme(Programme, anna, copies[1])
    # Not duplicates: another taking with the same answers, a changed answer within the
    # taking, bert's same answers, and two results kept before takings had a run.
    retaken = add_result(Result, anna, answers, at=minutes(60), run="b" * 32)
    changed = add_result(Result, anna, {**answers, "fever": "yes"}, at=minutes(61), run="b" * 32, outcome=URGENT)
    berts = add_result(Result, bert, answers, at=minutes(1), run=run)
    legacy = [add_result(Result, bert, {"age": 70}, at=minutes(n)) for n in (2, 3)]

    new = migrations.go_to_newest()
    Result, Programme = new.get_model("selftest", "RugtestResult"), new.get_model("programme", "Programme")
    assert set(Result.objects.values_list("pk", flat=True)) == {oldest, retaken, changed, berts, *legacy}
    assert Result.objects.get(pk=oldest).created_at == minutes(0)  # the oldest, as it was
    assert Programme.objects.get(pk=programme).result_id == oldest
    # anna's current result is still the changed answer of her second taking.
    assert Result.objects.filter(user_id=anna.pk).order_by("-created_at", "-id").first().pk == changed


def test_an_answer_changed_and_changed_back_within_a_taking_stays_the_current_result(migrations):
    old = migrations.go_to(BEFORE_THE_CONSTRAINT)
    User, Result = old.get_model("auth", "User"), old.get_model("selftest", "RugtestResult")
    anna = User.objects.create(username="anna")
    run = "a" * 32
    first = add_result(Result, anna, {"fever": "no"}, at=minutes(0), run=run)
    changed = add_result(Result, anna, {"fever": "yes"}, at=minutes(1), run=run, outcome=URGENT)
    add_result(Result, anna, {"fever": "no"}, at=minutes(2), run=run)  # changed back: the same as the first

    new = migrations.go_to_newest()
    Result = new.get_model("selftest", "RugtestResult")
    rows = list(Result.objects.filter(user_id=anna.pk).order_by("-created_at", "-id"))
    assert [row.pk for row in rows] == [first, changed]
    assert rows[0].created_at == minutes(2)  # when it became her current result again


def test_after_the_migrations_the_database_refuses_a_second_copy_of_a_taking():
    from django.db import IntegrityError, transaction

    from factories import make_user
    from rugtest.selftest.models import RugtestResult

    anna = make_user(password=None)
    RugtestResult.objects.create(user=anna, answers={"age": 50}, outcome=SELFCARE, run="a" * 32)
    with pytest.raises(IntegrityError), transaction.atomic():
        RugtestResult.objects.create(user=anna, answers={"age": 50}, outcome=SELFCARE, run="a" * 32)
    RugtestResult.objects.create(user=anna, answers={"age": 50}, outcome=SELFCARE, run="b" * 32)
    RugtestResult.objects.create(user=anna, answers={"age": 51}, outcome=SELFCARE, run="a" * 32)
    assert RugtestResult.objects.filter(user=anna).count() == 3


def test_results_live_in_the_rugtest_app_whose_name_says_rugtest():
    from django.apps import apps
    from django.utils import translation

    from rugtest.programme.models import Programme
    from rugtest.selftest.models import RugtestResult

    assert RugtestResult._meta.app_label == "selftest"
    assert RugtestResult._meta.db_table == "selftest_rugtestresult"
    with translation.override("nl"):
        assert str(apps.get_app_config("selftest").verbose_name) == "Rugtest"
    with translation.override("en"):
        assert str(apps.get_app_config("selftest").verbose_name) == "Back test"
    assert Programme._meta.get_field("result").related_model is RugtestResult
    assert not any(model.__name__ == "RugtestResult" for model in apps.get_app_config("programme").get_models())
