"""The street's dispatch desk (街道派单台): a report its handlers returned twice goes up to the street,
whose officials dispatch it from then on; and who dispatched a report before it came back."""

from .models import Report, TimelineEvent

RETURNS_TO_STREET_DESK = 2


def returns_until(report: Report, event: TimelineEvent | None = None) -> int:
    """How many times the report was returned (up to `event`, if given)."""
    returns = report.events.filter(action="return")
    return (returns.filter(pk__lte=event.pk) if event else returns).count()


def desk_after_return(report: Report) -> list[str]:
    """Inside the return step, before its event is written: the return that makes it twice sends the
    report up to the street's dispatch desk."""
    if report.at_street_desk or returns_until(report) + 1 < RETURNS_TO_STREET_DESK:
        return []
    report.at_street_desk = True
    return ["at_street_desk"]


def dispatcher_of(event: TimelineEvent):
    """The person who last dispatched the report before `event`; None if only the system did."""
    dispatched = (
        TimelineEvent.objects.filter(report_id=event.report_id, action="dispatch", pk__lt=event.pk)
        .exclude(actor=None)
        .select_related("actor")
        .order_by("-pk")
        .first()
    )
    return dispatched.actor if dispatched else None
