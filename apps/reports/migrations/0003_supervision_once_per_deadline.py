"""Once per report, deadline, level and deadline's time (after 0002 filled the times: PostgreSQL
refuses to alter a table with pending trigger events in the transaction that updated it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_supervision_due_at")]

    operations = [
        migrations.AlterField(
            model_name="supervision",
            name="due_at",
            field=models.DateTimeField(verbose_name="deadline's time"),
        ),
        migrations.AddConstraint(
            model_name="supervision",
            constraint=models.UniqueConstraint(
                fields=("report", "deadline", "level", "due_at"),
                name="reports_supervise_once_per_deadline",
            ),
        ),
    ]
