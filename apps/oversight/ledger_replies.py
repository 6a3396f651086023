"""
双向督办: the unit a weekly ledger was sent to answers each of its lines (measures, photos, a date
by which they are done); the street closes the line once done. Whether a line's count fell is read
from the rollups of the weeks after (`line_follow_up`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.photos import ProcessedPhoto, check_photo_count
from apps.places.models import Place
from apps.reports.models import Category

from .models import DailyRollup, LedgerReply, LedgerReplyPhoto, LedgerSent

FOLLOWED_WEEKS = 4


def ledger_line_answer(
    *,
    ledger: LedgerSent,
    position: int,
    by,
    measures: str,
    due_on: date,
    photos: Sequence[ProcessedPhoto] = (),
) -> LedgerReply:
    """The unit's reply to line `position`; answered again while still open, it takes the new
    measures and date and keeps the photos of both."""
    if not by.has_perm("oversight.answer_ledgersent", ledger):
        raise PermissionDenied(_("Only the unit this ledger was sent to answers its lines."))
    if not 0 <= position < len(ledger.lines):
        raise ValidationError(_("This ledger has no such line."), code="no_such_line")
    if not measures.strip():
        raise ValidationError(_("Say what the unit is doing about this line."), code="measures_needed")
    if due_on < timezone.localdate():
        raise ValidationError(_("The date the measures are done by cannot be past."), code="due_past")
    check_photo_count(photos)
    kind, name, reports = ledger.lines[position]
    fields = {"measures": measures.strip(), "due_on": due_on, "replied_by": by, "replied_at": timezone.now()}
    try:
        with transaction.atomic():
            reply, created = LedgerReply.objects.select_for_update().get_or_create(
                ledger=ledger,
                position=position,
                defaults={"kind": kind, "name": name, "reports": reports, **fields},
            )
            if not created:
                if reply.status == LedgerReply.Status.CLOSED:
                    raise ValidationError(_("The street has closed this line."), code="closed")
                for key, value in fields.items():
                    setattr(reply, key, value)
                reply.save(update_fields=list(fields))
            for photo in photos:
                LedgerReplyPhoto.objects.create(reply=reply, image=photo.image, thumbnail=photo.thumbnail)
    except IntegrityError:  # two replies to the same line raced: the second one tries again
        return ledger_line_answer(
            ledger=ledger, position=position, by=by, measures=measures, due_on=due_on, photos=photos
        )
    return reply


def ledger_line_close(*, reply: LedgerReply, by, note: str = "") -> LedgerReply:
    if not by.has_perm("oversight.close_ledgerreply", reply):
        raise PermissionDenied(_("Only the street's officials close a ledger line."))
    with transaction.atomic():
        locked = LedgerReply.objects.select_for_update().get(pk=reply.pk)
        if locked.status == LedgerReply.Status.CLOSED:
            raise ValidationError(_("This line is already closed."), code="closed")
        locked.status, locked.closed_by, locked.closed_at = LedgerReply.Status.CLOSED, by, timezone.now()
        locked.closing_note = note.strip()
        locked.save(update_fields=["status", "closed_by", "closed_at", "closing_note"])
    return locked


@dataclass
class FollowedLine:
    position: int
    kind: str
    name: str
    reports: int
    reply: LedgerReply | None = None
    weeks: list[tuple[date, int]] = field(default_factory=list)  # the weeks after the ledger's

    @property
    def fell(self) -> bool | None:
        """Whether the line's count of the latest week followed is below the week sent; None before
        a week has passed."""
        return self.weeks[-1][1] < self.reports if self.weeks else None


def line_follow_up(ledger: LedgerSent, *, today: date | None = None) -> list[FollowedLine]:
    """Each line of the ledger with its reply and its count in each whole week since, up to
    FOLLOWED_WEEKS: one grouped query over the unit's rollups."""
    today = today or timezone.localdate()
    weeks = [
        ledger.week + timedelta(weeks=n)
        for n in range(1, FOLLOWED_WEEKS + 1)
        if ledger.week + timedelta(weeks=n, days=6) < today
    ]
    replies = {reply.position: reply for reply in ledger.replies.all()}
    lines = [
        FollowedLine(position, kind, name, reports, replies.get(position))
        for position, (kind, name, reports) in enumerate(ledger.lines)
    ]
    counts = _weekly_counts(ledger, weeks) if weeks else {}
    for line in lines:
        line.weeks = [(week, counts.get((line.kind, line.name, week), 0)) for week in weeks]
    return lines


def _weekly_counts(ledger: LedgerSent, weeks: list[date]) -> dict[tuple[str, str, date], int]:
    rows = DailyRollup.objects.filter(day__gte=weeks[0], day__lt=weeks[-1] + timedelta(days=7))
    if ledger.management_unit_id:
        rows = rows.filter(management_unit_id=ledger.management_unit_id)
    else:
        rows = rows.filter(community_id=ledger.community_id, management_unit__isnull=True)
    grouped = list(
        rows.annotate(week=TruncWeek("day"))
        .values_list("week", "category", "compound", "community")
        .annotate(n=Sum("submitted"))
        .order_by()
    )
    categories = dict(Category.objects.filter(pk__in={row[1] for row in grouped}).values_list("pk", "name"))
    places = dict(
        Place.objects.filter(pk__in={pk for row in grouped for pk in row[2:4] if pk}).values_list(
            "pk", "name"
        )
    )
    counts: dict[tuple[str, str, date], int] = {}
    for week, category, compound, community, n in grouped:
        week = week.date() if hasattr(week, "date") else week
        for key in (
            ("category", categories.get(category, "")),
            ("place", places.get(compound or community, "")),
        ):
            counts[(*key, week)] = counts.get((*key, week), 0) + n
    return counts
