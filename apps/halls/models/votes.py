"""
Votes on a proposal (方案): the rule fixed at opening, the electorate frozen at opening, ballots.

Named ballots (`Ballot`) name their elector. Secret votes keep tables that share no column: the
roll (`RollEntry`: who voted, when, how), the mixing pool (`WaitingBallot`) where a ballot is
written in the transaction of its roll entry, and the ballots (`SecretBallot`) they are moved to
in shuffled batches by another transaction (votes/secret_ballots.py). Neither ballot table
holds a time, a sequence or a floor area the vote's rule does not weigh by. One ballot per
elector is a unique constraint on `Ballot` for named votes and on `RollEntry` for secret ones.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.uploads import UnguessableName
from apps.places.models import Place

from .halls import Hall
from .topics import Topic


class Rule(models.TextChoices):
    COUNCIL = "council", _("Council members of the hall, one vote each")
    HOUSEHOLD = "household", _("One vote per verified household")
    OWNERS = "owners", _("Owners' double majority (Civil Code art. 278)")
    ATTENDEES = "attendees", _("Those present at a meeting, one vote each")


class Matter(models.TextChoices):
    ORDINARY = "ordinary", _("An ordinary matter, including using the maintenance fund")
    RAISE_FUND = "raise_fund", _("Raising the maintenance fund")
    REBUILD = "rebuild", _("Rebuilding or renovating the buildings and their facilities")
    COMMON_USE = "common_use", _("Changing the use of common parts or using them for business")


WEIGHTY_MATTERS = frozenset({Matter.RAISE_FUND, Matter.REBUILD, Matter.COMMON_USE})


class Kind(models.TextChoices):
    APPROVAL = "approval", _("For, against or abstain")
    SINGLE = "single", _("One of several choices")
    MULTIPLE = "multiple", _("Several choices")


class VoteQuerySet(models.QuerySet):
    """Votes by the state they read as: an open vote past its closing time reads closed at once,
    before the schedule has counted it (`status` says whether it has been counted)."""

    def in_state(self, *states: str):
        now, condition = timezone.now(), Q(pk__in=[])
        if "draft" in states:
            condition |= Q(status="draft")
        if "open" in states:
            condition |= Q(status="open", closes_at__gt=now)
        if "closed" in states:
            condition |= Q(status="closed") | Q(status="open", closes_at__lte=now)
        return self.filter(condition)


class Vote(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    hall = models.ForeignKey(Hall, verbose_name=_("hall"), on_delete=models.PROTECT, related_name="votes")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, null=True, blank=True, related_name="votes"
    )
    meeting = models.ForeignKey(
        "halls.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="votes",
        help_text=_("The meeting whose attendees vote, for the rule of those present."),
    )
    title = models.CharField(_("proposal"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(_("rule"), max_length=16, choices=Rule.choices)
    matter = models.CharField(_("matter"), max_length=16, choices=Matter.choices, default=Matter.ORDINARY)
    kind = models.CharField(_("options"), max_length=16, choices=Kind.choices, default=Kind.APPROVAL)
    max_choices = models.PositiveSmallIntegerField(_("choices a voter may tick"), default=1)
    secret = models.BooleanField(_("secret ballot"), default=False)
    scope = models.ForeignKey(
        Place,
        verbose_name=_("affected scope"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The hall's place or a part of it: the households that vote."),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = VoteQuerySet.as_manager()

    access_anchors = ("hall__place",)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="halls_vote_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "closed"]), name="halls_vote_status_valid"
            ),
            models.CheckConstraint(condition=Q(rule__in=Rule.values), name="halls_vote_rule_valid"),
            models.CheckConstraint(
                condition=~Q(rule=Rule.OWNERS) | Q(kind=Kind.APPROVAL),
                name="halls_vote_owners_rule_is_approval",
            ),
            models.CheckConstraint(condition=Q(max_choices__gte=1), name="halls_vote_max_choices_positive"),
            models.CheckConstraint(
                condition=~Q(rule=Rule.ATTENDEES) | Q(meeting__isnull=False),
                name="halls_vote_attendees_rule_names_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.scope_id and self.hall_id and not self.scope.path.startswith(self.hall.place.path):
            raise ValidationError({"scope": _("The affected scope must lie within the hall.")})
        if self.rule == Rule.ATTENDEES and not self.meeting_id:
            raise ValidationError({"meeting": _("Name the meeting whose attendees vote.")})
        if self.meeting_id and self.hall_id and self.meeting.hall_id != self.hall_id:
            raise ValidationError({"meeting": _("The meeting must be one of this hall.")})

    @property
    def weighty(self) -> bool:
        return self.matter in WEIGHTY_MATTERS

    @property
    def state(self) -> str:
        """What the vote reads as: closed from its closing time on, counted or not yet."""
        if self.status == self.Status.OPEN and timezone.now() >= self.closes_at:
            return self.Status.CLOSED
        return self.status

    def get_state_display(self) -> str:
        return self.Status(self.state).label

    @property
    def counting(self) -> bool:
        """Closed by its time, and the schedule has not counted it yet."""
        return self.state != self.status


class Option(models.Model):
    class Meaning(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")
        CHOICE = "choice", _("Choice")

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(_("label"), max_length=160)
    meaning = models.CharField(max_length=8, choices=Meaning.choices, default=Meaning.CHOICE)

    access_anchors = ("vote__hall__place",)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "position"], name="halls_option_position_unique")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """For, against and abstain in the reader's language (the label keeps its creator's); a choice
        as its author wrote it."""
        return self.label if self.meaning == self.Meaning.CHOICE else str(self.get_meaning_display())


class Elector(models.Model):
    """One entry of the electorate frozen when the vote opened: a household (with its floor area) or a
    council member."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="electors")
    household = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    area = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    label = models.CharField(max_length=200)

    access_anchors = ("vote__hall__place",)

    class Meta:
        verbose_name = _("elector")
        verbose_name_plural = _("electorate")
        constraints = [
            models.CheckConstraint(
                condition=Q(household__isnull=False, member__isnull=True)
                | Q(household__isnull=True, member__isnull=False),
                name="halls_elector_is_household_or_member",
            ),
            models.UniqueConstraint(
                fields=["vote", "household"],
                condition=Q(household__isnull=False),
                name="halls_elector_household_once",
            ),
            models.UniqueConstraint(
                fields=["vote", "member"], condition=Q(member__isnull=False), name="halls_elector_member_once"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Voter(models.Model):
    """Who may cast the ballot of an elector, frozen at opening: the household's verified residents."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="+")
    elector = models.ForeignKey(Elector, on_delete=models.CASCADE, related_name="voters")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "user", "elector"], name="halls_voter_once_per_elector")
        ]
        indexes = [models.Index(fields=["vote", "user"], name="halls_voter_lookup")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.elector_id}"


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper ballot entered by staff")
    PROXY = "proxy", _("By proxy")


class Ballot(models.Model):
    """A named ballot: it may be changed until the vote closes."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    elector = models.ForeignKey(Elector, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField(_("choices"))
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paper = models.ImageField(
        _("photo of the paper ballot"), upload_to=UnguessableName("halls/paper"), blank=True
    )
    cast_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)

    access_anchors = ("vote__hall__place",)
    access_files = {"paper": ("halls.view_ballot", "")}

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["vote", "elector"], name="halls_one_ballot_per_elector"),
            models.CheckConstraint(
                condition=~Q(channel="paper") | Q(entered_by__isnull=False),
                name="halls_paper_ballot_has_clerk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id} · {self.elector_id}"


class RollEntry(models.Model):
    """The roll of a secret vote: that an elector voted, never how."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="roll")
    elector = models.ForeignKey(Elector, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    access_anchors = ("vote__hall__place",)

    class Meta:
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll of a secret vote")
        constraints = [
            models.UniqueConstraint(fields=["vote", "elector"], name="halls_one_roll_entry_per_elector")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id} · {self.elector_id}"


class WaitingBallot(models.Model):
    """A secret ballot in the mixing pool, written with its roll entry: it waits there until enough
    others have joined it to be moved, shuffled among them, to the secret ballots."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField()
    area = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    paper = models.ImageField(upload_to=UnguessableName("halls/paper"), blank=True)

    access_anchors = ("vote__hall__place",)
    access_files = {"paper": ("halls.view_waitingballot", "")}

    def __str__(self) -> str:
        return str(self.pk)


class SecretBallot(models.Model):
    """A secret ballot: a random id, the choices and, where the rule weighs by area, the floor area;
    no voter, no time, no order (the vote's ballots are rewritten in a shuffled order at close)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="secret_ballots")
    choices = models.JSONField()
    area = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    paper = models.ImageField(upload_to=UnguessableName("halls/paper"), blank=True)

    access_anchors = ("vote__hall__place",)
    access_files = {"paper": ("halls.view_secretballot", "")}

    class Meta:
        verbose_name = _("secret ballot")
        verbose_name_plural = _("secret ballots")

    def __str__(self) -> str:
        return str(self.pk)


class Proxy(models.Model):
    """委托书: an elector lets someone else cast their ballot, on an uploaded letter."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="proxies")
    elector = models.ForeignKey(Elector, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    letter = models.FileField(_("letter of proxy"), upload_to=UnguessableName("halls/proxies"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    access_anchors = ("vote__hall__place",)
    access_owner = "holder"
    access_files = {"letter": ("halls.view_proxy", "")}

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(fields=["vote", "elector"], name="halls_one_proxy_per_elector")
        ]

    def __str__(self) -> str:
        return f"{self.elector_id} → {self.holder_id}"


class ResultQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("a result never changes")


class Result(models.Model):
    """Computed once when the vote closes; never changed."""

    vote = models.OneToOneField(Vote, on_delete=models.PROTECT, related_name="result")
    computed_at = models.DateTimeField(default=timezone.now)
    electorate = models.PositiveIntegerField(_("electorate"))
    electorate_area = models.DecimalField(_("electorate's floor area"), max_digits=14, decimal_places=2)
    participants = models.PositiveIntegerField(_("participants"))
    participating_area = models.DecimalField(_("participating floor area"), max_digits=14, decimal_places=2)
    tallies = models.JSONField(_("tallies"))
    approved = models.BooleanField(_("approved"), null=True)
    failed = models.JSONField(_("conditions not met"), default=list)
    secret_ballots = models.PositiveIntegerField(_("secret ballots counted"), null=True, blank=True)

    objects = ResultQuerySet.as_manager()

    access_anchors = ("vote__hall__place",)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.vote_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("a result never changes")
        super().save(*args, **kwargs)

    @property
    def published(self) -> bool:
        """A secret vote's result is published only when its ballots are as many as its roll."""
        return self.secret_ballots is None or self.secret_ballots == self.participants

    @property
    def withheld(self) -> str:
        """Why the result is not published, or nothing when it is."""
        if self.published:
            return ""
        message = _(
            "%(ballots)s secret ballots for %(roll)s voters on the roll: the result is not published."
        )
        return message % {"ballots": self.secret_ballots, "roll": self.participants}
