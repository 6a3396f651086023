"""Reads about reports: what the scan page offers, what the follow page shows."""

import functools
import operator
import re
from datetime import timedelta
from functools import reduce
from uuid import UUID

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.fields.array import ArrayContains
from django.core.cache import cache
from django.db import connections, models
from django.db.models import Count, Exists, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from apps.access.visibility import visible_to
from apps.core.forgetting import forget_now_and_on_commit
from apps.core.readahead import cache_get
from apps.places.models import Place, PlaceKind, depth_of
from apps.places.selectors import place_label

from .lifecycle import OPEN_STATUSES, WAITING_FOR_DISPATCH
from .models import Board, Category, Photo, Report, still_open

CATEGORY_ORDER_TTL = 60 * 60


BOARD_CACHE_TTL = 300


def board_cache_key(token: str) -> str:
    return f"reports:board:{token}"


def board_by_token(token: str) -> Board | None:
    """The board a scan names, with its place; cached briefly, forgotten when the board is replaced."""
    board = cache.get(board_cache_key(token))
    if board is None:
        board = Board.objects.select_related("place").filter(token=token).first()
        if board is not None:
            board.place_label = place_label(board.place)  # cached with the board
            cache.set(board_cache_key(token), board, BOARD_CACHE_TTL)
    return board


def offered_categories():
    """The categories a resident may choose: minor ones in use, under a major one in use."""
    return Category.objects.filter(parent__isnull=False, is_active=True, parent__is_active=True)


def category_anchor(place: Place) -> str:
    """Categories are ordered per compound (per place above compound level)."""
    if place.depth >= depth_of(PlaceKind.COMPOUND):
        return place.ancestor_path(PlaceKind.COMPOUND)
    return place.path


def categories_for_place(place: Place) -> list[Category]:
    """Minor categories, the most reported at this compound over the last year first; the order is
    cached an hour per compound, so a scan costs no counting."""
    anchor = category_anchor(place)
    key = f"reports:category-order:{anchor}"
    order = cache.get(key)
    categories = list(
        offered_categories().select_related("parent").order_by("parent__position", "position", "code")
    )
    if order is None:
        since = timezone.now() - timedelta(days=365)
        counts = (
            Report.objects.filter(place__path__startswith=anchor, created_at__gte=since)
            .values("category_id")
            .annotate(n=Count("id"))
        )
        order = {row["category_id"]: row["n"] for row in counts}
        cache.set(key, order, CATEGORY_ORDER_TTL)
    return sorted(categories, key=lambda c: -order.get(c.pk, 0))


def community_of(place: Place) -> Place:
    return Place.objects.get(path=place.ancestor_path(PlaceKind.COMMUNITY))


def report_sent_with(submission_key: UUID | None) -> Report | None:
    """The report a form's submission key already made: a double tap or a retry is not a new report."""
    if submission_key is None:
        return None
    return Report.objects.filter(submission_key=submission_key).first()


def follow_token_for_tracking(tracking_number: str, phone_last4: str) -> str | None:
    """The follow link's token of the report with this tracking number, if the phone number the
    reporter gave (or their account's) ends in these four digits; None alike for a wrong pair and
    an unknown number."""
    found = (
        Report.objects.filter(tracking_number=tracking_number)
        .values("follow_token", "contact_phone", "reporter__phone")
        .first()
    )
    if found is None:
        return None
    phones = [str(found["contact_phone"] or ""), str(found["reporter__phone"] or "")]
    if any(len(phone) >= 4 and phone[-4:] == phone_last4 for phone in phones):
        return found["follow_token"]
    return None


SIMILAR_WINDOW = timedelta(days=3)
PLACES_PER_SEARCH_WORD = 50
_BUILDING_PATH_LENGTH = Place.steplen * depth_of(PlaceKind.BUILDING)


def with_similar_counts(queryset, *, window: timedelta = SIMILAR_WINDOW):
    """Each report with `similar`: how many other open reports of the same category in the same building
    (or below the same place above building level) were submitted within `window` of it — candidates to
    handle in one batch. A correlated count, which PostgreSQL works out for the rows a page keeps, after
    ordering and limiting them (a busy community's window holds thousands of reports, which took longer
    to read than to count); a count of the queryset leaves it out."""
    return queryset.annotate(similar=_similar_open_reports(window))


@functools.cache  # the same expression for every page (resolving it into a query copies it)
def _similar_open_reports(window: timedelta) -> Coalesce:
    others = (
        Report.objects.open()
        .filter(
            category_id=OuterRef("category_id"),
            community_id=OuterRef("community_id"),  # so the count reads `reports_open_by_category`
            created_at__gte=OuterRef("created_at") - window,
            created_at__lte=OuterRef("created_at") + window,
            place__path__startswith=Substr(OuterRef("place__path"), 1, _BUILDING_PATH_LENGTH),
        )
        .exclude(pk=OuterRef("pk"))
        .order_by()
        .values("category_id")
        .annotate(count=Count("*"))
        .values("count")
    )
    return Coalesce(Subquery(others), 0)


def similar_counts(reports: list[Report], *, window: timedelta = SIMILAR_WINDOW) -> dict[int, int]:
    """`with_similar_counts` for these reports, in one query."""
    if not reports:
        return {}
    listed = Report.objects.filter(pk__in=[report.pk for report in reports])
    counted = with_similar_counts(listed, window=window)
    return dict(counted.values_list("pk", "similar"))


def reports_matching(queryset, term: str, *, pairs: bool = False):
    """The staff queue's search: each word must match the tracking number, a place on the way to
    the report's place ("中上园5号院 3号楼": each name looked for below the one before), the last 4
    digits of the reporter's phone, or the text.

    Each alternative reads the report's own columns, so PostgreSQL answers the word from indexes
    (the tracking number's, the places', the text's and phone's trigrams) instead of a scan. With
    `pairs`, a two-character word is found through the index of the texts' pairs of characters, for
    a caller that lists the ids found before ordering them (`ListedPaginator`): a plan that walks
    another index in its order would compute the pairs of each text it meets."""
    within: list[str] = []
    by_pairs = pairs and connections[queryset.db].vendor == "postgresql"  # SQLite reads every text
    for word in term.split():
        match = Q(tracking_number=word.upper()) | _text_contains(word, by_pairs)  # numbers are in capitals
        if re.fullmatch(r"\d{4}", word):
            match |= Q(contact_phone__endswith=word)
        places = Place.objects.filter(name=word)
        if within:
            places = places.filter(_below_any(within))
        paths = list(places.values_list("path", flat=True)[:PLACES_PER_SEARCH_WORD])
        if paths:
            within = paths
            match |= Q(place__in=list(Place.objects.filter(_below_any(paths)).values_list("pk", flat=True)))
        queryset = queryset.filter(match)
    return queryset


def _below_any(paths: list[str]) -> Q:
    return reduce(operator.or_, (Q(path__startswith=path) for path in paths))


PAIR = 2  # characters: trigrams need three


def searches_pairs(term: str) -> bool:
    """Whether a search looks for a two-character word (电梯), which PostgreSQL finds through the index
    of the texts' pairs of characters."""
    return any(len(word) == PAIR for word in term.split())


class TextPairs(Func):
    """The text's pairs of characters, lowercased: what the index `reports_text_pairs` holds."""

    function = "reports_text_pairs"
    output_field = ArrayField(models.TextField())


def _text_contains(word: str, by_pairs: bool) -> Q:
    if by_pairs and len(word) == PAIR:
        return Q(ArrayContains(TextPairs("description"), [word.lower()]))
    return _text_holds(word)


def _text_holds(word: str) -> Q:
    """The text holds the word, in any case. Not icontains: PostgreSQL's trigram index serves LIKE
    and case-insensitive regular expressions, not upper(); a word without case (Chinese, digits)
    needs neither."""
    if word.upper() == word.lower():
        return Q(description__contains=word)
    return Q(description__iregex=re.escape(word))


def are_similar(report: Report, other: Report, *, window: timedelta = SIMILAR_WINDOW) -> bool:
    """The twin of `similar_to` for two reports in hand: same category, same building, within the window."""
    return (
        report.category_id == other.category_id
        and report.place.path[:_BUILDING_PATH_LENGTH] == other.place.path[:_BUILDING_PATH_LENGTH]
        and abs(report.created_at - other.created_at) <= window
    )


def similar_to(report: Report, *, window: timedelta = SIMILAR_WINDOW):
    building = report.place.path[:_BUILDING_PATH_LENGTH]
    return (
        Report.objects.filter(
            status__in=OPEN_STATUSES,
            category=report.category_id,
            place__path__startswith=building,
            created_at__range=(report.created_at - window, report.created_at + window),
        )
        .exclude(pk=report.pk)
        .order_by("created_at")
    )


def reportable_places(user):
    """Where a signed-in person may report from the web, and through which channels:
    residents at their own unit, claimed or verified (web), building heads and grid workers for
    others (on behalf), staff on patrol — each the twin of a permission of the table."""
    staff_kinds = [PlaceKind.COMPOUND, PlaceKind.BUILDING, PlaceKind.UNIT]
    channels = {}
    for source, perm, kinds in (
        (Report.Source.WEB, "reports.add_report", [PlaceKind.UNIT]),  # at their own unit
        (Report.Source.ON_BEHALF, "reports.report_on_behalf", staff_kinds),
        (Report.Source.PATROL, "reports.patrol", staff_kinds),
    ):
        allowed = visible_to(user, Place.objects.filter(kind__in=kinds), perm=perm)
        if allowed.exists():
            channels[source] = allowed
    return channels


MINE_SHOWN = 10
MINE_TTL = 300  # a safety net: every step recorded on a report forgets its reporter's list


def reports_of_reporter(*, user) -> list[Report]:
    """The person's latest reports, as "my home" lists them: kept in the cache until a step of one
    of them is recorded."""
    reports = cache_get(mine_key(user.pk))
    if reports is None:
        shown = ("tracking_number", "follow_token", "status", "category__name_zh_hans", "category__name_en")
        reports = list(
            Report.objects.filter(reporter=user)
            .select_related("category")
            .only(*shown, "category__name")
            .order_by("-created_at")[:MINE_SHOWN]
        )
        cache.set(mine_key(user.pk), reports, MINE_TTL)
    return reports


def reports_of_reporter_forget(user_id: int) -> None:
    forget_now_and_on_commit(mine_key(user_id))


def mine_key(user_id: int) -> str:
    return f"reports:mine:{user_id}"


# -- the staff's work queue (the admin's report list) --

QUEUE_VIEWS = ("open", "closed", "all")


def work_queue(queryset):
    """The queue's rows: late or not, with photos or not (the list adds how many similar open reports
    each has, `with_similar_counts`)."""
    has_photos = Exists(Photo.objects.filter(report=OuterRef("pk")))
    return queryset.with_lateness().annotate(has_photos=has_photos)


def work_queue_order() -> list:
    """Open reports first, urgent ones pinned, then the overdue, then by deadline — the earliest
    deadlines are the overdue ones, so the deadline orders both (as the index does)."""
    return [still_open().desc(), "-urgent", "resolve_due"]


def work_queue_view(queryset, view: str):
    """The day's work ("open"), the finished reports ("closed"), or all of them."""
    return {"open": queryset.open, "closed": queryset.finished}.get(view, queryset.all)()


def work_queue_by_deadline(queryset, overdue: str | None):
    return {"yes": queryset.late, "no": queryset.within_deadline}.get(overdue or "", queryset.all)()


def work_queue_of_major(queryset, major_id):
    return queryset.filter(category__parent_id=major_id) if major_id else queryset


def major_categories():
    return Category.objects.filter(parent__isnull=True).order_by("position")


def may_recategorize(user, report: Report) -> bool:
    """Whether the person may correct the category now: only while the report waits for dispatch."""
    return report.status in WAITING_FOR_DISPATCH and user.has_perm("reports.recategorize_report", report)
