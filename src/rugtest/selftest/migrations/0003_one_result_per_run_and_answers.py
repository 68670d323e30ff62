"""One row per person, taking of the rugtest and answers (0002 merged the duplicates first).

A migration of its own: on PostgreSQL a table cannot be altered in the transaction that
deleted rows a deferred foreign key still has to check."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("selftest", "0002_answers_digest")]

    operations = [
        migrations.AddConstraint(
            model_name="rugtestresult",
            constraint=models.UniqueConstraint(
                condition=models.Q(("run", ""), _negated=True),
                fields=("user", "run", "answers_digest"),
                name="one_result_per_run_and_answers",
            ),
        ),
    ]
