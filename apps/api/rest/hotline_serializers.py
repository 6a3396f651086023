"""The shapes of the city-order endpoint: an order as the hotline's platform sends it, and the answer."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from apps.hotline.addresses import CategoryFinder, PlaceFinder
from apps.hotline.services import MAX_NUMBER, OrderValues, order_values_from
from apps.reports.services import MAX_DESCRIPTION


class CityOrderInSerializer(serializers.Serializer):
    order_number = serializers.CharField(
        max_length=MAX_NUMBER, help_text=gettext_lazy("The city's order number.")
    )
    sent_at = serializers.DateTimeField(help_text=gettext_lazy("When the city sent the order down."))
    text = serializers.CharField(max_length=MAX_DESCRIPTION, help_text=gettext_lazy("The caller's words."))
    caller_phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    address = serializers.CharField(
        max_length=200, help_text=gettext_lazy("A place's code, or its names from the community down.")
    )
    category = serializers.CharField(max_length=120, help_text=gettext_lazy("A category's code or name."))
    urgent = serializers.BooleanField(required=False, default=False)
    response_due = serializers.DateTimeField(required=False, allow_null=True, default=None)
    resolve_due = serializers.DateTimeField(required=False, allow_null=True, default=None)

    def validate_address(self, address: str):
        self.place = PlaceFinder([self.context["client"].place]).find(address)
        if self.place is None:
            raise serializers.ValidationError(
                _("No place of yours is at “%(address)s”.") % {"address": address}
            )
        return address

    def validate_category(self, name: str):
        self.category = CategoryFinder().find(name)
        if self.category is None:
            raise serializers.ValidationError(_("No listed problem is called “%(name)s”.") % {"name": name})
        return name

    def values(self) -> OrderValues:
        data = self.validated_data
        return order_values_from(data, number=data["order_number"], place=self.place, category=self.category)


class CityOrderOutSerializer(serializers.Serializer):
    order_number = serializers.CharField(source="number")
    tracking_number = serializers.CharField(source="report.tracking_number")
    status = serializers.CharField(source="report.status")
    outcome = serializers.ChoiceField(
        choices=["created", "updated", "unchanged"], help_text=gettext_lazy("What this request did.")
    )
