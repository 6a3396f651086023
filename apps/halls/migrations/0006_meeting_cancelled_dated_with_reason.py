from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('halls', '0005_meeting_cancellation_backfill'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'cancelled'), _negated=True), models.Q(('cancelled_at__isnull', False), models.Q(('cancel_reason', ''), _negated=True)), _connector='OR'), name='halls_meeting_cancelled_dated_with_reason'),
        ),
    ]
