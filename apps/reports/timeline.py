"""
A step on a report's timeline: the event with who acted (as residents are told: the voice of the
role they act in, never a name), its note and photos. Every service that moves or notes a report
records its steps here, inside its own transaction.
"""

from collections.abc import Sequence

from apps.access.roles import PUBLIC_VOICES
from apps.access.scopes import scopes_of
from apps.audit.services import staff_action_record
from apps.core.photos import AcceptedPhoto, ProcessedPhoto
from apps.core.queue import queue_on_commit

from .models import ActorKind, Photo, Report, TimelineEvent
from .photo_uploads import photo_uploads_keep
from .selectors import reports_of_reporter_forget


def step_record(
    *,
    report: Report,
    action: str,
    actor=None,
    system: bool = False,
    note: str = "",
    photos: Sequence[ProcessedPhoto | AcceptedPhoto] = (),
    unit=None,
) -> TimelineEvent:
    """Write the timeline event and attach its photos (accepted ones once a task has re-encoded them);
    who must hear of it is worked out by a task once the step commits. `system`: a scheduled task
    acted; `actor=None` otherwise: the resident."""
    event = TimelineEvent.objects.create(
        report=report,
        action=action,
        status_after=report.status,
        actor=actor,
        actor_kind=actor_kind(actor, report, system=system),
        note=note.strip(),
        unit=unit,
    )
    if actor is not None and actor.pk != report.reporter_id:  # staff at work, not the resident
        staff_action_record(
            actor=actor, action=f"report.{action}", obj=report, place=report.place, detail=note
        )
    for photo in photos:
        if isinstance(photo, ProcessedPhoto):
            Photo.objects.create(report=report, event=event, image=photo.image, thumbnail=photo.thumbnail)
    photo_uploads_keep(event=event, photos=[photo for photo in photos if isinstance(photo, AcceptedPhoto)])
    if report.reporter_id:
        reports_of_reporter_forget(report.reporter_id)  # "my home" lists the report's status
    queue_on_commit("apps.reports.tasks.announce_event", event.pk)
    return event


def actor_kind(actor, report: Report, *, system: bool = False) -> str:
    """How the step is signed: the system, the resident, or the public voice of the actor's roles."""
    if system:
        return ActorKind.SYSTEM
    if actor is None or (report.reporter_id and actor.pk == report.reporter_id):
        return ActorKind.RESIDENT
    roles = scopes_of(actor).roles()
    return next((voice for role, voice in PUBLIC_VOICES.items() if role in roles), ActorKind.RESIDENT)
