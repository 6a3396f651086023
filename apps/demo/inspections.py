"""
文明数治 of the demo street: a few hundred inspection points across the 39 categories, each category's
round in progress and the two before it, their inspections (about one in nine failing), the
supervision notices those issued in every state, the weekly ledgers of the last weeks answered by
their units, and this month's topic being worked.
"""

import io
import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.utils import timezone
from PIL import Image, ImageDraw

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import User
from apps.core.photos import ProcessedPhoto, process_photo
from apps.inspections.catalog import catalog_load
from apps.inspections.escalation import notices_escalate
from apps.inspections.models import (
    Assignment,
    Inspection,
    InspectionPhoto,
    InspectionPoint,
    Notice,
    NoticeEscalation,
    NoticePhoto,
    NoticeStep,
    PointCategory,
    Round,
    Standard,
    Verdict,
)
from apps.inspections.notices import RECTIFY_WITHIN, notice_issue
from apps.inspections.rounds import round_generate
from apps.oversight.ledger import ledger, week_of
from apps.oversight.ledger_replies import ledger_line_answer, ledger_line_close
from apps.oversight.models import DailyRollup, LedgerSent
from apps.oversight.rollups import rollups_rebuild
from apps.oversight.services import ledger_send, topic_choose
from apps.oversight.topic_work import measure_add, measure_progress, topic_lead
from apps.oversight.topics import candidates
from apps.places.models import ManagedCompound, Place, PlaceKind
from apps.places.services import department_of_street
from apps.reports.models import Category

from .plan import SEED

FAIL_SHARE = 0.11
# what becomes of a notice whose deadline has long passed: the effective disposal rate is about 91 %
SETTLED = [("passed", 0.91), ("returned", 0.03), ("answered", 0.03), ("issued", 0.03)]
RECENT = [("issued", 0.4), ("answered", 0.3), ("passed", 0.25), ("returned", 0.05)]
# where each kind of point stands: a compound's own, or its community's streets and buildings
AT_COMPOUND = [
    "compound_gate",
    "bin_station",
    "old_compound",
    "commercial_compound",
    "stairwell",
    "bike_shed",
]
# the street's own points (main roads, rivers, building sites) answer to its urban-management office
STREET_CATEGORIES = ("main_road", "river", "construction_site")
STREET_DEPARTMENT = "城市管理办公室"
MEASURES = [
    ("排查本月高发点位，建立问题清单", 100),
    ("责任单位逐项整改并上传整改照片", 60),
    ("街道城管科联合物业复查销号", 20),
]


def demo_inspections(*, street: Place, now: datetime | None = None, seed: int = SEED) -> dict[str, int]:
    """Points, rounds, inspections and notices of the street, then its ledgers answered and its
    monthly topic worked; returns how many of each were written."""
    now = now or timezone.now()
    rng = random.Random(seed)
    catalog_load()
    points = _write_points(street, rng)
    today = timezone.localdate(now)
    categories = PointCategory.objects.filter(pk__in={p.category_id for p in points})
    for category in categories:
        for back in (2, 1, 0):
            round_generate(
                street=street, category=category, today=today - timedelta(days=back * category.cycle_days)
            )
    inspections = _inspect(street, rng, now)
    notices = _notices_worked(street, rng, now)
    notices_escalate(now)
    NoticeEscalation.objects.filter(notice__street=street).update(announced_at=now)  # history, not news
    rollups_rebuild(now=now)
    replies = _ledgers_answered(street, rng, now)
    _topic_worked(street, now)
    return {"points": len(points), "inspections": inspections, "notices": notices, "replies": replies}


def _write_points(street: Place, rng: random.Random) -> list[InspectionPoint]:
    categories = list(PointCategory.objects.filter(is_active=True).order_by("position", "code"))
    at_compound = [c for c in categories if c.code in AT_COMPOUND]
    elsewhere = [c for c in categories if c.code not in AT_COMPOUND]
    managed = dict(
        ManagedCompound.objects.filter(compound__path__startswith=street.path).values_list(
            "compound_id", "unit_id"
        )
    )
    communities = list(
        Place.objects.filter(path__startswith=street.path, kind=PlaceKind.COMMUNITY).order_by("path")
    )
    compounds = list(
        Place.objects.filter(path__startswith=street.path, kind=PlaceKind.COMPOUND).order_by("path")
    )
    planned = []
    for compound in compounds:
        for category in rng.sample(at_compound, 3):
            planned.append((compound, category, managed.get(compound.pk)))
    for index, community in enumerate(communities):
        for category in elsewhere:
            if rng.random() < 0.75 or index == 0:
                planned.append((community, category, None))
    department = department_of_street(place=street, name=STREET_DEPARTMENT)
    points = [
        _point(place, category, unit, number, rng, department)
        for number, (place, category, unit) in enumerate(planned, 1)
    ]
    return InspectionPoint.objects.bulk_create(points, batch_size=1000)


def _point(
    place: Place, category: PointCategory, unit_id, number: int, rng: random.Random, department
) -> InspectionPoint:
    jitter = lambda: Decimal(rng.randint(-900, 900)) / Decimal(1_000_000)  # noqa: E731 — about ±100 m
    by_department = category.code in STREET_CATEGORIES
    handler = "street" if by_department else ("property" if unit_id else "community")
    return InspectionPoint(
        code=f"ZC-{number:04d}",
        name=f"{place.name}{category.name}"
        if place.kind == PlaceKind.COMPOUND
        else f"{place.name}{category.name}{number % 7 + 1}号",
        category=category,
        place=place,
        address=place.name,
        latitude=(place.latitude + jitter()) if place.latitude is not None else None,
        longitude=(place.longitude + jitter()) if place.longitude is not None else None,
        handler_kind=handler,
        management_unit_id=unit_id if handler == "property" else None,
        department=department if by_department else None,
    )


def _inspect(street: Place, rng: random.Random, now: datetime) -> int:
    """Every assignment planned before today is inspected on its day, in the morning."""
    today = timezone.localdate(now)
    due = list(
        Assignment.objects.filter(round__street=street, planned_on__lt=today, inspected_at__isnull=True)
        .select_related("point")
        .order_by("planned_on", "round_id", "walk_order")
    )
    checklists: dict[int, list[int]] = {}
    for pk, category_id in Standard.objects.filter(is_active=True).values_list("pk", "category_id"):
        checklists.setdefault(category_id, []).append(pk)
    tz = timezone.get_current_timezone()
    made, verdicts = [], []
    for assignment in due:
        at = datetime.combine(assignment.planned_on, time(9), tzinfo=tz) + timedelta(
            minutes=rng.randint(0, 240)
        )
        failing = rng.random() < FAIL_SHARE
        standards = checklists[assignment.point.category_id]
        failed = set(rng.sample(standards, rng.randint(1, min(2, len(standards))))) if failing else set()
        made.append(
            Inspection(
                point=assignment.point,
                assignment=assignment,
                round_id=assignment.round_id,
                inspector_id=assignment.inspector_id,
                passed=not failing,
                note="现场发现问题，已拍照留存" if failing else "",
                created_at=at,
            )
        )
        verdicts.append([(pk, pk not in failed) for pk in standards])
        assignment.inspected_at = at
    Inspection.objects.bulk_create(made, batch_size=1000)
    Verdict.objects.bulk_create(
        [
            Verdict(inspection=inspection, standard_id=pk, passed=passed)
            for inspection, checks in zip(made, verdicts, strict=True)
            for pk, passed in checks
        ],
        batch_size=2000,
    )
    Assignment.objects.bulk_update(due, ["inspected_at"], batch_size=1000)
    found = _picture("found")
    for inspection in sorted((i for i in made if not i.passed), key=lambda i: i.created_at):
        InspectionPhoto.objects.create(inspection=inspection, image=found.image, thumbnail=found.thumbnail)
        notice_issue(inspection=inspection)  # numbered in the order they were issued
    return len(made)


def _picture(kind: str) -> ProcessedPhoto:
    """A photo drawn for the demo and processed once by the photo pipeline; each row saves its own
    copy of the files. "found": a bin station with litter around it; "fixed": the same, cleared."""
    image = Image.new("RGB", (640, 480), (186, 196, 204))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 330, 640, 480), fill=(128, 128, 120))  # the ground
    for left, colour in ((150, (46, 125, 50)), (290, (21, 101, 192)), (430, (198, 40, 40))):
        draw.rectangle((left, 200, left + 100, 350), fill=colour, outline="black", width=3)
    if kind == "found":
        for x, y in ((110, 380), (270, 410), (360, 372), (520, 400), (600, 430), (60, 440)):
            draw.ellipse((x, y, x + 34, y + 18), fill=(240, 230, 200), outline="black")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return process_photo(SimpleUploadedFile(f"{kind}.jpg", buffer.getvalue(), content_type="image/jpeg"))


def _notices_worked(street: Place, rng: random.Random, now: datetime) -> int:
    """Each notice moved to a state drawn by its age, with its steps at plausible times; the first few
    take each state in turn so that every state shows."""
    notices = list(
        Notice.objects.filter(street=street)
        .select_related("inspection", "point__place")
        .order_by("issued_at")
    )
    people = _responders(street)
    communities = dict(
        Place.objects.filter(path__startswith=street.path, kind=PlaceKind.COMMUNITY).values_list("path", "pk")
    )
    states = [state for state, _ in RECENT]
    for index, notice in enumerate(notices):
        settled = notice.deadline + timedelta(days=14) < now
        state = states[index] if index < len(states) else _drawn(rng, SETTLED if settled else RECENT)
        _work(notice, state, responder=_responder_of(notice, people, communities), now=now)
    fixed = _picture("fixed")
    answers = NoticeStep.objects.filter(notice__street=street, kind=NoticeStep.Kind.ANSWER)
    for answer in answers.order_by("pk"):
        NoticePhoto.objects.create(step=answer, image=fixed.image, thumbnail=fixed.thumbnail)
    return len(notices)


def _drawn(rng: random.Random, shares: list[tuple[str, float]]) -> str:
    return rng.choices([state for state, _ in shares], weights=[share for _, share in shares])[0]


def _work(notice: Notice, state: str, *, responder, now: datetime) -> None:
    if state == "issued" or responder is None:
        return
    answered_at = min(notice.issued_at + timedelta(days=3), now - timedelta(hours=2))
    steps = [
        NoticeStep(
            notice=notice,
            kind=NoticeStep.Kind.ANSWER,
            by=responder,
            note="已按要求整改，附整改后照片",
            created_at=answered_at,
        )
    ]
    deadline = notice.deadline
    if state in ("passed", "returned"):
        verdict_at = min(answered_at + timedelta(days=2), now - timedelta(hours=1))
        kind = NoticeStep.Kind.PASS if state == "passed" else NoticeStep.Kind.RETURN
        note = "复查合格" if state == "passed" else "整改不到位，桶身仍有破损，请重新整改"
        steps.append(
            NoticeStep(
                notice=notice,
                kind=kind,
                by_id=notice.inspection.inspector_id,
                note=note,
                created_at=verdict_at,
            )
        )
        if state == "returned":
            deadline = verdict_at + RECTIFY_WITHIN
    NoticeStep.objects.bulk_create(steps)
    Notice.objects.filter(pk=notice.pk).update(status=state, deadline=deadline)


def _responders(street: Place) -> dict[tuple[str, int], object]:
    """Who answers for each unit: a property-staff member of each management unit, a staff member of
    each community, a department's own staff (or else a street official) for a street department."""
    found = {}
    roles = [Role.PROPERTY_STAFF, Role.COMMUNITY_STAFF, Role.STREET_OFFICIAL, Role.DEPARTMENT_STAFF]
    for held in (
        RoleAssignment.objects.active().filter(role__in=roles).select_related("user", "place").order_by("pk")
    ):
        if held.role == Role.PROPERTY_STAFF:
            found.setdefault(("property", held.management_unit_id), held.user)
        elif held.role == Role.DEPARTMENT_STAFF:
            found.setdefault(("department", held.department_id), held.user)
        elif held.place and held.place.path.startswith(street.path):
            key = ("community", held.place_id) if held.role == Role.COMMUNITY_STAFF else ("street", 0)
            found.setdefault(key, held.user)
    return found


def _responder_of(notice: Notice, people: dict, communities: dict[str, int]):
    if notice.handler_kind == "property":
        return people.get(("property", notice.management_unit_id))
    if notice.handler_kind == "street":
        return people.get(("department", notice.department_id)) or people.get(("street", 0))
    return people.get(("community", communities.get(notice.point.place.ancestor_path(PlaceKind.COMMUNITY))))


def _ledgers_answered(street: Place, rng: random.Random, now: datetime) -> int:
    """The ledgers of the last three weeks sent; most lines of the two older ones answered by their
    unit, the oldest week's answered lines closed by the street."""
    rows = DailyRollup.objects.filter(community__path__startswith=street.path)
    this_week = week_of(timezone.localdate(now))
    weeks = [this_week - timedelta(weeks=n) for n in (3, 2, 1)]
    for week in weeks:
        ledger_send(entries=ledger(rows, week), week=week)
    people = _responders(street)
    official = people.get(("street", 0))
    replies = 0
    for sent in LedgerSent.objects.filter(week__in=weeks[:2]).order_by("week", "pk"):
        person = people.get(
            ("property", sent.management_unit_id)
            if sent.management_unit_id
            else ("community", sent.community_id)
        )
        for position, (kind, name, _) in enumerate(sent.lines):
            if person is None or rng.random() < 0.2:
                continue
            measures = (
                f"针对{name}：安排专人巡查，增设提示牌，每周复核一次"
                if kind == "place"
                else f"针对{name}：排查同类问题并集中处置"
            )
            reply = ledger_line_answer(
                ledger=sent,
                position=position,
                by=person,
                measures=measures,
                due_on=timezone.localdate(now) + timedelta(days=7),
            )
            replies += 1
            if sent.week == weeks[0] and official is not None and rng.random() < 0.7:
                ledger_line_close(reply=reply, by=official, note="经复核，问题已明显减少")
    return replies


def _topic_worked(street: Place, now: datetime) -> None:
    official = _responders(street).get(("street", 0))
    rows = DailyRollup.objects.filter(community__path__startswith=street.path)
    month = timezone.localdate(now).replace(day=1)
    ranked = candidates(rows, month) or candidates(rows, month - timedelta(days=1))
    if official is None or not ranked:
        return
    topic = topic_choose(
        street=street,
        month=month,
        category=Category.objects.get(pk=ranked[0].category_id),
        user=official,
        note="每月一题：集中治理本月诉求最多的问题",
    )
    topic_lead(topic=topic, by=official, lead_unit="街道城市管理办公室")
    for text, progress in MEASURES:
        measure = measure_add(topic=topic, by=official, text=text, due_on=month + timedelta(days=27))
        measure_progress(measure=measure, by=official, progress=progress)


def inspection_personas(street: Place) -> dict[str, object]:
    """The inspector with the most assignments today or before, and the responder of the unit with the
    most notices: the two to sign in as to walk the chain."""
    inspector = (
        Assignment.objects.filter(round__street=street, inspector__role_assignments__role=Role.INSPECTOR)
        .values("inspector")
        .annotate(n=Count("pk"))
        .order_by("-n", "inspector")
        .first()
    )
    unit = (
        Notice.objects.filter(street=street, handler_kind="property")
        .values("management_unit")
        .annotate(n=Count("pk"))
        .order_by("-n", "management_unit")
        .first()
    )
    people = _responders(street)
    return {
        "inspector": User.objects.filter(pk=inspector["inspector"]).first() if inspector else None,
        "responder": people.get(("property", unit["management_unit"])) if unit else None,
        "rounds": Round.objects.filter(street=street).count(),
    }
