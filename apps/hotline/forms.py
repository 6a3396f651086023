"""Staff forms of city orders: an order entered by hand as the hotline sent it, and the period of
the results to send back."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.access.visibility import outermost_places
from apps.places.models import Place
from apps.reports.models import Category

from .addresses import PlaceFinder
from .services import OrderValues, order_values_from


class CityOrderForm(forms.Form):
    number = forms.CharField(label=_("city order number"), max_length=64)
    sent_at = forms.DateTimeField(label=_("sent down at"), initial=timezone.now)
    address = forms.CharField(
        label=_("address"),
        max_length=200,
        help_text=_("A place's code, or its names from the community down, e.g. 中上园5号院 3号楼 2单元."),
    )
    category = forms.ModelChoiceField(
        label=_("category"),
        queryset=Category.objects.filter(parent__isnull=False, is_active=True).select_related("parent"),
    )
    text = forms.CharField(label=_("the caller's words"), widget=forms.Textarea(attrs={"rows": 4}))
    caller_phone = forms.CharField(label=_("caller's phone"), max_length=20, required=False)
    urgent = forms.BooleanField(label=_("urgent"), required=False)
    response_due = forms.DateTimeField(label=_("city's deadline to respond"), required=False)
    resolve_due = forms.DateTimeField(label=_("city's deadline to resolve"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        areas = Place.objects.filter(path__in=outermost_places(user, "hotline.add_cityorder"))
        self.places = PlaceFinder(areas.order_by("path"))

    def clean_address(self):
        address = self.cleaned_data["address"]
        self.place = self.places.find(address)
        if self.place is None:
            raise forms.ValidationError(_("No place of yours is at “%(address)s”.") % {"address": address})
        return address

    def values(self) -> OrderValues:
        data = self.cleaned_data
        return order_values_from(data, number=data["number"], place=self.place, category=data["category"])


class ResultsForm(forms.Form):
    first = forms.DateField(label=_("orders sent from"))
    last = forms.DateField(label=pgettext_lazy("the end of a period", "to"))
    file_format = forms.ChoiceField(label=_("format"), choices=[("xlsx", "XLSX"), ("csv", "CSV")])

    MAX_DAYS = 366

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and last < first:
            raise forms.ValidationError(_("The period ends before it starts."))
        if first and last and last - first > timedelta(days=self.MAX_DAYS):
            raise forms.ValidationError(_("Export at most a year of orders at a time."))
        return data
