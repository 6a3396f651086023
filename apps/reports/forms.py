"""The resident's report form and the rating form."""

import re
import unicodedata

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from apps.accounts.phones import normalize_mainland_mobile
from apps.core.photo_fields import PHOTOS_LABEL, AcceptedPhotosMixin, MultipleImageField, MultipleImageInput

from .models import Report
from .selectors import offered_categories


class CodedSelect(forms.Select):
    """Options carrying their category's code, which the suggestions name."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if getattr(value, "instance", None) is not None:
            option["attrs"]["data-code"] = value.instance.code
        return option


class CategoryChoiceField(forms.ModelChoiceField):
    widget = CodedSelect

    def label_from_instance(self, category):
        return category.name


class ReportForm(AcceptedPhotosMixin, forms.Form):
    photos_refused_hint = _("Your text is kept; attach the photos again.")
    field_order = ["submission_key", "description", "photos", "category", "contact_phone"]  # as on the page

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    category = CategoryChoiceField(
        label=_("What is the problem?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the kind of problem, then the problem."),
            "invalid_choice": _("Choose one of the listed problems."),
        },
    )
    description = forms.CharField(
        label=_("Describe it"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where exactly, since when, how serious."),
    )
    photos = MultipleImageField(
        label=PHOTOS_LABEL,
        required=False,
        widget=MultipleImageInput(attrs={"accept": "image/*"}),
    )
    contact_phone = forms.CharField(
        label=_("Your mobile number (optional)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("Only the handlers of this report see it, to call you back."),
    )

    def __init__(self, *args, categories, **kwargs):
        """`categories`: what the page lists, in order (may be lazy: a cached page never reads it)."""
        super().__init__(*args, **kwargs)
        self.categories = categories
        self.fields["category"].queryset = offered_categories()

    @cached_property
    def chosen_major(self) -> str:
        """The major category whose minor ones are shown: a major button just pressed, else the one
        chosen before (a hidden field), else the chosen category's; "" when none is the page's."""
        source = self.data if self.is_bound else self.initial
        chosen = str(source.get("major") or source.get("chosen_major") or "")
        if chosen in {str(major.pk) for major, _ in self.groups}:
            return chosen
        category = str(source.get("category") or "")
        return next((str(c.parent_id) for c in self.categories if str(c.pk) == category), "")

    @cached_property
    def groups(self) -> list[tuple]:
        """(major, its minor categories) in the catalogue's order of majors; the minor ones keep the
        page's order, the most reported at this place first."""
        minors: dict = {}
        for category in self.categories:
            minors.setdefault(category.parent, []).append(category)
        return sorted(minors.items(), key=lambda group: (group[0].position, group[0].code))

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if category and self.chosen_major and str(category.parent_id) != self.chosen_major:
            self.add_error(
                "category", _("This problem is not of the kind you chose: choose one of the problems listed.")
            )
        return cleaned

    def clean_contact_phone(self):
        raw = self.cleaned_data.get("contact_phone", "").strip()
        return normalize_mainland_mobile(raw) if raw else ""


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("How satisfied are you?"), choices=Report.Satisfaction.choices, widget=forms.RadioSelect
    )
    solved = forms.TypedChoiceField(
        label=_("Was the problem solved?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything to add?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TrackForm(forms.Form):
    """查询办件: a tracking number and the last four digits of the phone number given with it."""

    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=20,
        help_text=_("As on the page or text message you received, e.g. 261122-K7Q2MX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    phone_last4 = forms.CharField(
        label=_("Last 4 digits of the phone number you gave"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_tracking_number(self):
        number = re.sub(r"[\s\-－—]", "", unicodedata.normalize("NFKC", self.cleaned_data["tracking_number"]))
        number = number.upper()
        if not re.fullmatch(r"\d{6}[0-9A-Z]{6}", number):
            raise forms.ValidationError(
                _("A tracking number is six digits, a dash and six letters or digits.")
            )
        return f"{number[:6]}-{number[6:]}"

    def clean_phone_last4(self):
        digits = re.sub(r"\s", "", unicodedata.normalize("NFKC", self.cleaned_data["phone_last4"]))
        if not re.fullmatch(r"\d{4}", digits):
            raise forms.ValidationError(_("Enter the last 4 digits of the phone number."))
        return digits


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, place):
        return self.labels.get(place.pk, place.name)


class WebReportForm(AcceptedPhotosMixin, forms.Form):
    """Reporting from the web: a resident for their own building, a building head or grid worker on
    someone's behalf, staff on patrol."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    source = forms.ChoiceField(label=_("How this report came in"))
    place = PlaceChoiceField(label=_("Where"), queryset=None)
    description = forms.CharField(
        label=_("Describe it"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    category = CategoryChoiceField(label=_("What is the problem?"), queryset=None)
    on_behalf_of = forms.CharField(
        label=_("On behalf of (name, e.g. 王奶奶 3-201)"), required=False, max_length=60
    )
    contact_phone = forms.CharField(label=_("Their mobile number (optional)"), required=False, max_length=20)
    photos = MultipleImageField(label=PHOTOS_LABEL, required=False)

    def __init__(self, *args, places, labels, sources, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["place"].labels = labels
        self.fields["source"].choices = [(s, Report.Source(s).label) for s in sources]
        self.fields["category"].queryset = categories

    photos_refused_hint = ReportForm.photos_refused_hint
    clean_contact_phone = ReportForm.clean_contact_phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") == Report.Source.ON_BEHALF and not cleaned.get("on_behalf_of", "").strip():
            self.add_error("on_behalf_of", _("Say whom you report for, so the handler can reach them."))
        return cleaned
