"""Two communities of one street, each with every kind of community-scoped object; B's rows carry markers."""

import hashlib
import uuid
from datetime import date, time, timedelta

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.accounts.models import Residency
from apps.api.models import ApiClient, ApiToken, Submission
from apps.audit.services import staff_action_record
from apps.core.photos import process_photo
from apps.halls import models as halls
from apps.halls.meetings.services import meeting_schedule
from apps.halls.services import hall_for
from apps.halls.votes.secret_ballots import ballots_seal
from apps.halls.votes.services import ballot_cast, vote_create, vote_open
from apps.inspections import models as inspections
from apps.inspections.notices import notice_step
from apps.inspections.services import inspection_submit
from apps.notifications.models import Notification, TextMessage
from apps.organizations import models as orgs
from apps.oversight import models as oversight
from apps.oversight.ledger_replies import ledger_line_answer
from apps.places.models import Place
from apps.places.services import department_of_street, street_departments_ensure
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import BoardSheet, Category, Supervision
from apps.reports.services import report_submit
from apps.reports.units import unit_note_add, unit_report_in, units_summon
from tests.factories import UserFactory, add, jpeg_bytes, management_unit

MARKER = "SWEEP-B-"
# text that other code reads as data, not as what a person wrote
UNMARKED_FIELDS = {
    "path", "code", "token", "key", "prefix", "key_hash", "password", "username", "code_secret",
    "tracking_number", "follow_token", "action", "subject", "object_id", "street_department",
    "external_reference", "label", "first_name", "last_name", "url", "reward",
}  # fmt: skip
# what any visitor's request is meant to change: scans of a board are counted, in batches
COUNTERS = {"reports.Board": ("scan_count", "last_scanned_at")}
A_PERSONAS = (
    "community_staff",
    "department_staff",
    "property_staff",
    "resident",
    "building_head",
    "grid_worker",
    "council_member",
    "organization_leader",
    "organization_member",
    "organization_volunteer",
    "claimant",
)


def image(name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes((32, 32)), content_type="image/jpeg")


class Community:
    """One community: its tree, people of every role and an object of every community-scoped model."""

    def __init__(self, street: Place, tag: str, category: Category):
        self.place = add(street, f"{tag}社区", phone="010-60000001")
        self.compound = add(self.place, f"{tag}小区", latitude="39.9", longitude="116.6")
        self.unit_place = add(add(self.compound, "1号楼"), "1单元")
        self.households = [add(self.unit_place, f"{n}室", floor_area="90.00") for n in (101, 102, 103)]
        self.management = management_unit(street, [self.compound], f"{tag}物业单元")
        self.people = self._people(tag)
        self._reports(category)
        self._hall()
        self._organizations()
        self._oversight(category)
        self._api()
        self._inspections(street)

    def _person(self, role, **scope):
        person = UserFactory()
        role_grant(user=person, role=role, **scope)
        return person

    def _people(self, tag):
        first, second, third = self.households
        people = {
            "community_staff": self._person(Role.COMMUNITY_STAFF, place=self.place),
            "property_staff": self._person(Role.PROPERTY_STAFF, management_unit=self.management),
            "resident": self._person(Role.RESIDENT, place=first),
            "neighbour": self._person(Role.RESIDENT, place=second),
            "building_head": self._person(Role.BUILDING_HEAD, place=self.unit_place),
            "grid_worker": self._person(Role.GRID_WORKER, place=self.compound),
            "council_member": self._person(Role.COUNCIL_MEMBER, place=self.place),
            "claimant": UserFactory(),
        }
        # a department of the street (made with the street) joined to the community's report (吹哨报到)
        self.department = department_of_street(place=self.place, name=f"{tag}城管")
        assert self.department is not None
        people["department_staff"] = self._person(Role.DEPARTMENT_STAFF, department=self.department)
        Residency.objects.create(user=people["claimant"], household=third, relation="owner", proof="房产证")
        return people

    def _reports(self, category):
        people = self.people
        self.board = boards_post_for_doors(place=self.unit_place)[0]
        self.report = report_submit(
            place=self.households[0],
            board=self.board,
            category=category,
            description="楼道灯不亮",
            source="qr",
            reporter=people["resident"],
            photos=[process_photo(image())],
        )
        Supervision.objects.create(
            report=self.report, deadline="response", level=1, due_at=self.report.response_due
        )
        (unit,) = units_summon(
            report=self.report, departments=[self.department], actor=people["community_staff"], note="需城管"
        )
        unit_report_in(unit=unit, actor=people["department_staff"])
        unit_note_add(
            unit=unit,
            actor=people["department_staff"],
            note="已到场",
            photos=[process_photo(image())],
            done=True,
        )
        Supervision.objects.create(
            report=self.report, unit=unit, deadline="report_in", level=1, due_at=unit.report_in_due
        )
        sheet = BoardSheet.objects.create(place=self.compound, requested_by=people["community_staff"])
        sheet.file.save("boards.pdf", ContentFile(b"%PDF-1.4 sweep"), save=True)
        self.sheet = sheet
        staff_action_record(actor=people["community_staff"], action="report.dispatch", obj=self.report)
        Notification.objects.create(user=people["resident"], key="sweep", title="通知", body="您的报告已受理")
        TextMessage.objects.create(phone=str(people["resident"].phone), key="sweep", text="验证码")

    def _hall(self):
        people, now = self.people, timezone.now()
        staff, resident = people["community_staff"], people["resident"]
        self.hall = hall = hall_for(self.place)
        topic = halls.Topic.objects.create(hall=hall, title="补种绿地", body="死树", raised_by=resident)
        self.topic = topic
        halls.CoSignature.objects.create(topic=topic, household=self.households[0], user=resident)
        comment = halls.Comment.objects.create(topic=topic, author=resident, body="同意补种")
        halls.CommentFlag.objects.create(comment=comment, user=people["neighbour"], reason="abuse")
        halls.Follow.objects.create(topic=topic, user=resident)
        halls.Objection.objects.create(topic=topic, author=resident, body="异议")
        halls.Review.objects.create(topic=topic, reviewer=staff, decision="approved", reason="同意")
        halls.ReviewRequest.objects.create(topic=topic, round=1)
        staff_action_record(actor=staff, action="halls.topic", obj=topic, place=hall.place, detail="记录")
        halls.HouseholdRepresentative.objects.create(
            hall=hall, household=self.households[0], user=resident, named_by=staff
        )
        task = halls.Task.objects.create(
            topic=topic,
            title="补种",
            description="补种月季",
            unit="物业",
            due_on=date.today(),
            created_by=staff,
        )
        update = halls.TaskUpdate.objects.create(task=task, author=staff, note="已补种一半", progress=50)
        photo = process_photo(image())
        update.photos = [{"image": _stored(photo.image), "thumbnail": _stored(photo.thumbnail)}]
        update.save()
        halls.TaskRating.objects.create(
            task=task, user=resident, household=self.households[0], satisfaction="satisfied", comment="好"
        )
        halls.TaskEscalation.objects.create(task=task, due_on=date.today(), level=1)
        self._meeting(staff, resident, topic, now)
        self._votes(staff, resident, topic, now)

    def _meeting(self, staff, resident, topic, now):
        meeting = meeting_schedule(
            meeting=halls.Meeting(
                hall=self.hall,
                title="居民议事会",
                description="议补种",
                venue="活动室",
                starts_at=now + timedelta(minutes=30),
                ends_at=now + timedelta(hours=2),
            ),
            by=staff,
            topics=[topic],
        )
        self.meeting = meeting
        halls.Invitation.objects.create(meeting=meeting, user=resident, invited_by=staff)
        halls.Registration.objects.create(meeting=meeting, user=resident, status="confirmed")
        halls.Attendance.objects.create(meeting=meeting, user=resident, method="code")
        minutes = halls.Minutes.objects.create(meeting=meeting, body="会议纪要", written_by=staff)
        halls.MinutesApproval.objects.create(
            minutes=minutes, version=1, user=resident, approved=True, note="无误"
        )
        attachment = halls.MeetingAttachment(meeting=meeting, title="图纸", uploaded_by=staff)
        attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"), save=True)
        self.attachment = attachment

    def _votes(self, staff, resident, topic, now):
        opens = {"opens_at": now, "closes_at": now + timedelta(days=7), "topic": topic}
        vote = vote_create(hall=self.hall, by=staff, title="更换单元门", rule="household", **opens)
        self.vote = vote_open(vote=vote, by=staff)
        ballot_cast(vote=self.vote, user=resident, choices=[self.vote.options.first().position])
        ballot = halls.Ballot.objects.get(vote=self.vote)
        ballot.paper.save("paper.jpg", image(), save=True)
        elector = halls.Elector.objects.filter(vote=self.vote).exclude(pk=ballot.elector_id).first()
        proxy = halls.Proxy(vote=self.vote, elector=elector, holder=resident, entered_by=staff)
        proxy.letter.save("letter.jpg", image(), save=True)
        secret = vote_create(
            hall=self.hall, by=staff, title="秘密表决", rule="household", secret=True, **opens
        )
        secret = vote_open(vote=secret, by=staff)
        ballot_cast(vote=secret, user=resident, choices=[secret.options.first().position])
        with transaction.atomic():  # out of the mixing pool, as at close
            ballots_seal(vote_id=secret.pk)
        secret_ballot = halls.SecretBallot.objects.get(vote=secret)
        secret_ballot.paper.save("secret.jpg", image(), save=True)
        waiting = halls.WaitingBallot.objects.create(vote=secret, choices=[secret.options.first().position])
        waiting.paper.save("waiting.jpg", image(), save=True)
        halls.Result.objects.create(
            vote=secret,
            electorate=3,
            electorate_area=270,
            participants=1,
            participating_area=90,
            tallies={},
            approved=False,
            failed=[],
        )

    def _organizations(self):
        people, now = self.people, timezone.now()
        team = orgs.Organization.objects.create(
            name="志愿服务队", place=self.place, category="service", status="active", description="服务"
        )
        self.organization = team
        for role in ("organization_leader", "organization_member", "organization_volunteer"):
            people[role] = self._person(Role(role), organization=team)
        leader = people["organization_leader"]
        orgs.StatusChange.objects.create(
            organization=team, from_status="filed", to_status="active", reason="批准"
        )
        orgs.Application.objects.create(organization=team, user=people["neighbour"], note="申请加入")
        self.activity = activity = orgs.Activity.objects.create(
            organization=team,
            kind="service",
            title="楼道清洁",
            description="清洁",
            venue="活动室",
            starts_at=now + timedelta(days=1),
            ends_at=now + timedelta(days=1, hours=2),
            capacity=10,
            created_by=leader,
        )
        signup = orgs.Signup.objects.create(
            activity=activity, organization=team, user=people["resident"], status="confirmed"
        )
        orgs.HoursCorrection.objects.create(
            signup=signup, organization=team, previous=1, hours=2, reason="补记", actor=leader
        )
        self.campaign = campaign = orgs.Campaign.objects.create(
            organization=team,
            title="垃圾分类打卡",
            description="21天",
            starts_on=date.today() - timedelta(days=3),
            ends_on=date.today() + timedelta(days=18),
            window_opens=time(0, 0),
            window_closes=time(23, 59),
        )
        self.tier = tier = orgs.RewardTier.objects.create(campaign=campaign, days=1, reward="环保袋")
        check_in = orgs.CheckIn(
            campaign=campaign, organization=team, user=people["resident"], day=date.today()
        )
        check_in.photo.save("bin.jpg", image(), save=True)
        orgs.RewardClaim.objects.create(tier=tier, organization=team, user=people["resident"])

    def _oversight(self, category):
        today = date.today()
        counts = {"community": self.place, "management_unit": self.management}
        oversight.DailyRollup.objects.create(day=today, compound=self.compound, category=category, **counts)
        oversight.WeeklyRollup.objects.create(week=today, major=category.parent, **counts)
        self.warning = oversight.EarlyWarning.objects.create(
            place=self.compound, category=category, raised_on=today, recent=5, usual=1.0
        )
        ledger = oversight.LedgerSent.objects.create(
            week=today, unit_name="社区", lines=[["category", "楼道灯不亮", 5]], community=self.place
        )
        photo = process_photo(image())
        ledger_line_answer(
            ledger=ledger,
            position=0,
            by=self.people["community_staff"],
            measures="逐栋排查楼道灯",
            due_on=today + timedelta(days=7),
            photos=[photo],
        )

    def _api(self):
        resident = self.people["resident"]
        self.token = ApiToken.objects.create(
            user=resident, name="手机", prefix=f"p{self.place.pk}", key_hash=f"p{self.place.pk}"
        )
        ApiClient.objects.create(
            name="热线",
            contact="热线中心",
            place=self.place,
            prefix=f"c{self.place.pk}",
            key_hash=f"c{self.place.pk}",
        )
        Submission.objects.create(key=uuid.uuid4(), user=resident, kind="topic", object_id=1)

    def _inspections(self, street):
        category, _ = inspections.PointCategory.objects.get_or_create(code="bin_station", name="垃圾桶站")
        standard, _ = inspections.Standard.objects.get_or_create(
            category=category, code="bin.1", text="桶体完好"
        )
        point = inspections.InspectionPoint.objects.create(
            code=f"P{self.place.pk}",
            name="垃圾桶站",
            category=category,
            place=self.compound,
            handler_kind="property",
            management_unit=self.management,
        )
        starts_on = date.today() - timedelta(days=inspections.Round.objects.count())  # one round each
        round_ = inspections.Round.objects.create(
            street=street, category=category, starts_on=starts_on, ends_on=starts_on
        )
        inspector = self.people["grid_worker"]
        self.assignment = inspections.Assignment.objects.create(
            round=round_, point=point, inspector=inspector, walk_order=0, planned_on=starts_on
        )
        inspection = inspection_submit(
            point=point,
            by=inspector,
            verdicts={standard.pk: False},
            photos=[process_photo(image())],
            note="破损",
        )
        self.notice = inspection.notice
        notice_step(
            notice=self.notice,
            kind="answer",
            by=self.people["property_staff"],
            note="已修复",
            photos=[process_photo(image())],
        )
        inspections.NoticeEscalation.objects.create(notice=self.notice, level=1, due_at=self.notice.deadline)


def _stored(content) -> str:
    return default_storage.save(f"halls/tasks/sweep/{content.name}", content)


class SweepWorld:
    """Community A (whose people sweep) and community B (whose rows they must neither see nor change)."""

    def __init__(self):
        street = add(add(None, "通州区"), "中仓街道")
        major = Category.objects.create(code="fac", name="设施维修", handler="property")
        category = Category.objects.create(
            parent=major, code="fac.lamp", name="楼道灯不亮", handler="property"
        )
        for tag in ("甲", "乙"):  # the street's departments are the street's, seen by all its staff
            street_departments_ensure(street=street, names=[f"{tag}城管"])
        self.a = Community(street, "甲", category)
        oversight.MonthlyTopic.objects.create(
            street=street, month=date.today().replace(day=1), category=category
        )
        before = row_ids()
        self.b = Community(street, "乙", category)
        self.b_rows = {label: ids - before.get(label, set()) for label, ids in row_ids().items()}
        self.b_rows = {label: ids for label, ids in self.b_rows.items() if ids}
        mark(self.b_rows)

    def personas(self) -> dict:
        return {name: self.a.people[name] for name in A_PERSONAS}

    def digest(self) -> dict[str, str]:
        """A digest of every row B owns, by model."""
        digests = {}
        for label, ids in self.b_rows.items():
            model = apps.get_model(label)
            fields = [f.attname for f in model._meta.concrete_fields if f.name not in COUNTERS.get(label, ())]
            rows = model._base_manager.filter(pk__in=ids).order_by("pk").values_list(*fields)
            digests[label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
        return digests


def project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("apps.") and not m._meta.proxy]


def row_ids() -> dict[str, set]:
    return {m._meta.label: set(m._base_manager.values_list("pk", flat=True)) for m in project_models()}


def marked_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, models.EmailField | models.URLField | PhoneNumberField)
        and not f.choices
        and not f.unique
        and f.name not in UNMARKED_FIELDS
    ]


def mark(rows: dict[str, set]) -> None:
    """Write "SWEEP-B-<model>" into every free-text field B's rows have filled in."""
    for label, ids in rows.items():
        model = apps.get_model(label)
        marker = MARKER + model.__name__
        for name in marked_fields(model):
            filled = model._base_manager.filter(pk__in=ids).exclude(**{name: ""})
            filled.update(**{name: marker[: model._meta.get_field(name).max_length or None]})
