"""
The street's social organizations: the federation (中仓街道社区社会组织联合会) with two branches, and
twenty organizations in the six categories, registered by their leaders and filed by community staff;
volunteers and members who applied and were approved, and one application still waiting.

Everything goes through the organizations' services, so the rules are the app's own; afterwards the
registration dates are moved back to when the organizations were founded.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.organizations.models import Application, Organization, StatusChange
from apps.organizations.services.membership import membership_apply, membership_decide
from apps.organizations.services.registry import (
    federation_create,
    organization_apply,
    organization_transition,
)
from apps.places.models import Place, PlaceKind

from .organization_catalogue import BRANCHES, FEDERATION, ORGANIZATIONS
from .plan import PlannedPerson

User = get_user_model()
FOUNDED_DAYS_AGO = 400  # the federation; the organizations joined it over the following months


@dataclass
class Club:
    organization: Organization
    leader: object
    volunteers: list = field(default_factory=list)
    members: list = field(default_factory=list)

    @property
    def operating(self) -> bool:
        return self.organization.is_operating


def demo_organizations(*, street: Place, people: list[PlannedPerson], now: datetime) -> list[Club]:
    """The federation and its organizations, in the order of ORGANIZATIONS."""
    official = _first_holder(Role.STREET_OFFICIAL, place=street)
    federation = federation_create(
        actor=official, street=street, name=FEDERATION[0], description=FEDERATION[1]
    )
    branches = [
        federation_create(actor=official, street=street, name=name, parent=federation, description=text)
        for name, text in BRANCHES
    ]
    communities = list(
        Place.objects.filter(path__startswith=street.path, kind=PlaceKind.COMMUNITY).order_by("path")
    )
    users = _users_by_kind(people)
    clubs = []
    for index, planned in enumerate(ORGANIZATIONS):
        community = communities[index % len(communities)]
        leader = users[Role.ORGANIZATION_LEADER][index]
        organization = organization_apply(
            applicant=leader,
            place=community,
            name=f"{community.name.removesuffix('社区')}{planned.name}",
            category=planned.category,
            description=planned.description,
            contact=f"{leader.display_name} {leader.phone.as_national}",
            federation=federation if planned.branch is None else branches[planned.branch],
        )
        staff = _first_holder(Role.COMMUNITY_STAFF, place=community)
        for step in {"applied": [], "filed": ["file"], "active": ["file", "activate"]}[planned.status]:
            organization = organization_transition(organization=organization, step=step, actor=staff)
        clubs.append(Club(organization, User.objects.get(pk=leader.pk)))
    _join(clubs, users)
    _backdate(federation, branches, clubs, now)
    return clubs


def _first_holder(role: str, *, place: Place):
    assignment = RoleAssignment.objects.active().filter(role=role, place=place).order_by("pk").first()
    return User.objects.get(pk=assignment.user_id)


def _users_by_kind(people: list[PlannedPerson]) -> dict[str, list]:
    """The organizations' people by kind, each kind in planning order."""
    kinds = (Role.ORGANIZATION_LEADER, Role.ORGANIZATION_VOLUNTEER, Role.ORGANIZATION_MEMBER)
    phones = [p.phone for p in people if p.kind in kinds]
    by_phone = {str(u.phone): u for u in User.objects.filter(phone__in=phones)}
    return {kind: [by_phone[p.phone] for p in people if p.kind == kind] for kind in kinds}


def _join(clubs: list[Club], users: dict[str, list]) -> None:
    """Volunteers and members apply and their leaders approve; they were planned per kind in the
    order of the organizations that take members."""
    taking = [club for club in clubs if club.operating]
    wanted = [
        (Role.ORGANIZATION_VOLUNTEER, Application.Role.VOLUNTEER, "volunteers"),
        (Role.ORGANIZATION_MEMBER, Application.Role.MEMBER, "members"),
    ]
    for kind, role, joined in wanted:
        for number, user in enumerate(users[kind]):
            club = taking[number % len(taking)]
            application = membership_apply(
                user=user, organization=club.organization, role=role, note=_note(role)
            )
            membership_decide(application=application, actor=club.leader, approve=True)
            getattr(club, joined).append(User.objects.get(pk=user.pk))
    _waiting(taking[0])


def _waiting(club: Club) -> Application:
    """A neighbour's application the leader has yet to answer."""
    inside = {club.leader.pk, *(u.pk for u in club.volunteers + club.members)}
    residents = RoleAssignment.objects.active().filter(
        role=Role.RESIDENT, place__path__startswith=club.organization.place.path
    )
    user_id = next(
        pk for pk in residents.order_by("pk").values_list("user_id", flat=True) if pk not in inside
    )
    return membership_apply(
        user=User.objects.get(pk=user_id),
        organization=club.organization,
        role=Application.Role.VOLUNTEER,
        note="刚退休，会开车，可以帮老人跑腿、陪诊。",
    )


def _note(role: str) -> str:
    if role == Application.Role.VOLUNTEER:
        return "退休在家，时间充裕，愿意参加志愿服务。"
    return "想和邻居们一起参加活动。"


def _backdate(
    federation: Organization, branches: list[Organization], clubs: list[Club], now: datetime
) -> None:
    """Founded over the past year: the federation first, then each organization a fortnight apart;
    the waiting one applied last week."""
    founded = {federation.pk: FOUNDED_DAYS_AGO} | {b.pk: FOUNDED_DAYS_AGO - 30 for b in branches}
    for number, club in enumerate(clubs):
        organization = club.organization
        if organization.status == Organization.Status.APPLIED:
            founded[organization.pk] = 6
        else:
            founded[organization.pk] = FOUNDED_DAYS_AGO - 60 - 14 * number
    for pk, days in founded.items():
        applied = now - timedelta(days=days)
        Organization.objects.filter(pk=pk).update(created_at=applied)
        for step, change in enumerate(StatusChange.objects.filter(organization_id=pk).order_by("pk")):
            StatusChange.objects.filter(pk=change.pk).update(
                at=applied + timedelta(days=5 * step, hours=step)
            )
    RoleAssignment.objects.filter(role=Role.ORGANIZATION_LEADER, organization_id__in=list(founded)).update(
        valid_from=now - timedelta(days=FOUNDED_DAYS_AGO)
    )
    applications = Application.objects.filter(organization__in=[c.organization for c in clubs])
    for application in applications.order_by("pk"):
        if application.status == Application.Status.APPLIED:
            Application.objects.filter(pk=application.pk).update(created_at=now - timedelta(days=2))
            continue
        at = now - timedelta(days=founded[application.organization_id] - 10, hours=application.pk % 24)
        Application.objects.filter(pk=application.pk).update(created_at=at, decided_at=at + timedelta(days=1))
        RoleAssignment.objects.filter(
            organization_id=application.organization_id, user_id=application.user_id
        ).update(valid_from=at + timedelta(days=1))
