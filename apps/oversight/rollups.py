"""
The daily and weekly rollups, kept exact as reports change state late.

A daily row counts the reports submitted on one local day at one (community, compound, category,
management unit, department, channel), by what they are now. Every change of a report writes a timeline event
(reports.services), so the refresh recomputes the days of the reports behind the events it has not
seen, plus the days of open reports whose resolution deadline passed since the last refresh (they
became overdue without an event). The weeks holding those days are then summed again from the
daily rows, per (community, major category, management unit, department, channel), in the same transaction:
the weekly rows are the daily ones added up, never counted apart. `rollups_rebuild` recomputes
everything.

Each change of the rollups replaces their version (`rollups_changed`), a token in the cache under
which the dashboard keeps what it read of them (apps/oversight/pages.py).
"""

import secrets
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr, TruncDate, TruncWeek
from django.utils import timezone

from apps.places.models import Place, PlaceKind, depth_of
from apps.reports.lifecycle import OPEN_STATUSES, Status
from apps.reports.models import Report, TimelineEvent
from apps.reports.rates import RATE_AGGREGATES

from .models import ROLLUP_COUNTS, DailyRollup, RollupState, WeeklyRollup

STATE = "daily"
SETTLE = timedelta(minutes=10)  # a transaction that wrote an event longer ago than this has committed
BATCH = 2_000
ID_CHUNK = 900
_COMPOUND_PATH_LENGTH = Place.steplen * depth_of(PlaceKind.COMPOUND)
COUNTED = ~Q(status__in=[Status.MERGED, Status.REJECTED])
VERSION_KEY = "oversight:rollups:version"
VERSION_SECONDS = 24 * 60 * 60  # one that lapses only makes the dashboard read afresh


def rollups_version() -> str | None:
    """The rollups' current version; None when the cache cannot keep one (then nothing is kept)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), VERSION_SECONDS)
        version = cache.get(VERSION_KEY)
    return version


def rollups_changed() -> None:
    """What was kept of the rollups is read afresh: now, and again once this transaction commits, so
    that a reader who read the rows before the commit kept them under a version already replaced."""
    _replace_version()
    transaction.on_commit(_replace_version)


def _replace_version() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), VERSION_SECONDS)


def _counted(name: str) -> Count:
    """The rate figure of reports/rates.py, among the reports the rates count."""
    condition = RATE_AGGREGATES[name].filter
    return Count("pk", filter=COUNTED & condition if condition else COUNTED)


def _aggregates(now: datetime) -> dict:
    is_open = Q(status__in=OPEN_STATUSES)
    return {
        "submitted": Count("pk"),
        **{name: _counted(name) for name in RATE_AGGREGATES},
        "open": Count("pk", filter=is_open),
        "overdue": Count("pk", filter=is_open & Q(resolve_due__lt=now)),
        "escalated": Count("pk", filter=is_open & Q(escalation_level__gt=0)),
    }


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def week_start(day: date) -> date:
    """The Monday starting the week of `day`."""
    return day - timedelta(days=day.weekday())


def rollup_rows(reports: QuerySet[Report], *, now: datetime) -> Iterator[DailyRollup]:
    """Unsaved rollup rows of the reports, grouped by local day and key."""
    grouped = (
        reports.order_by()
        .annotate(
            rollup_day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()),
            compound_path=Substr("place__path", 1, _COMPOUND_PATH_LENGTH),
        )
        .values(
            "rollup_day",
            "community_id",
            "compound_path",
            "category_id",
            "management_unit_id",
            "department_id",
            "source",
        )
        .annotate(**_aggregates(now))
    )
    compounds: dict[str, int] = {}
    for row in grouped.iterator(chunk_size=BATCH):
        path = row.pop("compound_path")
        if len(path) == _COMPOUND_PATH_LENGTH and path not in compounds:
            compounds.update(
                Place.objects.filter(
                    path__startswith=path[: -Place.steplen], depth=depth_of(PlaceKind.COMPOUND)
                )
                .values_list("path", "pk")
                .iterator()
            )
        yield DailyRollup(
            day=row.pop("rollup_day"),
            compound_id=compounds.get(path),
            **row,
        )


def weekly_rows(daily: QuerySet[DailyRollup]) -> Iterator[WeeklyRollup]:
    """Unsaved weekly rows: the daily rows summed per week and key, minor categories into major ones."""
    grouped = (
        daily.order_by()
        .annotate(week=TruncWeek("day"))
        .values(
            "week", "community_id", "category__parent_id", "management_unit_id", "department_id", "source"
        )
        .annotate(**{name: Sum(name) for name in ROLLUP_COUNTS})
    )
    for row in grouped.iterator(chunk_size=BATCH):
        week = row.pop("week")
        yield WeeklyRollup(
            week=week.date() if isinstance(week, datetime) else week,
            major_id=row.pop("category__parent_id"),
            **row,
        )


def _save(rows: Iterable[DailyRollup | WeeklyRollup]) -> int:
    batch, saved = [], 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            saved += len(type(row).objects.bulk_create(batch))
            batch = []
    return saved + (len(type(batch[0]).objects.bulk_create(batch)) if batch else 0)


def _recompute_weeks(days: Iterable[date]) -> None:
    """Sum the weeks holding these days again from their daily rows."""
    mondays = sorted({week_start(day) for day in days})
    for first, last in _runs(mondays, step=timedelta(days=7)):
        WeeklyRollup.objects.filter(week__gte=first, week__lte=last).delete()
        _save(weekly_rows(DailyRollup.objects.filter(day__gte=first, day__lt=last + timedelta(days=7))))


def _runs(days: list[date], *, step: timedelta = timedelta(days=1)) -> Iterator[tuple[date, date]]:
    """Consecutive days (or Mondays, a week apart) as (first, last) pairs."""
    start = previous = None
    for day in days:
        if start is None:
            start = previous = day
        elif day == previous + step:
            previous = day
        else:
            yield start, previous
            start = previous = day
    if start is not None:
        yield start, previous


def rollups_recompute(*, days: Iterable[date], now: datetime | None = None) -> int:
    """Replace the daily rows of these days, and the weekly rows of their weeks, with a fresh count;
    returns the daily rows written."""
    now = now or timezone.now()
    days = sorted(set(days))
    written = 0
    with transaction.atomic():
        for first, last in _runs(days):
            DailyRollup.objects.filter(day__gte=first, day__lte=last).delete()
            reports = Report.objects.filter(
                created_at__gte=day_start(first), created_at__lt=day_start(last + timedelta(days=1))
            )
            written += _save(rollup_rows(reports, now=now))
        _recompute_weeks(days)
        rollups_changed()
    return written


def rollups_rebuild(*, now: datetime | None = None) -> int:
    """Count every report again from scratch."""
    now = now or timezone.now()
    with transaction.atomic():
        state = _locked_state()
        DailyRollup.objects.all().delete()
        WeeklyRollup.objects.all().delete()
        written = _save(rollup_rows(Report.objects.all(), now=now))
        _save(weekly_rows(DailyRollup.objects.all()))
        settled = TimelineEvent.objects.filter(created_at__lt=now - SETTLE).order_by("-pk").first()
        state.last_event_id = settled.pk if settled else 0
        state.refreshed_at = now
        state.save(update_fields=["last_event_id", "refreshed_at"])
        rollups_changed()
    return written


def rollups_refresh(*, now: datetime | None = None) -> set[date]:
    """Recompute the days touched since the last refresh; returns them. The first refresh rebuilds."""
    now = now or timezone.now()
    with transaction.atomic():
        state = _locked_state()
        if state.refreshed_at is None:
            rollups_rebuild(now=now)
            return set()
        events = list(
            TimelineEvent.objects.filter(pk__gt=state.last_event_id)
            .order_by("pk")
            .values_list("pk", "report_id", "created_at")
        )
        report_ids = {report_id for _, report_id, _ in events}
        days = _days_of(report_ids) | _days_newly_overdue(since=state.refreshed_at, now=now)
        rollups_recompute(days=days, now=now)
        state.last_event_id = _settled(events, now=now, default=state.last_event_id)
        state.refreshed_at = now
        state.save(update_fields=["last_event_id", "refreshed_at"])
    return days


def _locked_state() -> RollupState:
    RollupState.objects.get_or_create(name=STATE)
    return RollupState.objects.select_for_update().get(name=STATE)


def _settled(events: list[tuple[int, int, datetime]], *, now: datetime, default: int) -> int:
    """The highest event id below which every event has surely committed: later ones are read again."""
    settled = default
    for pk, _, created_at in events:
        if created_at >= now - SETTLE:
            break
        settled = pk
    return settled


def _days_of(report_ids: set[int]) -> set[date]:
    ids = sorted(report_ids)
    days = set()
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        days |= {
            local_day(at) for at in Report.objects.filter(pk__in=chunk).values_list("created_at", flat=True)
        }
    return days


def _days_newly_overdue(*, since: datetime, now: datetime) -> set[date]:
    """Open reports whose resolution deadline fell in [since, now): overdue now, not at the last count."""
    passed = Report.objects.filter(status__in=OPEN_STATUSES, resolve_due__gte=since, resolve_due__lt=now)
    return {local_day(at) for at in passed.values_list("created_at", flat=True)}
