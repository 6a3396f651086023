"""The shapes of halls, topics, comments and votes. Reads only: every write goes through the halls'
services. No shape names who cast which ballot: a vote shows its options, a person their own
ballot, and a closed vote its counted result."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.halls.models import Comment, Hall, Option, Result, Topic, Vote
from apps.halls.votes.tally import CONDITIONS

MAX_TITLE = Topic._meta.get_field("title").max_length
MAX_COMMENT = Comment._meta.get_field("body").max_length


class HallSerializer(serializers.ModelSerializer):
    place_name = serializers.CharField(source="place.name", read_only=True)
    place_kind = serializers.CharField(source="place.kind", read_only=True)

    class Meta:
        model = Hall
        fields = [
            "id",
            "name",
            "place",
            "place_name",
            "place_kind",
            "procedure",
            "cosign_threshold",
            "notice_days",
            "created_at",
        ]


class TopicSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Topic
        fields = [
            "id",
            "hall",
            "title",
            "body",
            "status",
            "status_label",
            "reason",
            "merged_into",
            "cosignatures",
            "comments",
            "created_at",
            "agenda_at",
            "notice_until",
        ]


class TopicDetailSerializer(TopicSerializer):
    cosigned = serializers.BooleanField(read_only=True, help_text=_("Your household has co-signed it."))
    followed = serializers.BooleanField(read_only=True, help_text=_("You follow it."))

    class Meta(TopicSerializer.Meta):
        fields = [*TopicSerializer.Meta.fields, "cosigned", "followed"]


class TopicRaiseSerializer(serializers.Serializer):
    hall = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=_("A hall you belong to."))
    title = serializers.CharField(max_length=MAX_TITLE)
    body = serializers.CharField(max_length=10_000)
    submission_key = serializers.UUIDField(
        required=False, help_text=_("Send the same key again to retry safely: one topic is raised.")
    )


class CommentSerializer(serializers.ModelSerializer):
    """A hidden, pending or deleted comment keeps its place without its words; a hidden one shows
    the staff's reason."""

    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "parent", "author", "body", "state", "hidden_reason", "created_at", "edited_at"]

    def get_author(self, comment) -> str:
        return comment.author.display_name if comment.state == Comment.State.VISIBLE else ""

    def get_body(self, comment) -> str:
        return comment.body if comment.state == Comment.State.VISIBLE else ""


class CommentPostSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_COMMENT)
    parent = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text=_("The comment this one answers.")
    )
    submission_key = serializers.UUIDField(
        required=False, help_text=_("Send the same key again to retry safely: one comment is posted.")
    )


class OptionSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="text", read_only=True)

    class Meta:
        model = Option
        fields = ["position", "label", "meaning"]


class VoteSerializer(serializers.ModelSerializer):
    options = OptionSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(source="state", choices=Vote.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_state_display", read_only=True)
    scope_name = serializers.CharField(source="scope.name", read_only=True)

    class Meta:
        model = Vote
        fields = [
            "id",
            "hall",
            "topic",
            "title",
            "description",
            "rule",
            "matter",
            "kind",
            "max_choices",
            "secret",
            "scope",
            "scope_name",
            "status",
            "status_label",
            "opens_at",
            "closes_at",
            "closed_at",
            "options",
        ]


class TallySerializer(serializers.Serializer):
    position = serializers.IntegerField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    area = serializers.DecimalField(max_digits=14, decimal_places=2)


class FailedConditionSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ResultSerializer(serializers.ModelSerializer):
    """The result counted once at close, with turnout; the ballots behind it stay in the halls app."""

    tallies = serializers.SerializerMethodField()
    failed = serializers.SerializerMethodField()
    published = serializers.BooleanField(
        read_only=True, help_text=_("False when a secret vote's ballots do not match its roll.")
    )
    withheld = serializers.CharField(read_only=True, help_text=_("Why the result is not published."))

    class Meta:
        model = Result
        fields = [
            "vote",
            "computed_at",
            "electorate",
            "electorate_area",
            "participants",
            "participating_area",
            "approved",
            "tallies",
            "failed",
            "published",
            "withheld",
        ]

    @extend_schema_field(TallySerializer(many=True))
    def get_tallies(self, result):
        if not result.published:
            return []
        rows = [
            {"position": o.position, "label": o.text, **result.tallies[str(o.position)]}
            for o in result.vote.options.all()
        ]
        return TallySerializer(rows, many=True).data

    @extend_schema_field(FailedConditionSerializer(many=True))
    def get_failed(self, result):
        rows = [{"code": code, "message": str(CONDITIONS.get(code, code))} for code in result.failed]
        return FailedConditionSerializer(rows, many=True).data


class MyBallotSerializer(serializers.Serializer):
    """An elector the person may vote for (their household, their council seat, or by proxy) and
    whether its ballot is in; the choices only of a named ballot."""

    elector = serializers.IntegerField(source="elector.pk")
    label = serializers.CharField(source="elector.label")
    by_proxy = serializers.BooleanField()
    voted = serializers.BooleanField()
    choices = serializers.ListField(
        child=serializers.IntegerField(), allow_null=True, help_text=_("Null for a secret ballot.")
    )


class BallotCastSerializer(serializers.Serializer):
    choices = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=32767),
        min_length=1,
        max_length=100,
        help_text=_("The positions of the options you choose."),
    )
    elector = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The elector you vote for, when you may vote for more than one (a proxy)."),
    )
