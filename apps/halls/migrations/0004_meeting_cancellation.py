from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('halls', '0003_public_notice_and_implementation'),
    ]

    operations = [
        migrations.AddField(
            model_name='meeting',
            name='cancelled_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='cancelled at'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='cancel_reason',
            field=models.TextField(blank=True, editable=False, verbose_name='reason for cancelling'),
        ),
    ]
