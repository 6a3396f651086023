"""Query filters of the REST lists (django-filter); they narrow what `visible_to` already allows."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from apps.halls.models import Meeting, Topic, Vote
from apps.halls.procedure import TopicStatus
from apps.organizations.models import Activity, Organization
from apps.places.models import Place, PlaceKind
from apps.reports.lifecycle import Status
from apps.reports.models import Board, Report

MAX_ID = 2**63 - 1


class IdFilter(filters.NumberFilter):
    """A whole number that a database column can hold; anything else matches nothing."""

    def filter(self, queryset, value):
        if value is not None and (value != int(value) or not 0 <= value <= MAX_ID):
            return queryset.none()
        return super().filter(queryset, int(value) if value is not None else None)


class WithinFilter(IdFilter):
    """The place with this id and everything below it."""

    def __init__(self, *args, path_field: str = "path", **kwargs):
        self.path_field = path_field
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value is None:
            return queryset
        if value != int(value) or not 0 <= value <= MAX_ID:
            return queryset.none()
        path = Place.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(**{f"{self.path_field}__startswith": path})


class FiltersWhenAsked(DjangoFilterBackend):
    """Filters only when the query string names a filter: an unfiltered list skips building the
    filter set's form, a deep copy of every field and its choices on each request."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        names = filterset_class.base_filters if filterset_class else ()
        if not any(key.startswith(name) for key in request.query_params for name in names):
            return queryset
        return super().filter_queryset(request, queryset, view)


class PlaceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=PlaceKind.choices)
    within = WithinFilter(label=_("Within the place"))
    name = filters.CharFilter(lookup_expr="icontains")
    depth = IdFilter()

    class Meta:
        model = Place
        fields = ["kind", "depth", "code"]


class ReportFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=Status.choices)
    category = filters.CharFilter(field_name="category__code")
    community = IdFilter(field_name="community_id")
    within = WithinFilter(path_field="place__path", label=_("Within the place"))
    created_after = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Report
        fields = ["status", "category", "community", "urgent", "source", "handler_kind"]


class BoardFilter(filters.FilterSet):
    within = WithinFilter(path_field="place__path", label=_("Within the place"))
    place = IdFilter(field_name="place_id")
    revoked = filters.BooleanFilter(field_name="revoked_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Board
        fields = ["spot", "place"]


class TopicFilter(filters.FilterSet):
    hall = IdFilter(field_name="hall_id")
    status = filters.MultipleChoiceFilter(choices=TopicStatus.choices)

    class Meta:
        model = Topic
        fields = ["hall", "status"]


class VoteFilter(filters.FilterSet):
    hall = IdFilter(field_name="hall_id")
    topic = IdFilter(field_name="topic_id")
    status = filters.MultipleChoiceFilter(choices=Vote.Status.choices, method="filter_state")

    class Meta:
        model = Vote
        fields = ["hall", "topic", "status"]

    def filter_state(self, queryset, name, value):
        return queryset.in_state(*value) if value else queryset


class MeetingFilter(filters.FilterSet):
    hall = IdFilter(field_name="hall_id")
    status = filters.MultipleChoiceFilter(choices=Meeting.Status.choices)
    starts_after = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Meeting
        fields = ["hall", "status"]


class OrganizationFilter(filters.FilterSet):
    within = WithinFilter(path_field="place__path", label=_("Within the place"))
    category = filters.ChoiceFilter(choices=Organization.Category.choices)
    kind = filters.ChoiceFilter(choices=Organization.Kind.choices)
    status = filters.MultipleChoiceFilter(choices=Organization.Status.choices)
    federation = IdFilter(field_name="parent_id")

    class Meta:
        model = Organization
        fields = ["category", "kind", "status"]


class ActivityFilter(filters.FilterSet):
    organization = IdFilter(field_name="organization_id")
    kind = filters.ChoiceFilter(choices=Activity.Kind.choices)
    starts_after = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    cancelled = filters.BooleanFilter(field_name="cancelled_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Activity
        fields = ["organization", "kind", "audience"]
