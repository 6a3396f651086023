"""The shapes of the REST API. Reads only: every write goes through a service."""

from functools import lru_cache
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from apps.core.photos import MAX_PHOTOS
from apps.places.models import Department, Place
from apps.reports.lifecycle import TRANSITIONS, Status, event_label
from apps.reports.models import Board, Category, Report, ReturnVisit, TimelineEvent
from apps.reports.selectors import offered_categories
from apps.reports.services import MAX_DESCRIPTION

from ..models import ApiToken


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.Field):
    """The place's label ('中上园5号院 3号楼 2单元') from labels the view read for the whole page."""

    def __init__(self, place_attribute: str = "", **kwargs):
        self.place_attribute = place_attribute
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, obj) -> str:
        place = getattr(obj, self.place_attribute) if self.place_attribute else obj
        return self.context.get("labels", {}).get(place.pk, place.name)


class PlaceSerializer(serializers.ModelSerializer):
    label = LabelField()

    class Meta:
        model = Place
        fields = ["id", "kind", "name", "label", "code", "depth", "latitude", "longitude", "phone"]


class CategorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    handler = serializers.CharField(read_only=True, help_text=_("property, community or street"))

    class Meta:
        model = Category
        fields = [
            "id",
            "code",
            "name",
            "parent",
            "guidance",
            "keywords",
            "handler",
            "urgent",
            "dispatch_minutes",
            "response_hours",
            "resolve_days",
        ]


class SuggestRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_DESCRIPTION, help_text=_("The problem in the resident's words")
    )
    place = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Where it is: suggestions learnt from that street's reports"),
    )


class SuggestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField(help_text=_("The model's confidence, 0 to 1"))


class SuggestionsSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


class ReportSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    place_label = LabelField("place")
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "tracking_number",
            "status",
            "status_label",
            "category",
            "category_name",
            "place",
            "place_label",
            "community",
            "description",
            "urgent",
            "source",
            "handler_kind",
            "created_at",
            "dispatch_due",
            "response_due",
            "resolve_due",
            "responded_at",
            "resolved_at",
            "closed_at",
            "satisfaction",
            "solved",
            "rated_at",
        ]

    def to_representation(self, report):
        """The fields above read straight off the report, as the fields themselves read them (a test
        compares the two): DRF's lookup per field and row cost more than the rest of a page of 50.
        The list reads its reports as rows of `REPORT_COLUMNS`, cheaper than models."""
        row = report if isinstance(report, dict) else _row_of(report)
        moment = _moment_in(timezone.get_current_timezone())
        return {
            "id": row["id"],
            "tracking_number": row["tracking_number"],
            "status": row["status"],
            "status_label": str(STATUS_LABELS.get(row["status"], row["status"])),
            "category": row["category__code"],
            "category_name": _category_name(row),
            "place": row["place"],
            "place_label": self.context.get("labels", {}).get(row["place"], row["place__name"]),
            "community": row["community"],
            "description": row["description"],
            "urgent": row["urgent"],
            "source": row["source"],
            "handler_kind": row["handler_kind"],
            "created_at": moment(row["created_at"]),
            "dispatch_due": moment(row["dispatch_due"]),
            "response_due": moment(row["response_due"]),
            "resolve_due": moment(row["resolve_due"]),
            "responded_at": moment(row["responded_at"]),
            "resolved_at": moment(row["resolved_at"]),
            "closed_at": moment(row["closed_at"]),
            "satisfaction": row["satisfaction"],
            "solved": row["solved"],
            "rated_at": moment(row["rated_at"]),
        }


def _moment_in(zone):
    """A date-time field's reading in `zone`, the one a DateTimeField asks the active time zone for at
    every value: an aware moment in ISO 8601, "Z" for UTC (a test compares the two)."""
    if zone not in _MOMENTS:
        as_the_field_reads = serializers.DateTimeField(default_timezone=zone).to_representation

        def reading(value):
            if not value or value.tzinfo is None:
                return as_the_field_reads(value)
            text = value.astimezone(zone).isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text

        _MOMENTS[zone] = reading
    return _MOMENTS[zone]


_MOMENTS: dict = {}
STATUS_LABELS = dict(Status.choices)
# What ReportSerializer reads of a report, its category and its place (a label needs the place's path).
_DERIVED = ("status_label", "category", "category_name", "place_label")
_OWN_COLUMNS = tuple(name for name in ReportSerializer.Meta.fields if name not in _DERIVED)
_CATEGORY_NAMES = tuple(build_localized_fieldname("name", language) for language in AVAILABLE_LANGUAGES)
REPORT_COLUMNS = (
    *_OWN_COLUMNS,
    "category__code",
    *(f"category__{name}" for name in _CATEGORY_NAMES),
    "place__name",
    "place__path",
)
_RELATED = {"place": "place_id", "community": "community_id"}


def _row_of(report: Report) -> dict:
    category, place = report.category, report.place
    return {
        **{name: getattr(report, _RELATED.get(name, name)) for name in _OWN_COLUMNS},
        "category__code": category.code,
        **{f"category__{name}": getattr(category, name) for name in _CATEGORY_NAMES},
        "place__name": place.name,
    }


def _category_name(row: dict) -> str:
    return _name_in(get_language(), tuple(row[f"category__{name}"] for name in _CATEGORY_NAMES))


@lru_cache(maxsize=1024)
def _name_in(language: str, names: tuple) -> str:
    """A category's name in `language`, the active one, as the model reads it (modeltranslation's
    fallbacks) from its names in each language."""
    in_each = SimpleNamespace(**dict(zip(_CATEGORY_NAMES, names, strict=True)))
    return str(Category.name.__get__(in_each, Category))


class ReportCreateSerializer(serializers.Serializer):
    board = serializers.CharField(
        required=False, help_text=_("The token of the QR board the report is made at (no account needed).")
    )
    place = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("A place you may report from, when signed in (instead of a board)."),
    )
    category = serializers.CharField(help_text=_("The code of a minor category."))
    description = serializers.CharField(max_length=MAX_DESCRIPTION)
    contact_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    submission_key = serializers.UUIDField(
        required=False, help_text=_("Send the same key again to retry safely: one report is made.")
    )
    photos = serializers.ListField(
        child=serializers.ImageField(), required=False, default=list, max_length=MAX_PHOTOS
    )

    def validate(self, data):
        if bool(data.get("board")) == (data.get("place") is not None):
            raise serializers.ValidationError(_("Give either a board or a place."))
        return data


class TimelineEventSerializer(serializers.ModelSerializer):
    """A step as residents see it: by role, never by name."""

    label = serializers.SerializerMethodField()
    status_after = serializers.CharField(read_only=True, help_text=_("The report's status after the step."))

    class Meta:
        model = TimelineEvent
        fields = ["action", "label", "status_after", "actor_kind", "note", "created_at"]

    def get_label(self, event) -> str:
        return str(event_label(event.action))


# steps that ask more than a note have their own endpoint: dispatch by a person, the reporter's rating,
# a return visit
OWN_ENDPOINTS = {"dispatch": "api:report-dispatch", "rate": "api:report-rating", "visit": "api:report-visit"}


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(set(TRANSITIONS) - set(OWN_ENDPOINTS)))
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_DESCRIPTION)
    merged_into = serializers.CharField(
        required=False, help_text=_("For “merge”: the tracking number of the report this one duplicates.")
    )


class TransitionOptionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    needs_note = serializers.BooleanField()
    url = serializers.CharField(help_text=_("Where the step is taken: POST there."))


class RatingSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(choices=Report.Satisfaction.choices)
    solved = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_DESCRIPTION)


class VisitSerializer(RatingSerializer):
    """回访: how staff reached the resident, and the resident's answers."""

    channel = serializers.ChoiceField(choices=ReturnVisit.Channel.choices)


class BoardSerializer(serializers.ModelSerializer):
    place_label = LabelField("place")
    scan_url = serializers.SerializerMethodField()

    class Meta:
        model = Board
        fields = [
            "id",
            "place",
            "place_label",
            "spot",
            "token",
            "scan_url",
            "created_at",
            "revoked_at",
            "replaced_by",
            "scan_count",
            "last_scanned_at",
        ]

    def get_scan_url(self, board) -> str:
        url = reverse("reports:scan", kwargs={"token": board.token})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
        read_only_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]


class IssuedTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text=_("Shown only once: keep it safe."))

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]


class CredentialsSerializer(serializers.Serializer):
    login = serializers.CharField(help_text=_("Your username, e-mail address or mobile number."))
    password = serializers.CharField(style={"input_type": "password"})
    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=60)


class HandlerChoiceSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("What to send as “handler”."))
    label = serializers.CharField()


class CohandlerChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class DispatchOptionsSerializer(serializers.Serializer):
    """What a dispatcher sees: whom the report may go to, the suggested handler, and the report's last
    step, to be sent back so that of two dispatchers only the first is taken."""

    seen_event = serializers.IntegerField()
    suggested = serializers.CharField()
    choices = HandlerChoiceSerializer(many=True)
    cohandlers = CohandlerChoiceSerializer(many=True)


class DispatchSerializer(serializers.Serializer):
    handler = serializers.CharField(max_length=40, help_text=_("A “key” of the choices."))
    seen_event = serializers.IntegerField(
        min_value=0,
        help_text=_("The “seen_event” read with the choices: the report must not have changed since."),
    )
    category = serializers.SlugRelatedField(slug_field="code", queryset=offered_categories(), required=False)
    urgent = serializers.BooleanField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_DESCRIPTION)
    cohandlers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Department.objects.filter(is_active=True), required=False, default=list
    )
