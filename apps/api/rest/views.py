"""The REST API, v1. Every list is `visible_to` the person, every object comes through
`get_visible_or_404`, every write through the services of its app."""

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.access.visibility import get_visible_or_404, visible_to
from apps.core.refusals import refusal_message
from apps.places.models import Place
from apps.places.selectors import labels_by_id, place_labels
from apps.reports.boards import board_replace
from apps.reports.dispatch import Seen, handler_choices, key_of, report_dispatch
from apps.reports.lifecycle import transitions_from
from apps.reports.models import Board, Report
from apps.reports.routing import default_route
from apps.reports.selectors import offered_categories
from apps.reports.services import TransitionError, report_transition
from apps.reports.suggestions import categories_suggest
from apps.reports.units import joinable_departments
from apps.reports.visits import report_visit

from ..models import ApiToken
from ..services import api_token_issue, api_token_revoke
from . import serializers as s
from .base import (
    AnonymousCreateThrottle,
    ApiMixin,
    NewestFirstPagination,
    PublicMixin,
    SuggestThrottle,
    path_id,
)
from .errors import Conflict
from .filters import BoardFilter, FiltersWhenAsked, PlaceFilter, ReportFilter
from .intake import api_report_submit


class LabelledListMixin:
    """Reads the labels of the places on one page in one query."""

    label_of = ""

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.labels = labels_by_id(self.places_of(page if page is not None else list(queryset)))
        return page

    def places_of(self, items) -> dict[int, tuple[str, str]]:
        """The path and name of each item's place, by the place's id."""
        places = [getattr(o, self.label_of) if self.label_of else o for o in items]
        return {p.pk: (p.path, p.name) for p in places if p is not None}

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "labels": getattr(self, "labels", {})}


class PlaceList(ApiMixin, LabelledListMixin, generics.ListAPIView):
    """The places you hold a role in, and everything below them."""

    serializer_class = s.PlaceSerializer
    filter_backends = [FiltersWhenAsked]
    filterset_class = PlaceFilter

    def get_queryset(self):
        return visible_to(self.request.user, Place.objects.order_by("path"))


class PlaceDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.PlaceSerializer

    def get_object(self):
        place = get_visible_or_404(self.request.user, Place.objects.all(), pk=path_id(self.kwargs["pk"]))
        self.labels = place_labels([place])
        return place

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "labels": getattr(self, "labels", {})}


class CategoryList(PublicMixin, generics.ListAPIView):
    """The problems one can report, minor categories under their major one. Public."""

    serializer_class = s.CategorySerializer
    pagination_class = None

    def get_queryset(self):
        return offered_categories().select_related("parent").order_by("parent__position", "position", "code")


class CategorySuggest(PublicMixin, APIView):
    """The categories that best match a description, best first (at most five). Public."""

    throttle_classes = [SuggestThrottle]

    @extend_schema(request=s.SuggestRequestSerializer, responses={200: s.SuggestionsSerializer})
    def post(self, request):
        incoming = s.SuggestRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        place_id = incoming.validated_data.get("place")
        # a place the caller may not see is ignored, as one that does not exist
        place = (
            visible_to(request.user, Place.objects.all()).filter(pk=place_id).first() if place_id else None
        )
        suggestions = categories_suggest(text=incoming.validated_data["text"], place=place)
        return Response(s.SuggestionsSerializer({"suggestions": suggestions}).data)


class ReportList(ApiMixin, LabelledListMixin, generics.ListCreateAPIView):
    """Reports you may see, newest first; post one at a QR board (no account needed) or at a place
    you may report from."""

    label_of = "place"
    serializer_class = s.ReportSerializer
    pagination_class = NewestFirstPagination
    filter_backends = [FiltersWhenAsked]
    filterset_class = ReportFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_classes = [AnonymousCreateThrottle]

    def get_permissions(self):
        return [] if self.request.method == "POST" else super().get_permissions()

    def get_queryset(self):
        reports = visible_to(self.request.user, Report.objects.all(), perm="reports.view_report")
        return reports.values(*s.REPORT_COLUMNS)

    def places_of(self, items) -> dict[int, tuple[str, str]]:
        return {row["place"]: (row["place__path"], row["place__name"]) for row in items}

    @extend_schema(request=s.ReportCreateSerializer, responses={201: s.ReportSerializer})
    def post(self, request, *args, **kwargs):
        incoming = s.ReportCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        report = api_report_submit(user=request.user, data=incoming.validated_data)
        self.labels = place_labels([report.place])
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


def visible_report(request, tracking_number: str) -> Report:
    reports = Report.objects.select_related("category", "place")
    return get_visible_or_404(
        request.user, reports, perm="reports.view_report", tracking_number=tracking_number
    )


class ReportDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.ReportSerializer

    def get_object(self):
        report = visible_report(self.request, self.kwargs["tracking_number"])
        self.labels = place_labels([report.place])
        return report

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "labels": getattr(self, "labels", {})}


class ReportTimeline(ApiMixin, generics.ListAPIView):
    """The steps of a report, as the resident sees them."""

    serializer_class = s.TimelineEventSerializer
    pagination_class = None

    def get_queryset(self):
        report = visible_report(self.request, self.kwargs["tracking_number"])
        return report.events.order_by("created_at", "pk")


class ReportTransitions(ApiMixin, APIView):
    """GET: the steps you may take now; POST: take one."""

    @extend_schema(responses={200: s.TransitionOptionSerializer(many=True)})
    def get(self, request, tracking_number: str):
        report = visible_report(request, tracking_number)
        options = [
            {
                "action": t.name,
                "label": str(t.label),
                "needs_note": t.needs_note,
                "url": reverse(s.OWN_ENDPOINTS.get(t.name, "api:report-transitions"), args=[tracking_number]),
            }
            for t in transitions_from(report.status)
            if request.user.has_perm(t.permission, report)
        ]
        return Response(s.TransitionOptionSerializer(options, many=True).data)

    @extend_schema(request=s.TransitionSerializer, responses={200: s.ReportSerializer})
    def post(self, request, tracking_number: str):
        report = visible_report(request, tracking_number)
        incoming = s.TransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        merged_into = None
        if data["action"] == "merge":
            merged_into = _merge_target(request, data.get("merged_into", ""))
        report = _transition(
            report=report,
            action=data["action"],
            actor=request.user,
            note=data["note"],
            merged_into=merged_into,
        )
        return Response(s.ReportSerializer(report, context={"labels": place_labels([report.place])}).data)


class ReportRating(ApiMixin, APIView):
    """The reporter rates a resolved report; an unsatisfied rating reopens it."""

    @extend_schema(request=s.RatingSerializer, responses={200: s.ReportSerializer})
    def post(self, request, tracking_number: str):
        report = visible_report(request, tracking_number)
        incoming = s.RatingSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        report = _transition(report=report, action="rate", actor=request.user, **incoming.validated_data)
        return Response(s.ReportSerializer(report, context={"labels": place_labels([report.place])}).data)


class ReportVisit(ApiMixin, APIView):
    """回访: staff record how they reached the resident of a resolved report left unrated, and the
    resident's answers; an unsatisfied or unsolved answer reopens the report."""

    @extend_schema(request=s.VisitSerializer, responses={201: s.ReportSerializer})
    def post(self, request, tracking_number: str):
        report = visible_report(request, tracking_number)
        incoming = s.VisitSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        visit = _refused_as_api(report_visit, report=report, by=request.user, **incoming.validated_data)
        labels = place_labels([visit.report.place])
        return Response(s.ReportSerializer(visit.report, context={"labels": labels}).data, status=201)


class ReportDispatch(ApiMixin, APIView):
    """派单: GET whom the report may go to; POST dispatch it to one of them, correcting its category
    and urgency and adding co-handlers (协办) in the same step."""

    @extend_schema(responses={200: s.DispatchOptionsSerializer})
    def get(self, request, tracking_number: str):
        report = self._dispatchable(request, tracking_number)
        options = {
            "seen_event": Seen.of(report).event,
            "suggested": key_of(default_route(place=report.place, category=report.category)),
            "choices": [{"key": c.key, "label": str(c.label)} for c in handler_choices(report)],
            "cohandlers": [{"id": d.pk, "label": str(d)} for d in joinable_departments(report)],
        }
        return Response(s.DispatchOptionsSerializer(options).data)

    @extend_schema(request=s.DispatchSerializer, responses={200: s.ReportSerializer})
    def post(self, request, tracking_number: str):
        report = self._dispatchable(request, tracking_number)
        incoming = s.DispatchSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            report = report_dispatch(
                report=report,
                by=request.user,
                handler=data["handler"],
                seen=Seen(report.status, data["seen_event"]),
                category=data.get("category"),
                urgent=data["urgent"],
                note=data["note"],
                cohandlers=data["cohandlers"],
            )
        except PermissionDenied as refused:
            raise exceptions.PermissionDenied(_("You cannot take this step on this report.")) from refused
        except ValidationError as refused:
            if hasattr(refused, "error_dict"):  # a field the dispatcher chose: the handler, a co-handler
                raise exceptions.ValidationError(refused.message_dict) from refused
            raise Conflict(refusal_message(refused)) from refused  # changed meanwhile, or not dispatchable
        return Response(s.ReportSerializer(report, context={"labels": place_labels([report.place])}).data)

    @staticmethod
    def _dispatchable(request, tracking_number: str) -> Report:
        report = visible_report(request, tracking_number)
        if not request.user.has_perm("reports.dispatch_report", report):
            raise exceptions.PermissionDenied(_("You cannot take this step on this report."))
        return report


def _merge_target(request, tracking_number: str) -> Report:
    try:
        return visible_report(request, tracking_number)
    except Http404 as missing:
        raise exceptions.ValidationError(
            {"merged_into": [_("Choose the open report this one duplicates.")]}
        ) from missing


def _transition(**kwargs) -> Report:
    return _refused_as_api(report_transition, **kwargs)


def _refused_as_api(step, **kwargs):
    try:
        return step(**kwargs)
    except TransitionError as refused:
        raise Conflict(refusal_message(refused)) from refused
    except PermissionDenied as refused:
        raise exceptions.PermissionDenied(_("You cannot take this step on this report.")) from refused


class BoardList(ApiMixin, LabelledListMixin, generics.ListAPIView):
    """QR boards of the places you run (community staff and officials)."""

    label_of = "place"
    serializer_class = s.BoardSerializer
    filter_backends = [FiltersWhenAsked]
    filterset_class = BoardFilter

    def get_queryset(self):
        boards = Board.objects.select_related("place").order_by("place__path", "pk")
        return visible_to(self.request.user, boards, perm="reports.view_board")


def visible_board(request, pk: str) -> Board:
    boards = Board.objects.select_related("place")
    return get_visible_or_404(request.user, boards, perm="reports.view_board", pk=path_id(pk))


class BoardDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.BoardSerializer

    def get_object(self):
        return visible_board(self.request, self.kwargs["pk"])


class BoardReplace(ApiMixin, APIView):
    """Revoke a board (lost, defaced, misused) and issue its successor."""

    @extend_schema(request=None, responses={201: s.BoardSerializer})
    def post(self, request, pk: str):
        board = visible_board(request, pk)
        if not request.user.has_perm("reports.change_board", board):
            raise exceptions.PermissionDenied()
        successor = board_replace(board=board)
        return Response(s.BoardSerializer(successor, context={"request": request}).data, status=201)


class TokenList(ApiMixin, generics.ListAPIView):
    """Your API tokens; POST issues a new one (shown once)."""

    serializer_class = s.ApiTokenSerializer
    pagination_class = None

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user, revoked_at__isnull=True)

    @extend_schema(request=s.ApiTokenSerializer, responses={201: s.IssuedTokenSerializer})
    def post(self, request):
        incoming = s.ApiTokenSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        token, secret = api_token_issue(user=request.user, name=incoming.validated_data.get("name", ""))
        return Response({**s.ApiTokenSerializer(token).data, "token": secret}, status=201)


class TokenRevoke(ApiMixin, APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: str):
        token = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True, pk=path_id(pk)).first()
        if token is None:
            raise exceptions.NotFound()
        api_token_revoke(token=token)
        return Response(status=204)


class TokenObtain(PublicMixin, APIView):
    """Exchange a login and password for a new API token."""

    throttle_classes = [AnonymousCreateThrottle]

    @extend_schema(request=s.CredentialsSerializer, responses={201: s.IssuedTokenSerializer})
    def post(self, request):
        incoming = s.CredentialsSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        user = _authenticate(request, data["login"], data["password"])
        if user is None:
            raise exceptions.AuthenticationFailed(_("The login or the password is not right."))
        with transaction.atomic():
            token, secret = api_token_issue(user=user, name=data["name"])
        return Response({**s.ApiTokenSerializer(token).data, "token": secret}, status=201)


def _authenticate(request, login: str, password: str):
    for key in ("username", "email", "phone"):
        try:
            user = authenticate(request._request, **{key: login, "password": password})
        except (ValidationError, ValueError):
            user = None
        if user is not None and user.is_active:
            return user
    return None
