"""The follow page reads its report by a statement the ORM writes once: the report, its place and its
category read as the query reads them, for each report and in each language."""

import pytest
from django.db.models import Exists, OuterRef, Subquery
from django.utils import translation

from apps.reports.following import report_for_follower
from apps.reports.models import Photo, PhotoUpload, Report, TimelineEvent
from apps.reports.photo_uploads import photo_uploads_clean
from apps.reports.services import report_transition

from .test_resident_pages import jpeg, submit


def _as_the_orm_reads(token: str) -> Report:
    latest_step = TimelineEvent.objects.filter(report=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    latest_photo = Photo.objects.filter(report=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    return (
        Report.objects.select_related("category", "place")
        .annotate(
            last_step=Subquery(latest_step),
            last_photo=Subquery(latest_photo),
            photos_waiting=Exists(PhotoUpload.objects.filter(report=OuterRef("pk"))),
        )
        .get(follow_token=token)
    )


def _shown(report: Report) -> tuple:
    return (
        *(report.pk, report.tracking_number, report.place_id, report.category_id, report.description),
        *(report.status, report.get_status_display(), report.reporter_id, report.resolve_due),
        *(report.resolved_at, report.satisfaction, report.rated_by, report.last_step, report.last_photo),
        *(report.photos_waiting, report.place.pk, report.place.path, report.place.name),
        *(report.category.pk, report.category.name, report.category.needs_review),
    )


@pytest.fixture
def follow_tokens(client, board, categories, world):
    submit(client, board, categories["lamp"])
    submit(client, board, categories["noise"], photos=[jpeg()])
    submit(client, board, categories["lamp"], photos=[jpeg()])
    rated, waiting, cleaned = Report.objects.order_by("pk")
    for action, extra in (("accept", {}), ("resolve", {"note": "修好了"})):
        report_transition(report=rated, action=action, actor=world.property_a1, **extra)
    report_transition(report=rated, action="rate", system=True, satisfaction="basic", solved=False)
    photo_uploads_clean(event_id=PhotoUpload.objects.filter(report=cleaned).get().event_id)
    return [rated.follow_token, waiting.follow_token, cleaned.follow_token]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_follow_page_reads_its_report_as_the_orm_reads_it(follow_tokens, language):
    with translation.override(language):
        for token in follow_tokens:
            found, expected = report_for_follower(token), _as_the_orm_reads(token)
            assert _shown(found) == _shown(expected)
            assert type(found.photos_waiting) is bool


def test_an_unknown_follow_token_reads_no_report(follow_tokens):
    assert report_for_follower("no-such-token") is None
