"""Organizations and their activities: sign-up, cancellation and check-in with the organizer's
minute code. What a person reaches is `selectors.organizations_reachable`; every write goes through
the organizations' services."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.access.visibility import get_visible_or_404
from apps.organizations.models import Activity, Signup
from apps.organizations.selectors.pages import with_figures
from apps.organizations.services.activities import signup_cancel, signup_create
from apps.organizations.services.attendance import check_in_by_code

from ..selectors import activities_reachable, organizations_reachable
from . import organization_serializers as s
from .base import ApiMixin, path_id
from .filters import ActivityFilter, FiltersWhenAsked, OrganizationFilter

REACH = "organizations.reach_organization"


class OrganizationList(ApiMixin, generics.ListAPIView):
    """Organizations of the places where you hold a role, and those you belong to or run."""

    serializer_class = s.OrganizationSerializer
    filter_backends = [FiltersWhenAsked]
    filterset_class = OrganizationFilter

    def get_queryset(self):
        return with_figures(organizations_reachable(self.request.user)).order_by("name", "pk")


class OrganizationDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.OrganizationSerializer

    def get_object(self):
        found = with_figures(organizations_reachable(self.request.user))
        return get_visible_or_404(self.request.user, found, perm=REACH, pk=path_id(self.kwargs["pk"]))


class ActivityList(ApiMixin, generics.ListAPIView):
    """Activities of those organizations, soonest first, with places taken and waiting."""

    serializer_class = s.ActivitySerializer
    filter_backends = [FiltersWhenAsked]
    filterset_class = ActivityFilter

    def get_queryset(self):
        return activities_reachable(self.request.user).order_by("starts_at", "pk")


def reachable_activity(request, pk: str) -> Activity:
    return get_visible_or_404(request.user, activities_reachable(request.user), perm=REACH, pk=path_id(pk))


class ActivityDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.ActivitySerializer

    def get_object(self):
        return reachable_activity(self.request, self.kwargs["pk"])


class MySignup(ApiMixin, APIView):
    """Your place at the activity. POST takes a place (or a place on the waitlist when it is full);
    DELETE gives it up before the start, and the first on the waitlist moves up."""

    @extend_schema(responses={200: s.SignupSerializer})
    def get(self, request, pk: str):
        return Response(s.SignupSerializer(_own_signup(reachable_activity(request, pk), request.user)).data)

    @extend_schema(request=None, responses={201: s.SignupSerializer})
    def post(self, request, pk: str):
        signup = signup_create(activity=reachable_activity(request, pk), user=request.user)
        return Response(s.SignupSerializer(signup).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.SignupSerializer})
    def delete(self, request, pk: str):
        signup = _own_signup(reachable_activity(request, pk), request.user)
        signup_cancel(signup=signup, user=request.user)
        signup.refresh_from_db()
        return Response(s.SignupSerializer(signup).data)


def _own_signup(activity: Activity, user) -> Signup:
    signup = Signup.objects.filter(activity=activity, user=user).first()
    if signup is None:
        raise exceptions.NotFound(_("You have not signed up for this activity."))
    return signup


class ActivityCheckIn(ApiMixin, APIView):
    """Check in at the venue with the code the organizer shows (it changes every minute)."""

    @extend_schema(request=s.CheckInSerializer, responses={200: s.SignupSerializer})
    def post(self, request, pk: str):
        activity = reachable_activity(request, pk)
        incoming = s.CheckInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        signup = check_in_by_code(activity=activity, user=request.user, code=incoming.validated_data["code"])
        return Response(s.SignupSerializer(signup).data)
