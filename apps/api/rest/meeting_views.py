"""Meetings (议事会) of the halls a person belongs to: the list and one meeting, registering (or
waiting for a place) and cancelling, and signing in with the code shown at the venue. A meeting is
found as its page finds it (`get_visible_or_404` with `halls.read_hall`); every write goes
through the halls' services, whose refusals come in the person's language."""

from django.db.models import prefetch_related_objects
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.access.visibility import get_visible_or_404
from apps.halls.meetings import selectors
from apps.halls.meetings.services import registration_cancel, registration_create, sign_in_by_code
from apps.halls.models import Meeting, Registration

from ..selectors import agenda_prefetch, meetings_of
from . import meeting_serializers as s
from .base import ApiMixin, path_id
from .filters import FiltersWhenAsked, MeetingFilter


class MeetingList(ApiMixin, generics.ListAPIView):
    """Meetings of your halls, the latest first: time, venue or link, agenda, places and your registration."""

    serializer_class = s.MeetingSerializer
    filter_backends = [FiltersWhenAsked]
    filterset_class = MeetingFilter

    def get_queryset(self):
        return meetings_of(self.request.user)


def member_meeting(request, pk: str, perm: str = "halls.take_part") -> Meeting:
    queryset = selectors.meetings_with_standing(request.user)
    return get_visible_or_404(request.user, queryset, perm=perm, pk=path_id(pk))


class MeetingDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.MeetingSerializer

    def get_object(self):
        meeting = member_meeting(self.request, self.kwargs["pk"], "halls.read_hall")
        prefetch_related_objects([meeting], agenda_prefetch())
        return meeting


class MyRegistration(ApiMixin, APIView):
    """Your place at the meeting. POST takes a place (or a place on the waitlist when it is full);
    DELETE gives it up before the start, and the first on the waitlist moves up."""

    @extend_schema(request=None, responses={201: s.RegistrationSerializer})
    def post(self, request, pk: str):
        registration = registration_create(meeting=member_meeting(request, pk), user=request.user)
        return Response(s.RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.RegistrationSerializer})
    def delete(self, request, pk: str):
        meeting = member_meeting(request, pk)
        registration_cancel(meeting=meeting, user=request.user)
        registration = Registration.objects.get(meeting=meeting, user=request.user)
        return Response(s.RegistrationSerializer(registration).data)


class MeetingSignIn(ApiMixin, APIView):
    """Sign in at the venue with the code shown there (it changes every minute)."""

    @extend_schema(request=s.SignInSerializer, responses={201: s.AttendanceSerializer})
    def post(self, request, pk: str):
        meeting = member_meeting(request, pk)
        incoming = s.SignInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        attendance = sign_in_by_code(meeting=meeting, user=request.user, code=incoming.validated_data["code"])
        return Response(s.AttendanceSerializer(attendance).data, status=status.HTTP_201_CREATED)
