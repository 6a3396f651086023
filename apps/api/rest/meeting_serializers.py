"""The shapes of meetings (议事会). Reads only: registering and signing in go through the halls'
services. A meeting shows how many attended once it is closed, never who; its minutes only once
the attendees have approved and published them."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.halls.models import Attendance, Meeting, Minutes, Registration


class AgendaTopicSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    topic = serializers.IntegerField(source="topic_id")
    title = serializers.CharField(source="topic.title")


class MeetingSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    agenda = AgendaTopicSerializer(source="items", many=True, read_only=True)
    taken = serializers.IntegerField(read_only=True, help_text=_("Places taken."))
    waiting = serializers.IntegerField(read_only=True, help_text=_("People on the waitlist."))
    my_registration = serializers.ChoiceField(
        source="my_status",
        choices=Registration.Status.choices,
        read_only=True,
        allow_null=True,
        help_text=_("Your registration: null if you have not registered."),
    )
    signed_in = serializers.BooleanField(read_only=True, help_text=_("You signed in at the meeting."))
    attendees = serializers.SerializerMethodField(help_text=_("How many attended, once closed."))
    minutes = serializers.SerializerMethodField(help_text=_("The approved minutes, once published."))

    class Meta:
        model = Meeting
        fields = [
            "id",
            "hall",
            "title",
            "description",
            "status",
            "status_label",
            "starts_at",
            "ends_at",
            "venue",
            "online_url",
            "capacity",
            "waitlist",
            "invited_only",
            "taken",
            "waiting",
            "agenda",
            "my_registration",
            "signed_in",
            "attendees",
            "minutes",
        ]

    def get_attendees(self, meeting) -> int | None:
        return meeting.attendees if meeting.status == Meeting.Status.CLOSED else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_minutes(self, meeting):
        record = getattr(meeting, "minutes", None)
        return record.body if record is not None and record.status == Minutes.Status.PUBLISHED else None


class RegistrationSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Registration
        fields = ["meeting", "status", "status_label", "queued_at"]


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["meeting", "method", "at"]


class SignInSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=64, help_text=_("The code shown at the venue now; it changes every minute.")
    )
