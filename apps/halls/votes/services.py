"""
Votes: create, open (freezing the electorate), cast, enter paper ballots, grant proxies, close.

Casting takes a shared lock on the vote's row (FOR KEY SHARE on PostgreSQL) and closing an
exclusive one, so no ballot lands after the result was counted; one ballot per elector is the
database's unique constraint, so concurrent casts for the same household leave exactly one.
A named ballot cast online is one statement (named_ballots.py): it finds the elector in the frozen
electorate, checks the choices and that the vote is open under that lock, and inserts the ballot
or, for the person who cast it, changes it (INSERT … ON CONFLICT … DO UPDATE … WHERE). Only when it
writes nothing does casting ask again, step by step, to say why. A secret ballot is cast into a
mixing pool beside the roll and reaches the counted ballots by another transaction
(secret_ballots.py); it is never changed.

Who casts a household's ballot is frozen at opening too: its verified residents, or only the
representative the hall named for it (while that person still lives there).
"""

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.core.locks import read_shared
from apps.core.photos import process_photo
from apps.places.models import Place, PlaceKind, depth_of
from apps.places.selectors import place_labels

from ..models import (
    Attendance,
    Ballot,
    Elector,
    Hall,
    HouseholdRepresentative,
    Meeting,
    Option,
    Proxy,
    Result,
    RollEntry,
    SecretBallot,
    Vote,
    Voter,
)
from ..models.votes import Channel, Kind, Rule
from ..notices import tell_followers
from ..services import audit
from ..versions import hall_changed
from .lifecycle import VOTE
from .named_ballots import named_ballot_cast
from .secret_ballots import ballots_seal, roll_of, secret_ballot_cast
from .selectors import electors_of
from .tally import count

APPROVAL_OPTIONS = [
    (Option.Meaning.FOR, "For"),
    (Option.Meaning.AGAINST, "Against"),
    (Option.Meaning.ABSTAIN, "Abstain"),
]


def matter_place(topic, hall: Hall) -> Place | None:
    """The place a topic's matter concerns: the compound (or the building, where the compound is
    the hall's own place) of the report it came from. Staff widen a vote's scope by choosing one."""
    place = topic.report.place if topic is not None and topic.report_id else None
    if place is None or not place.path.startswith(hall.place.path):
        return None
    for kind in (PlaceKind.COMPOUND, PlaceKind.BUILDING):
        if place.depth >= depth_of(kind) and (path := place.ancestor_path(kind)) != hall.place.path:
            return Place.objects.get(path=path)
    return None


@transaction.atomic
def vote_create(
    *,
    hall: Hall,
    by,
    title: str,
    rule: str,
    opens_at,
    closes_at,
    scope: Place | None = None,
    kind: str = Kind.APPROVAL,
    matter: str = "ordinary",
    secret: bool = False,
    choices: Sequence[str] = (),
    max_choices: int = 1,
    topic=None,
    meeting: Meeting | None = None,
    description: str = "",
) -> Vote:
    if not by.has_perm("halls.add_vote", hall):
        raise PermissionDenied
    scope = scope or matter_place(topic, hall) or hall.place
    if not scope.path.startswith(hall.place.path):
        raise ValidationError(_("The affected scope must lie within the hall."))
    vote = Vote(
        hall=hall,
        topic=topic,
        meeting=meeting,
        title=title,
        description=description,
        rule=rule,
        kind=kind,
        matter=matter,
        secret=secret,
        scope=scope,
        opens_at=opens_at,
        closes_at=closes_at,
        max_choices=max_choices,
        created_by=by,
    )
    vote.full_clean()
    if problem := options_problem(rule=rule, kind=kind, choices=choices):
        raise ValidationError(problem)
    vote.save()
    Option.objects.bulk_create(_options(vote, choices))
    audit(hall=hall, actor=by, action="create_vote", subject=vote)
    return vote


def options_problem(*, rule: str, kind: str, choices: Sequence[str]) -> str | None:
    """Why these options cannot make a vote of this rule and kind, or None."""
    if rule == Rule.OWNERS and kind != Kind.APPROVAL:
        return _("The owners' double majority decides for or against a proposal.")
    if kind != Kind.APPROVAL and len(choices) < 2:
        return _("A vote between choices needs at least two.")
    return None


def _options(vote: Vote, choices: Sequence[str]) -> list[Option]:
    labels = (
        [(m, _(label)) for m, label in APPROVAL_OPTIONS]
        if vote.kind == Kind.APPROVAL
        else [(Option.Meaning.CHOICE, c) for c in choices]
    )
    return [
        Option(vote=vote, position=i, label=label, meaning=meaning)
        for i, (meaning, label) in enumerate(labels, 1)
    ]


@transaction.atomic
def vote_options_set(*, vote: Vote, choices: Sequence[str], by) -> bool:
    """Make a draft vote's options follow its kind (and choices); options already right are kept.
    Returns whether they changed."""
    if not by.has_perm("halls.change_vote", vote):
        raise PermissionDenied
    if problem := options_problem(rule=vote.rule, kind=vote.kind, choices=choices):
        raise ValidationError(problem)
    hall_changed(vote.hall_id)  # its title or times may have changed with it in the admin
    wanted = _options(vote, choices)
    current = list(vote.options.order_by("position"))

    def same(a: Option, b: Option) -> bool:  # approval labels are translated: their meaning decides
        return a.meaning == b.meaning and (a.meaning != Option.Meaning.CHOICE or a.label == b.label)

    if len(current) == len(wanted) and all(map(same, current, wanted)):
        return False
    vote.options.all().delete()
    Option.objects.bulk_create(wanted)
    return True


@transaction.atomic
def vote_open(*, vote: Vote, by) -> Vote:
    """Freeze the electorate: later moves in and out change nobody's right to vote."""

    def change(vote: Vote, transition, now) -> list[str]:
        vote.opens_at = min(vote.opens_at, now)
        _freeze_electorate(vote)
        return ["opens_at"]

    vote = VOTE.apply(vote, "open", actor=by, system=by is None, lock=["hall__place", "scope"], change=change)
    audit(hall=vote.hall, actor=by, action="open_vote", subject=vote, note=str(vote.electors.count()))
    return vote


def _freeze_electorate(vote: Vote) -> None:
    if vote.rule in (Rule.COUNCIL, Rule.ATTENDEES):
        members = council_members(vote.hall) if vote.rule == Rule.COUNCIL else _attendees(vote.meeting)
        electors = Elector.objects.bulk_create(
            Elector(vote=vote, member=user, label=str(user)) for user in members
        )
        Voter.objects.bulk_create(Voter(vote=vote, elector=e, user_id=e.member_id) for e in electors)
        return
    households = Place.objects.filter(path__startswith=vote.scope.path, kind=PlaceKind.HOUSEHOLD)
    residents = RoleAssignment.objects.active().filter(
        role=Role.RESIDENT, place__path__startswith=vote.scope.path
    )
    by_household: dict[int, list[int]] = {}
    for place_id, user_id in residents.values_list("place_id", "user_id"):
        by_household.setdefault(place_id, []).append(user_id)
    representatives = HouseholdRepresentative.objects.filter(
        hall=vote.hall, household__path__startswith=vote.scope.path
    )
    for household_id, user_id in representatives.values_list("household_id", "user_id"):
        if user_id in by_household.get(household_id, ()):
            by_household[household_id] = [user_id]
    if vote.rule == Rule.HOUSEHOLD:
        households = households.filter(pk__in=list(by_household))
    households = list(households.order_by("path"))
    if vote.rule == Rule.OWNERS and (missing := [h for h in households if not h.floor_area]):
        raise ValidationError(
            _("%(count)s households in the scope have no floor area; record them before opening.")
            % {"count": len(missing)}
        )
    labels = place_labels(households)
    electors = Elector.objects.bulk_create(
        (Elector(vote=vote, household=h, area=h.floor_area, label=labels[h.pk]) for h in households),
        batch_size=2000,
    )
    Voter.objects.bulk_create(
        (
            Voter(vote=vote, elector=e, user_id=u)
            for e in electors
            for u in by_household.get(e.household_id, ())
        ),
        batch_size=2000,
    )


def _attendees(meeting: Meeting) -> list:
    """Those signed in at the meeting when the vote opens."""
    if meeting.status not in (Meeting.Status.OPEN, Meeting.Status.CLOSED):
        raise ValidationError(_("A vote of those present opens once the meeting is in session."))
    attendance = Attendance.objects.filter(meeting=meeting).select_related("user").order_by("at", "pk")
    people = [entry.user for entry in attendance]
    if not people:
        raise ValidationError(_("No one has signed in at this meeting yet."))
    return people


def council_members(hall: Hall):
    from django.contrib.auth import get_user_model

    path = hall.place.path
    ancestors = [path[:i] for i in range(Place.steplen, len(path) + 1, Place.steplen)]
    assignments = RoleAssignment.objects.active().filter(role=Role.COUNCIL_MEMBER)
    user_ids = (
        assignments.filter(place__path__startswith=path)
        .values("user_id")
        .union(assignments.filter(place__path__in=ancestors).values("user_id"))
    )
    return get_user_model().objects.filter(pk__in=[row["user_id"] for row in user_ids]).order_by("pk")


def ballot_cast(*, vote: Vote, user, choices: Sequence[int], elector_id: int | str | None = None):
    """Cast (or, for a named ballot by the same person, change) the ballot of an elector."""
    if not vote.secret and (cast := cast_at_once(vote, user, choices, elector_id)) is not None:
        return cast
    return cast_step_by_step(vote, user, choices, elector_id)


def cast_step_by_step(vote: Vote, user, choices: Sequence[int], elector_id=None):
    """Whom the person casts for, the choices, whether the vote is open, then the ballot: each
    refusal with its reason."""
    electors = electors_of(vote, user)
    if not electors:
        raise ValidationError(_("You are not in the electorate of this vote."))
    if elector_id is None:
        elector, channel = electors[0]
    else:
        found = [(e, c) for e, c in electors if str(e.pk) == str(elector_id).strip()]
        if not found:
            raise ValidationError(_("You may not vote for this household."))
        elector, channel = found[0]
    positions = _checked_choices(vote, choices)
    already = _("You have already voted; a secret ballot cannot be changed.") if vote.secret else None
    try:
        with transaction.atomic():
            _accepting(vote)
            if vote.secret:
                return secret_ballot_cast(
                    vote=vote, elector=elector, positions=positions, channel=channel, cast_by=user
                )
            return _cast_or_change_named(vote, elector, positions, channel=channel, cast_by=user)
    except IntegrityError:
        raise ValidationError(already or _("This household has already voted.")) from None


BIGINT = range(1, 2**63)


def cast_at_once(vote: Vote, user, choices: Sequence[int], elector_id=None) -> int | None:
    """The named ballot cast by one statement, or None (nothing written) when the input needs the
    step-by-step refusal."""
    try:
        positions = sorted({int(c) for c in choices})
        elector = None if elector_id is None else int(str(elector_id).strip())
    except (TypeError, ValueError):
        return None
    limit = vote.max_choices if vote.kind == Kind.MULTIPLE else 1
    if not 0 < len(positions) <= limit or not all(n in BIGINT for n in [*positions, elector or 1]):
        return None
    return named_ballot_cast(vote=vote, user=user, positions=positions, elector_id=elector)


def paper_ballot_enter(*, vote: Vote, elector: Elector, choices: Sequence[int], photo, by):
    """A paper ballot of a resident without a phone, entered by staff with a photo of the paper: an
    image (apps/core/photos.py checks and re-encodes it), or the ballot is refused unrecorded."""
    if not by.has_perm("halls.enter_paper_ballot", vote):
        raise PermissionDenied
    if elector.vote_id != vote.pk:
        raise ValidationError(_("This household is not in the electorate of this vote."))
    if not photo:
        raise ValidationError(_("A paper ballot is entered with a photo of the paper."))
    positions = _checked_choices(vote, choices)
    paper = process_photo(photo).image  # an image, re-encoded; anything else is refused here
    already = _("This household has already voted; a paper ballot cannot be entered.")
    try:
        with transaction.atomic():
            _accepting(vote)
            if _has_voted(vote, elector):
                raise ValidationError(already)
            cast = secret_ballot_cast if vote.secret else _cast_named
            ballot = cast(
                vote=vote,
                elector=elector,
                positions=positions,
                channel=Channel.PAPER,
                entered_by=by,
                paper=paper,
            )
            audit(hall=vote.hall, actor=by, action="paper_ballot", subject=elector)
    except IntegrityError:
        raise ValidationError(already) from None
    return ballot


@transaction.atomic
def proxy_grant(*, vote: Vote, elector: Elector, holder, letter, by) -> Proxy:
    if not by.has_perm("halls.add_proxy", vote):
        raise PermissionDenied
    vote = Vote.objects.select_for_update().select_related("hall").get(pk=vote.pk)
    if vote.state == Vote.Status.CLOSED:
        raise ValidationError(_("This vote has closed."))
    if elector.vote_id != vote.pk:
        raise ValidationError(_("This household is not in the electorate of this vote."))
    if not letter:
        raise ValidationError(_("A proxy needs the signed letter."))
    held = Proxy.objects.filter(vote=vote, holder=holder).count()
    if held >= vote.hall.proxy_cap:
        raise ValidationError(
            _("%(name)s already holds %(cap)s proxies, the most this hall allows.")
            % {"name": holder, "cap": vote.hall.proxy_cap}
        )
    try:
        with transaction.atomic():
            proxy = Proxy.objects.create(
                vote=vote, elector=elector, holder=holder, letter=letter, entered_by=by
            )
    except IntegrityError:
        raise ValidationError(_("This household has already given a proxy for this vote.")) from None
    audit(hall=vote.hall, actor=by, action="proxy", subject=elector, note=f"holder #{holder.pk}")
    return proxy


def _checked_choices(vote: Vote, choices: Sequence[int]) -> list[int]:
    try:
        positions = sorted({int(c) for c in choices})
    except (TypeError, ValueError):
        raise ValidationError(_("Choose among the options of this vote.")) from None
    known = {option.position for option in vote.options.all()}
    limit = vote.max_choices if vote.kind == Kind.MULTIPLE else 1
    if not positions or not set(positions) <= known:
        raise ValidationError(_("Choose among the options of this vote."))
    if len(positions) > limit:
        raise ValidationError(_("Choose at most %(limit)s options.") % {"limit": limit})
    return positions


def _accepting(vote: Vote) -> None:
    """Read the vote's state under a shared lock that closing must wait for."""
    status, opens_at, closes_at = read_shared(Vote, vote.pk, "status", "opens_at", "closes_at")
    now = timezone.now()
    if status == Vote.Status.DRAFT or now < opens_at:
        raise ValidationError(_("This vote is not open yet."))
    if status == Vote.Status.CLOSED or now >= closes_at:
        raise ValidationError(_("This vote has closed."))


def _has_voted(vote: Vote, elector: Elector) -> bool:
    table = RollEntry if vote.secret else Ballot
    return table.objects.filter(vote=vote, elector=elector).exists()


def _cast_or_change_named(vote, elector, positions, *, channel, cast_by) -> int:
    """One statement: insert the ballot, or change it if this person cast it; the id of the ballot.
    Another person's ballot for the same elector is left alone and refused."""
    table = Ballot._meta.db_table
    choices = Ballot._meta.get_field("choices").get_db_prep_value(positions, connection)
    now = Ballot._meta.get_field("cast_at").get_db_prep_value(timezone.now(), connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (vote_id, elector_id, choices, channel, cast_by_id, paper, cast_at) "
            "VALUES (%s, %s, %s, %s, %s, '', %s) "
            "ON CONFLICT (vote_id, elector_id) DO UPDATE SET choices = excluded.choices, changed_at = "
            f"excluded.cast_at WHERE {table}.cast_by_id = excluded.cast_by_id RETURNING id",
            [vote.pk, elector.pk, choices, channel, cast_by.pk, now],
        )
        row = cursor.fetchone()
    if row is None:
        raise ValidationError(_("This household has already voted."))
    return row[0]


def _cast_named(*, vote, elector, positions, channel, entered_by, paper) -> Ballot:
    return Ballot.objects.create(
        vote=vote,
        elector=elector,
        choices=positions,
        channel=channel,
        entered_by=entered_by,
        paper=paper or "",
    )


@transaction.atomic
def vote_close(*, vote: Vote, by=None) -> Result:
    """Count once: a closed vote's result is returned as stored, never recomputed. The schedule
    (`tasks.close_due_votes`) closes each vote once its closing time has passed; until then the
    vote already reads closed (`Vote.state`)."""
    vote = Vote.objects.select_for_update().select_related("hall").get(pk=vote.pk)
    if vote.status == Vote.Status.CLOSED:
        return vote.result
    result = None

    def change(vote: Vote, transition, now) -> list[str]:
        nonlocal result
        if now < vote.closes_at:
            raise ValidationError(_("This vote closes at its closing time."))
        result = _counted(vote)
        return []

    VOTE.apply(vote, "close", actor=by, system=by is None, lock=None, change=change)
    audit(hall=vote.hall, actor=by, action="close_vote", subject=vote)
    if vote.topic_id:
        tell_followers(
            topic=vote.topic,
            key=f"vote:{vote.pk}:closed",
            title=lambda: _("Result of the vote: %(vote)s") % {"vote": vote.title},
        )
    return result


def _counted(vote: Vote) -> Result:
    """A secret vote's ballots are sealed first (secret_ballots.py); when they are not as many
    as its roll, only the turnout is kept, and the result is not published."""
    sealed = ballots_seal(vote_id=vote.pk) if vote.secret else None
    electorate = Elector.objects.filter(vote=vote).aggregate(area=Sum("area"))
    outcome = count(
        rule=vote.rule,
        kind=vote.kind,
        weighty=vote.weighty,
        options=vote.options.values_list("position", "meaning"),
        electorate=Elector.objects.filter(vote=vote).count(),
        electorate_area=electorate["area"] or Decimal("0"),
        ballots=_ballots(vote).iterator(chunk_size=5000),
    )
    tallies = {str(p): {"count": t["count"], "area": str(t["area"])} for p, t in outcome.tallies.items()}
    if sealed is not None and sealed != (roll := roll_of(vote))[0]:
        outcome.participants, outcome.participating_area = roll[0], roll[1] or Decimal("0")
        outcome.approved, outcome.failed, tallies = None, [], {}
    return Result.objects.create(
        vote=vote,
        electorate=outcome.electorate,
        electorate_area=outcome.electorate_area,
        participants=outcome.participants,
        participating_area=outcome.participating_area,
        tallies=tallies,
        approved=outcome.approved,
        failed=outcome.failed,
        secret_ballots=sealed,
    )


def _ballots(vote: Vote):
    if vote.secret:
        return SecretBallot.objects.filter(vote=vote).values_list("choices", "area")
    return Ballot.objects.filter(vote=vote).values_list("choices", "elector__area")
