"""
每月一题 worked: the topic's lead unit, its checklist of measures with their progress, and its
before/after figures — the category's reports in the street the month before the topic, the topic's
month and the months after.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DailyRollup, MonthlyTopic, TopicMeasure
from .topics import monthly_counts

MONTHS_AFTER = 2


def topic_lead(*, topic: MonthlyTopic, by, lead_unit: str) -> MonthlyTopic:
    if not by.has_perm("oversight.change_monthlytopic", topic):
        raise PermissionDenied(_("Only the street's officials lead the monthly topic."))
    if not lead_unit.strip():
        raise ValidationError(_("Name the unit that leads the topic."), code="lead_needed")
    topic.lead_unit = lead_unit.strip()
    topic.save(update_fields=["lead_unit"])
    return topic


def measure_add(*, topic: MonthlyTopic, by, text: str, due_on: date | None = None) -> TopicMeasure:
    measure = TopicMeasure(topic=topic, text=text.strip(), due_on=due_on)
    if not by.has_perm("oversight.add_topicmeasure", measure):
        raise PermissionDenied(_("Only the street's officials set the topic's measures."))
    measure.full_clean()
    measure.save()
    return measure


def measure_progress(*, measure: TopicMeasure, by, progress: int, note: str = "") -> TopicMeasure:
    if not by.has_perm("oversight.change_topicmeasure", measure):
        raise PermissionDenied(_("Only the street's officials report the measures' progress."))
    if not 0 <= progress <= 100:
        raise ValidationError(_("Progress is a percentage, from 0 to 100."), code="progress_range")
    measure.progress, measure.updated_at = progress, timezone.now()
    measure.note = note.strip() or measure.note
    measure.save(update_fields=["progress", "note", "updated_at"])
    return measure


def topic_progress(topic: MonthlyTopic, measures: list[TopicMeasure]) -> int:
    """The checklist's progress: the mean of its measures', 0 while it has none."""
    return round(sum(m.progress for m in measures) / len(measures)) if measures else 0


def before_after(topic: MonthlyTopic, *, today: date | None = None) -> list[tuple[date, int]]:
    """The category's reports in the street each month: the one before the topic's, the topic's, and
    up to MONTHS_AFTER after it (not beyond this month)."""
    today = today or timezone.localdate()
    months = [_shifted(topic.month, n) for n in range(-1, MONTHS_AFTER + 1)]
    months = [month for month in months if month <= today.replace(day=1)]
    rows = DailyRollup.objects.filter(community__path__startswith=topic.street.path)
    return monthly_counts(rows, [topic.category_id], months)[topic.category_id]


def _shifted(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)
