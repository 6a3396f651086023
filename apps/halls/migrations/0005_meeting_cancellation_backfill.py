"""Meetings cancelled before their reason was kept on the meeting take it, and the time, from the
hall's audit log (which the cancelling always wrote); run again, it changes nothing."""

from django.db import migrations

UNRECORDED = "—"


def backfill(apps, schema_editor):
    Meeting = apps.get_model("halls", "Meeting")
    AuditEntry = apps.get_model("halls", "AuditEntry")
    missing = Meeting.objects.filter(status="cancelled", cancel_reason="")
    for meeting in missing.only("pk", "created_at").iterator(chunk_size=500):
        entry = (
            AuditEntry.objects.filter(action="cancel_meeting", subject="meeting", subject_id=meeting.pk)
            .order_by("-at", "-pk")
            .first()
        )
        Meeting.objects.filter(pk=meeting.pk).update(
            cancel_reason=(entry.note if entry and entry.note else UNRECORDED),
            cancelled_at=entry.at if entry else meeting.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [("halls", "0004_meeting_cancellation")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
