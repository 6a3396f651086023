"""
What the pages are measured on: seed_demo's street when that command exists, a small street
otherwise; the personas who visit it, and their session cookies. Import after django.setup().
"""

import io
import time
from importlib import import_module

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command, get_commands
from django.db import connection, transaction

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.access.services import role_grant
from apps.accounts.models import Residency, User
from apps.accounts.services import residency_claim, residency_verify
from apps.places.services import place_add

# A persona is whoever holds this role first; seed_demo's street and the small one both have one.
PERSONAS = {
    "resident": Role.RESIDENT,
    "staff": Role.COMMUNITY_STAFF,
    "street_official": Role.STREET_OFFICIAL,
}


def seed(how: str = "auto") -> str:
    """Fill the empty database and ANALYZE it; `how` is auto, demo or small. Return what was used."""
    used = _seed(how)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # autovacuum may be off: the planner needs the seed's statistics
    return used


def _seed(how: str) -> str:
    if how == "small":
        street_small()
        return "small"
    if "seed_demo" in get_commands():
        call_command("seed_demo", stdout=io.StringIO())
        return "seed_demo"
    try:  # production settings do not install apps.demo, but its builder runs without it
        from apps.demo.builder import seed_demo
    except ImportError:
        if how == "demo":
            raise
        street_small()
        return "small"
    seed_demo()
    return "seed_demo"


@transaction.atomic
def street_small(*, buildings: int = 2, units: int = 2, households: int = 6) -> None:
    """One community of one compound, its staff member and one verified resident."""
    district = place_add(parent=None, name="示范区")
    street = place_add(parent=district, name="示范街道")
    community = place_add(parent=street, name="示范社区")
    compound = place_add(parent=community, name="示范小区")
    homes = []
    for b in range(1, buildings + 1):
        building = place_add(parent=compound, name=f"{b}号楼")
        for u in range(1, units + 1):
            unit = place_add(parent=building, name=f"{u}单元")
            homes += [place_add(parent=unit, name=f"{h}0{u}室") for h in range(1, households + 1)]

    staff = User.objects.create_user(username="bench-staff", display_name="社区工作人员")
    role_grant(user=staff, role=Role.COMMUNITY_STAFF, place=community)
    official = User.objects.create_user(username="bench-official", display_name="街道干部")
    role_grant(user=official, role=Role.STREET_OFFICIAL, place=street)
    resident = User.objects.create_user(username="bench-resident", display_name="居民")
    claim = residency_claim(
        user=resident, household=homes[0], relation=Residency.Relation.OWNER, proof="房产证 0001"
    )
    residency_verify(residency=claim, by=staff)


def persona(name: str) -> User:
    return holder(PERSONAS[name], name)


def holder(role: str, name: str = "") -> User:
    """Whoever holds `role` first."""
    assignment = (
        RoleAssignment.objects.active()
        .filter(role=role, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if assignment is None:
        raise LookupError(f"No one holds the role {role} to be the {name or role} persona.")
    return assignment.user


def session_cookie(user: User) -> str:
    """A Cookie header value carrying a fresh session signed in as `user`. Staff sign in with their
    password and their authenticator's code, as production's admin requires: the person is given an
    authenticator app and the session records both steps the way allauth's sign-in does."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    user_id = user._meta.pk.value_to_string(user)
    session[SESSION_KEY] = user_id
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = time.time()
    steps = [{"method": "password", "at": now, "username": user.get_username()}]
    if _holds_staff_role(user):
        authenticator = _authenticator(user)
        steps.append({"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = steps
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _holds_staff_role(user: User) -> bool:
    from apps.access.visibility import permits

    return permits(user, "access.use_admin")


def _authenticator(user: User) -> Authenticator:
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, generate_totp_secret()).instance


def placeholders() -> dict[str, str]:
    """Values for paths such as /s/{board}/ and /r/{report}/: a board's token, a report's follow token."""
    from apps.places.models import Place, PlaceKind
    from apps.reports.boards import boards_post_for_doors
    from apps.reports.categories import categories_load
    from apps.reports.models import Board, Category, Report
    from apps.reports.services import report_submit

    categories_load()
    board = Board.objects.filter(revoked_at__isnull=True).order_by("pk").first()
    if board is None:
        board = boards_post_for_doors(
            place=Place.objects.filter(kind=PlaceKind.UNIT).order_by("path").first()
        )[0]
    report = Report.objects.order_by("pk").first() or report_submit(
        place=board.place,
        category=Category.objects.filter(parent__isnull=False).first(),
        description="楼道灯不亮",
        source=Report.Source.QR,
    )
    hall, topic = _hall_and_topic(board.place)
    return {
        "board": board.token,
        "report": report.follow_token,
        "report_id": str(_staff_report().pk),
        "hall": str(hall.pk),
        "topic": str(topic.pk),
    }


def _staff_report():
    """The report with the longest timeline among those the staff persona handles: the admin's
    report page at its heaviest."""
    from django.db.models import Count

    from apps.access.visibility import visible_to
    from apps.reports.models import Report

    reports = visible_to(persona("staff"), Report.objects.all(), perm="reports.view_report")
    return reports.annotate(steps=Count("events")).order_by("-steps", "pk").first()


def _hall_and_topic(place):
    """The hall with the most topics and its most discussed topic (seed_demo's showcase, under public
    notice with objections and tasks); on the small street, a hall and topic of its own."""
    from django.db.models import Count

    from apps.halls.models import Hall, Topic
    from apps.halls.services import hall_for
    from apps.halls.topics.services import topic_raise

    hall = Hall.objects.annotate(n=Count("topics")).order_by("-n", "pk").first() or hall_for(place)
    topic = Topic.objects.filter(hall=hall).order_by("-comments", "pk").first() or topic_raise(
        hall=hall, user=persona("staff"), title="补种绿植", body="楼前绿地枯死一片"
    )
    return hall, topic
