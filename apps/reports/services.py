"""
Writes about reports: submission from every channel, and the one service that moves a report
through its lifecycle, writing the timeline event in the same transaction.
"""

from collections.abc import Sequence
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.accounts.phones import normalize_mainland_mobile
from apps.core.photos import ProcessedPhoto
from apps.places.models import Place, PlaceKind, depth_of

from .desk import desk_after_return
from .lifecycle import LIFECYCLE, WAITING_FOR_DISPATCH, Status, TransitionError
from .models import Board, Category, RatedBy, Report
from .reviews import AWAITING_REVIEW, review_done
from .routing import Deadlines, Route, deadlines_for, default_route, fixed_deadlines, new_tracking_number
from .selectors import SIMILAR_WINDOW, are_similar, community_of, report_sent_with
from .timeline import step_record

RATINGS = ("rate", "visit")  # the resident's own rating, and the answers staff record on a return visit
MAX_DESCRIPTION = 4000  # Open311's limit; the resident's form asks for less


def report_submit(
    *,
    place: Place,
    category: Category,
    description: str,
    source: str,
    photos: Sequence[ProcessedPhoto] = (),
    reporter=None,
    contact_phone: str = "",
    on_behalf_of: str = "",
    entered_by=None,
    board: Board | None = None,
    submission_key: UUID | None = None,
    urgent: bool | None = None,
    external_reference: str = "",
    deadlines: Deadlines | None = None,
) -> Report:
    """Enter a report into the queue and route it to its handler. Submitting the same
    `submission_key` twice returns the first report. `deadlines` set from outside (a city order's)
    take the place of the category's."""
    if existing := report_sent_with(submission_key):
        return existing
    _check_submission(
        place=place, category=category, description=description, source=source, entered_by=entered_by
    )
    now = timezone.now()
    urgent = category.urgent if urgent is None else urgent
    deadlines = deadlines or deadlines_for(category=category, urgent=urgent, submitted_at=now)
    report = Report(
        place=place,
        community=community_of(place),
        category=category,
        description=description.strip(),
        urgent=urgent,
        source=source,
        board=board,
        reporter=reporter,
        contact_phone=normalize_mainland_mobile(contact_phone) if contact_phone.strip() else "",
        on_behalf_of=on_behalf_of.strip(),
        entered_by=entered_by,
        submission_key=submission_key,
        external_reference=external_reference,
        created_at=now,
        dispatch_due=deadlines.dispatch_due,
        response_due=deadlines.response_due,
        resolve_due=deadlines.resolve_due,
    )
    try:
        with transaction.atomic():
            _save_with_tracking_number(report)
            step_record(report=report, action="submitted", actor=entered_by or reporter, photos=photos)
            _step(report, "dispatch", lock=None, actor=None, system=True, route=None)
    except IntegrityError:
        if existing := report_sent_with(submission_key):
            return existing  # a double tap raced the first submission
        raise
    return report


def _check_submission(*, place, category, description, source, entered_by) -> None:
    errors = {}
    if place.depth < depth_of(PlaceKind.COMMUNITY):
        errors["place"] = _("Report from a community or a place inside one.")
    if category.parent_id is None or not category.is_active:
        errors["category"] = _("Choose one of the listed problems.")
    if not description.strip():
        errors["description"] = _("Describe the problem in a few words.")
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = _("Keep the description under %(count)d characters.") % {
            "count": MAX_DESCRIPTION
        }
    if source == Report.Source.ON_BEHALF and not (
        entered_by and entered_by.has_perm("reports.report_on_behalf", _probe(place))
    ):
        errors["source"] = _(
            "Only building heads, grid workers and community staff report on someone's behalf."
        )
    if source == Report.Source.PATROL and not (
        entered_by and entered_by.has_perm("reports.patrol", _probe(place))
    ):
        errors["source"] = _("Only staff on patrol in this place can enter patrol reports.")
    if errors:
        raise ValidationError(errors)


def _probe(place: Place) -> Report:
    """An unsaved report at the place, to ask place-scoped permissions before it exists."""
    return Report(place=place)


def _save_with_tracking_number(report: Report, attempts: int = 5) -> None:
    for attempt in range(attempts):
        report.tracking_number = new_tracking_number(report.created_at)
        try:
            with transaction.atomic():
                report.save()
            return
        except IntegrityError:
            if (
                attempt == attempts - 1
                or Report.objects.filter(submission_key=report.submission_key).exists()
            ):
                raise


def report_transition(
    *,
    report: Report,
    action: str,
    actor=None,
    note: str = "",
    photos: Sequence[ProcessedPhoto] = (),
    system: bool = False,
    route: Route | None = None,
    merged_into: Report | None = None,
    satisfaction: str = "",
    solved: bool | None = None,
    channel: str = "",
) -> Report:
    """Apply one transition of lifecycle.LIFECYCLE: check it is allowed from the current state
    and by this person, change the report and write its timeline event, all in one transaction.
    `system=True` is for scheduled tasks; the resident's follow link passes `actor=None` for rating;
    `channel` is how a return visit reached the resident (visits.report_visit)."""
    details = {"route": route, "merged_into": merged_into, "satisfaction": satisfaction, "solved": solved}
    details["channel"] = channel
    with transaction.atomic():
        return _step(
            report, action, lock=["category"], actor=actor, system=system, note=note, photos=photos, **details
        )


def _step(report: Report, action: str, *, lock, actor, system: bool, note: str = "", photos=(), **details):
    def change(report: Report, transition, now) -> list[str]:
        return _effects(report, transition, now, **details)

    def record(report: Report, transition, source) -> None:
        step_record(report=report, action=action, actor=actor, system=system, note=note, photos=photos)

    return LIFECYCLE.apply(
        report, action, actor=actor, system=system, note=note, lock=lock, change=change, record=record
    )


def _effects(
    report: Report, transition, now, *, route=None, merged_into=None, satisfaction="", solved=None, channel=""
) -> list[str]:
    """What a step changes beyond its state and stamps: the handler, the merge, the rating, deadlines."""
    changed = []
    if transition.name == "dispatch":
        route = route or default_route(place=report.place, category=report.category)
        report.handler_kind = route.handler_kind
        report.management_unit = route.management_unit
        report.department = route.department
        return ["handler_kind", "management_unit", "department"]
    if transition.name == "merge":
        if merged_into is None or merged_into.pk == report.pk or merged_into.status == Status.MERGED:
            raise ValidationError({"merged_into": _("Choose the open report this one duplicates.")})
        if not are_similar(report, merged_into):
            raise ValidationError({"merged_into": _(NOT_SIMILAR) % {"days": SIMILAR_WINDOW.days}})
        report.merged_into = merged_into
        changed.append("merged_into")
    if transition.name in RATINGS:
        if not review_done(report):
            raise TransitionError(_(AWAITING_REVIEW))
        report.status = _rate(report, satisfaction, solved)
        report.rated_by = channel or RatedBy.RESIDENT
        changed += ["satisfaction", "solved", "rated_by"]
    if transition.name == "return":
        changed += desk_after_return(report)
    if report.status in WAITING_FOR_DISPATCH:
        changed += _restart_deadlines(report, now)
    if report.status == Status.REOPENED:
        changed += _deadlines_for_handling_again(report, now)
    return changed


def report_recategorize(*, report: Report, category: Category, by) -> Report:
    """Staff correct the category of a report waiting for dispatch; the category as first submitted
    is kept in `submitted_category`, and the change is a timeline step."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("category").get(pk=report.pk)
        if report.status not in WAITING_FOR_DISPATCH:
            raise TransitionError(_("Only a report waiting for dispatch can change its category."))
        if not by.has_perm("reports.recategorize_report", report):
            raise PermissionDenied
        category_correct(report=report, category=category, by=by)
    return report


def category_correct(*, report: Report, category: Category, by) -> list[str]:
    """Change the category of a report read under its row lock, within the caller's transaction: the
    category as first submitted is kept for the category suggester, the deadlines are the new
    category's, and the change is a timeline step. Returns the fields changed."""
    if category.parent_id is None or not category.is_active:
        raise ValidationError({"category": _("Choose one of the listed problems.")})
    if category.pk == report.category_id:
        return []
    note = _("Category changed from “%(old)s” to “%(new)s”.") % {
        "old": report.category.name,
        "new": category.name,
    }
    if report.submitted_category_id is None:
        report.submitted_category_id = report.category_id
    report.category = category
    changed = ["category", "submitted_category", *deadlines_derive(report)]
    report.save(update_fields=changed)
    step_record(report=report, action="recategorize", actor=by, note=note)
    return changed


def deadlines_derive(report: Report) -> list[str]:
    """The deadlines of the report's category and urgency, counted from its submission — or, for the
    time to dispatch and resolve it, from its last return, which restarted them."""
    returned = report.events.filter(action="return").order_by("-pk").values_list("created_at", flat=True)
    start = returned.first() or report.created_at
    from_submission = deadlines_for(
        category=report.category, urgent=report.urgent, submitted_at=report.created_at
    )
    from_start = deadlines_for(category=report.category, urgent=report.urgent, submitted_at=start)
    report.response_due = from_submission.response_due
    report.dispatch_due, report.resolve_due = from_start.dispatch_due, from_start.resolve_due
    if fixed := fixed_deadlines(report):  # a city order's deadlines win over the category's
        report.response_due, report.resolve_due = fixed.response_due, fixed.resolve_due
    return ["dispatch_due", "response_due", "resolve_due"]


def _restart_deadlines(report: Report, now) -> list[str]:
    """Back with the dispatcher (returned): the dispatch and resolution deadlines run
    again from now, so an old deadline does not escalate the report the minute it comes back.
    A deadline to resolve set from outside (a city order's) stands."""
    deadlines = deadlines_for(category=report.category, urgent=report.urgent, submitted_at=now)
    fixed = fixed_deadlines(report)
    report.dispatch_due = deadlines.dispatch_due
    report.resolve_due = fixed.resolve_due if fixed else deadlines.resolve_due
    return ["dispatch_due", "resolve_due"]


def _deadlines_for_handling_again(report: Report, now) -> list[str]:
    """Reopened: back with the handler who resolved it, with the category's full time to resolve
    it again from now — or the deadline set from outside, which stands."""
    fixed = fixed_deadlines(report)
    deadlines = fixed or deadlines_for(category=report.category, urgent=report.urgent, submitted_at=now)
    report.resolve_due = deadlines.resolve_due
    return ["resolve_due"]


def _rate(report: Report, satisfaction: str, solved: bool | None) -> str:
    if satisfaction not in Report.Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose how satisfied you are.")})
    if solved is None:
        raise ValidationError({"solved": _("Say whether the problem was solved.")})
    report.satisfaction, report.solved = satisfaction, solved
    if satisfaction == Report.Satisfaction.UNSATISFIED or not solved:
        return Status.REOPENED
    return Status.RATED


NOT_SIMILAR = gettext_noop(
    "Only similar reports are handled together: the same category, in the same building, "
    "submitted within %(days)s days of one another."
)


def report_batch(
    *, reports: Sequence[Report], action: str, actor, note: str = "", photos=()
) -> tuple[int, int]:
    """Apply one action to similar reports handled together; "merge" keeps the earliest open one.
    Returns (changed, refused): each report is checked on its own and a refusal skips only it."""
    reports = sorted(reports, key=lambda r: r.created_at)
    if any(not are_similar(reports[0], report) for report in reports[1:]):
        raise ValidationError(_(NOT_SIMILAR) % {"days": SIMILAR_WINDOW.days})
    original = reports[0] if action == "merge" and reports else None
    done = refused = 0
    for report in reports:
        if report is original:
            continue
        try:
            report_transition(
                report=report, action=action, actor=actor, note=note, photos=photos, merged_into=original
            )
            done += 1
        except (PermissionDenied, ValidationError):
            refused += 1
    return done, refused
