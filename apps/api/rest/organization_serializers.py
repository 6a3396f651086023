"""The shapes of organizations, activities and a person's own sign-up. Reads only: sign-up,
cancellation and check-in go through the organizations' services. An activity's check-in secret
is never part of a shape."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.organizations.models import Activity, Organization, Signup


class OrganizationSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    place_name = serializers.CharField(source="place.name", read_only=True)
    members_count = serializers.IntegerField(read_only=True)
    hours_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "kind",
            "category",
            "category_label",
            "status",
            "status_label",
            "parent",
            "place",
            "place_name",
            "description",
            "contact",
            "members_count",
            "hours_total",
            "created_at",
        ]


class ActivitySerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    taken = serializers.IntegerField(read_only=True, help_text=_("Confirmed places."))
    waiting = serializers.IntegerField(read_only=True, help_text=_("People on the waitlist."))

    class Meta:
        model = Activity
        fields = [
            "id",
            "organization",
            "organization_name",
            "kind",
            "kind_label",
            "title",
            "description",
            "venue",
            "starts_at",
            "ends_at",
            "capacity",
            "taken",
            "waiting",
            "waitlist",
            "audience",
            "cancelled_at",
            "people_served",
        ]


class SignupSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Signup
        fields = [
            "id",
            "activity",
            "status",
            "status_label",
            "queued_at",
            "checked_in_at",
            "checked_out_at",
            "hours",
        ]


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=64, help_text=_("The code shown by the organizer now; it changes every minute.")
    )
