"""Moving RugtestResult to the rugtest's own app (selftest), step 1 of 3: its table gets the
name the model will have there. The rows, their ids and the programmes' links to them stay
as they are: the database renames the table, and a foreign key follows the rename.

Step 2 is selftest.0001_initial (the model in its new app, in Django's state only), step 3
programme.0007_rugtestresult_in_selftest (the programme's link follows; the model leaves this
app's state)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programme", "0005_walk_newest_change")]

    operations = [
        migrations.AlterModelTable(name="rugtestresult", table="selftest_rugtestresult"),
    ]
