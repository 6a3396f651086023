"""Secret ballots lose the floor area where their vote's rule does not weigh by it, and each vote's
ballots are written again in a shuffled order under new ids, so that neither their ids, their place
in the table nor the transaction that wrote them follows the roll; on PostgreSQL the table is then
vacuumed. One transaction per vote; run again, it shuffles again."""

import random
import uuid

from django.db import migrations, transaction

shuffle = random.SystemRandom().shuffle


def reshuffle(apps, schema_editor):
    Vote = apps.get_model("halls", "Vote")
    SecretBallot = apps.get_model("halls", "SecretBallot")
    for vote_id, rule in list(Vote.objects.filter(secret=True).values_list("pk", "rule")):
        with transaction.atomic(using=schema_editor.connection.alias):
            ballots = list(SecretBallot.objects.filter(vote_id=vote_id).values("choices", "area", "paper"))
            shuffle(ballots)
            SecretBallot.objects.filter(vote_id=vote_id).delete()
            SecretBallot.objects.bulk_create(
                (
                    SecretBallot(
                        id=uuid.uuid4(),
                        vote_id=vote_id,
                        choices=ballot["choices"],
                        area=ballot["area"] if rule == "owners" else None,
                        paper=ballot["paper"],
                    )
                    for ballot in ballots
                ),
                batch_size=2000,
            )
    connection = schema_editor.connection
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM halls_secretballot")


class Migration(migrations.Migration):
    atomic = False  # each vote in its own transaction, and VACUUM runs outside any

    dependencies = [("halls", "0009_waiting_ballots")]

    operations = [migrations.RunPython(reshuffle, migrations.RunPython.noop)]
