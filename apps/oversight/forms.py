"""The period and filters every oversight page takes from its query string, checked before use."""

from datetime import timedelta

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.reports.models import Category, Report

from .selectors import BREAKDOWNS, NO_COMPOUND, NO_UNIT, STATES, Period

DEFAULT_DAYS = 30
LONGEST = timedelta(days=3 * 366)


class CategorySelect(forms.Select):
    """The category list written out directly: sixty-odd options through the template engine took
    longer than all the figures of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = "" if value in (None, "") else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), mark_safe(" selected") if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


def _minor_categories():
    """Named with their major category (Category.__str__): fetched with it, not one query each."""
    return Category.objects.filter(parent__isnull=False).select_related("parent")


class PeriodForm(forms.Form):
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.select_related("parent").order_by("parent__position", "position", "code"),
        required=False,
        empty_label=_("All categories"),
        widget=CategorySelect,
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        until = data.get("until") or today
        since = data.get("since") or until - timedelta(days=DEFAULT_DAYS - 1)
        if since > until:
            raise forms.ValidationError(_("The period must start before it ends."))
        if until - since > LONGEST:
            raise forms.ValidationError(_("Choose a period of at most three years."))
        data["period"] = Period(since, until)
        return data


def period_form(params) -> PeriodForm:
    """Bound to the query string, so a page always knows its period; empty fields take the defaults."""
    return PeriodForm(params)


class DrillDownForm(PeriodForm):
    """Which reports a figure stands for."""

    community = forms.IntegerField(required=False, min_value=1)
    compound = forms.RegexField(required=False, regex=rf"^(?:[1-9][0-9]{{0,9}}|{NO_COMPOUND})$")
    place = forms.IntegerField(required=False, min_value=1)
    management_unit = forms.RegexField(required=False, regex=rf"^(?:[1-9][0-9]{{0,9}}|{NO_UNIT})$")
    major = forms.IntegerField(required=False, min_value=1)
    department = forms.IntegerField(required=False, min_value=1)
    state = forms.ChoiceField(required=False, choices=[("", "")] + [(s, s) for s in STATES])
    source = forms.ChoiceField(required=False, choices=[("", ""), *Report.Source.choices])
    page = forms.IntegerField(required=False, min_value=1, max_value=1000)

    def clean_management_unit(self):
        return _id_or_none(self.cleaned_data["management_unit"], NO_UNIT)

    def clean_compound(self):
        return _id_or_none(self.cleaned_data["compound"], NO_COMPOUND)

    def clean(self):
        data = super().clean()
        # a figure of a period links with its dates; one of "now" has none and counts every day
        data["dated"] = bool(self.data.get("since") or self.data.get("until"))
        return data


def _id_or_none(value: str, none: str):
    """An id, the word for "none of them", or nothing."""
    return int(value) if value and value != none else value or None


class BreakdownForm(forms.Form):
    by = forms.ChoiceField(required=False, choices=[(key, key) for key in BREAKDOWNS])


class MonthForm(forms.Form):
    month = forms.DateField(label=_("Month"), required=False, input_formats=["%Y-%m"])

    def clean_month(self):
        month = self.cleaned_data["month"] or timezone.localdate()
        return month.replace(day=1)


class WeekForm(forms.Form):
    week = forms.DateField(label=_("Week of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(required=False, choices=[("", "html"), ("csv", "csv"), ("xlsx", "xlsx")])

    def clean_week(self):
        day = self.cleaned_data["week"] or timezone.localdate() - timedelta(days=7)
        return day - timedelta(days=day.weekday())


class WarningActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("acknowledge", "acknowledge"), ("task", "task")])
    category = forms.ModelChoiceField(queryset=_minor_categories(), required=False)
    description = forms.CharField(required=False, max_length=2000)


class TopicForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=_minor_categories())
    note = forms.CharField(
        label=_("How it will be followed"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
