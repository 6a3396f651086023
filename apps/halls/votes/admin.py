"""Staff open, close and count votes here, enter paper ballots and grant proxies; ballots, rolls,
proxies and results are read only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ReadOnlyScopedAdmin, ScopedModelAdmin
from apps.core.photos import PhotoRejected

from ..models import Ballot, Elector, Option, Proxy, Result, RollEntry, Vote
from ..models.votes import Kind
from . import selectors
from . import services as votes


class VoteForm(forms.ModelForm):
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, for a vote between choices; a vote for or against needs none."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.kind != Kind.APPROVAL:
            labels = self.instance.options.filter(meaning=Option.Meaning.CHOICE).values_list(
                "label", flat=True
            )
            self.initial["choices"] = "\n".join(labels)

    def clean_choices(self):
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        if data.get("rule") and data.get("kind"):
            problem = votes.options_problem(
                rule=data["rule"], kind=data["kind"], choices=data.get("choices", [])
            )
            if problem:
                raise forms.ValidationError(problem)
        return data


class PaperBallotForm(forms.Form):
    """A paper ballot as staff enter it; the photo is checked by the service, which refuses all but
    images."""

    elector = forms.ModelChoiceField(
        label=capfirst(Elector._meta.verbose_name), queryset=Elector.objects.none()
    )
    choices = forms.TypedMultipleChoiceField(
        label=capfirst(Ballot._meta.get_field("choices").verbose_name),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = forms.FileField(
        label=capfirst(Ballot._meta.get_field("paper").verbose_name),
        widget=forms.FileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args, vote: Vote, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elector"].queryset = selectors.electors_yet_to_vote(vote).order_by("label")
        self.fields["choices"].choices = [(option.position, option.text) for option in vote.options.all()]


class VoteStateFilter(admin.SimpleListFilter):
    """By the state a vote reads as: closed from its closing time on, counted or not yet."""

    title = _("status")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return Vote.Status.choices

    def queryset(self, request, queryset):
        return queryset.in_state(self.value()) if self.value() else queryset


@admin.register(Vote)
class VoteAdmin(ScopedModelAdmin):
    form = VoteForm
    list_display = ["title", "hall", "rule", "secret", "state", "opens_at", "closes_at"]
    list_filter = [VoteStateFilter, "rule"]
    list_select_related = ["hall"]
    exclude = ["status"]  # shown as the state it reads as
    readonly_fields = ["state", "opened_at", "closed_at", "created_by", "paper_ballots"]
    actions = ["open_selected", "close_selected"]

    def get_urls(self):
        paper = self.admin_site.admin_view(self.paper_ballot_view)
        return [
            path("<int:vote_id>/paper-ballot/", paper, name="halls_vote_paper_ballot"),
            *super().get_urls(),
        ]

    @admin.display(description=_("status"), ordering="status")
    def state(self, vote):
        return vote.get_state_display()

    @admin.display(description=_("paper ballots"))
    def paper_ballots(self, vote):
        if vote.pk is None or vote.state != Vote.Status.OPEN:
            return "—"
        url = reverse("admin:halls_vote_paper_ballot", args=[vote.pk])
        return format_html('<a href="{}">{}</a>', url, _("Enter a paper ballot"))

    def paper_ballot_view(self, request, vote_id: int):
        vote = get_object_or_404(self.get_queryset(request).select_related("hall"), pk=vote_id)
        if not request.user.has_perm("halls.enter_paper_ballot", vote):
            raise PermissionDenied
        form = PaperBallotForm(request.POST or None, request.FILES or None, vote=vote)
        if request.method == "POST" and form.is_valid():
            try:
                votes.paper_ballot_enter(vote=vote, by=request.user, **form.cleaned_data)
            except ValidationError as refused:
                form.add_error("photo" if isinstance(refused, PhotoRejected) else None, refused)
            else:
                recorded = _("The paper ballot of %(elector)s is recorded.")
                self.message_user(
                    request, recorded % {"elector": form.cleaned_data["elector"]}, messages.SUCCESS
                )
                return redirect("admin:halls_vote_paper_ballot", vote.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "vote": vote,
            "form": form,
            "title": _("Enter a paper ballot"),
        }
        return TemplateResponse(request, "admin/halls/vote/paper_ballot.html", context)

    def save_model(self, request, obj, form, change):
        """Options follow the vote's kind and choices; options already right are left as they are."""
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        votes.vote_options_set(vote=obj, choices=form.cleaned_data.get("choices", []), by=request.user)

    @admin.action(description=_("Open: freeze the electorate now"))
    def open_selected(self, request, queryset):
        self._each(request, queryset, lambda vote: votes.vote_open(vote=vote, by=request.user))

    @admin.action(description=_("Close and count (only past the closing time)"))
    def close_selected(self, request, queryset):
        self._each(request, queryset, lambda vote: votes.vote_close(vote=vote, by=request.user))

    def _each(self, request, queryset, action):
        for vote in queryset:
            try:
                action(vote)
            except (PermissionDenied, ValidationError) as refused:
                messages.error(request, f"{vote}: {' '.join(getattr(refused, 'messages', [str(refused)]))}")


@admin.register(Ballot)
class BallotAdmin(ReadOnlyScopedAdmin):
    list_display = ["vote", "elector", "channel", "cast_at", "entered_by"]
    list_select_related = ["vote", "elector", "entered_by"]


@admin.register(RollEntry)
class RollEntryAdmin(ReadOnlyScopedAdmin):
    list_display = ["vote", "elector", "channel", "at", "entered_by"]
    list_select_related = ["vote", "elector", "entered_by"]


@admin.register(Proxy)
class ProxyAdmin(ReadOnlyScopedAdmin):
    list_display = ["vote", "elector", "holder", "entered_by", "at"]
    list_select_related = ["vote", "elector", "holder", "entered_by"]


@admin.register(Result)
class ResultAdmin(ReadOnlyScopedAdmin):
    list_display = ["vote", "approved", "participants", "electorate", "participating_area", "electorate_area"]
    list_select_related = ["vote"]
