"""Each result gets the digest of its answers, and results stored more than once are merged.

Before the constraint of 0003 can be added, the duplicates that many requests at once could
store (the same person, taking and answers) are merged: the oldest row stays, anything that
referred to a removed row (a programme) refers to the one kept. When another result of the
person came between the duplicates (an answer changed and changed back within one taking),
the kept row gets the time of its newest duplicate, so that the person's current result stays
the same. Results without a run (kept before takings were told apart) are left as they are.

The digest is written out here as the model computes it (rugtest.selftest.models), so that
this migration keeps doing what it did if the model changes later."""

import hashlib
import json
from itertools import groupby

from django.db import migrations, models


def _digest(answers) -> str:
    canonical = json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _links_to(apps, model):
    """(model, field name) of every foreign key to ``model`` in this state of the project."""
    return [
        (other, field.name)
        for other in apps.get_models()
        for field in other._meta.concrete_fields
        if field.is_relation and field.related_model is model
    ]


def fill_digests_and_merge_duplicates(apps, schema_editor):
    Result = apps.get_model("selftest", "RugtestResult")
    db = schema_editor.connection.alias
    links = _links_to(apps, Result)
    rows = Result.objects.using(db).order_by("user_id", "created_at", "id").only("id", "user_id", "run", "answers", "created_at")
    changed, removed = [], []
    for _user, results in groupby(rows.iterator(chunk_size=2000), key=lambda row: row.user_id):
        results = list(results)
        kept_by_key = {}
        for row in results:
            row.answers_digest = _digest(row.answers)
            kept = kept_by_key.setdefault((row.run, row.answers_digest), row) if row.run else row
            if kept is row:
                changed.append(row)
                continue
            if any(kept.created_at < other.created_at < row.created_at for other in results
                   if (other.run, _digest(other.answers)) != (row.run, row.answers_digest)):
                kept.created_at = row.created_at
            for model, name in links:
                model.objects.using(db).filter(**{name: row.pk}).update(**{name: kept.pk})
            removed.append(row.pk)
    Result.objects.using(db).bulk_update(changed, ["answers_digest", "created_at"], batch_size=1000)
    for start in range(0, len(removed), 1000):
        Result.objects.using(db).filter(pk__in=removed[start:start + 1000]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("selftest", "0001_initial"),
        ("programme", "0007_rugtestresult_in_selftest"),
    ]

    operations = [
        migrations.AddField(
            model_name="rugtestresult",
            name="answers_digest",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(fill_digests_and_merge_duplicates, migrations.RunPython.noop),
    ]
