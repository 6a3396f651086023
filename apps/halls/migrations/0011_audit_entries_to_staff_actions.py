"""Move the halls' own audit entries into the one audit log (audit.StaffAction), anchored to the
hall's place, in batches; the next migration drops the old table."""

from django.db import migrations

BATCH = 2000
# Where a subject's model lives: halls first, the rest by name (a representative's subject is a place).
PREFERRED = ("halls", "places", "accounts")


def _content_types(apps):
    """A lookup of a subject's content type by its model's name."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    labels: dict[str, list[str]] = {}
    for model in apps.get_models():
        labels.setdefault(model._meta.model_name, []).append(model._meta.app_label)
    found: dict = {}

    def content_type(name: str):
        if name not in found:
            candidates = labels.get(name) or [None]
            label = next((app for app in PREFERRED if app in candidates), candidates[0])
            found[name] = label and ContentType.objects.get_or_create(app_label=label, model=name)[0]
        return found[name]

    return content_type


def move(apps, schema_editor):
    AuditEntry = apps.get_model("halls", "AuditEntry")
    StaffAction = apps.get_model("audit", "StaffAction")
    content_type = _content_types(apps)
    batch = []
    for entry in AuditEntry.objects.select_related("hall").order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            StaffAction(
                actor_id=entry.actor_id,
                action=f"halls.{entry.action}",
                place_id=entry.hall.place_id,
                content_type=content_type(entry.subject) or None,
                object_id=str(entry.subject_id),
                object_repr=f"{entry.subject} #{entry.subject_id}",
                detail=entry.note,
                created_at=entry.at,
            )
        )
        if len(batch) == BATCH:
            StaffAction.objects.bulk_create(batch)
            batch = []
    StaffAction.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("halls", "0010_secret_ballots_reshuffled"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
