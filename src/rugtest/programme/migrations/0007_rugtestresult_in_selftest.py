"""RugtestResult in the rugtest's own app, step 3 of 3 (see 0006_rugtestresult_table).

In Django's state, Programme.result points to selftest.RugtestResult and the model leaves this
app; in the database the foreign key already points to the renamed table, so nothing changes
there. The model's content type moves along, so that anything referring to it keeps its
target."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, source="programme", target="selftest"):
    content_types = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not content_types.objects.using(db).filter(app_label=target, model="rugtestresult").exists():
        content_types.objects.using(db).filter(app_label=source, model="rugtestresult").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="selftest", target="programme")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("programme", "0006_rugtestresult_table"),
        ("selftest", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="programme",
                    name="result",
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="programmes", to="selftest.rugtestresult"),
                ),
                migrations.DeleteModel(name="RugtestResult"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
