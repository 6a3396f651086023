"""Staff handle reports in the admin: a scoped queue, the timeline, and one form per transition."""

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import display_for_value, unquote
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from apps.access.admin import ReadOnlyMixin, ReadOnlyScopedAdmin, ScopedModelAdmin
from apps.access.visibility import get_visible_or_404, permits, visible_to
from apps.accounts.phones import masked
from apps.core.media import file_response
from apps.core.paginators import CappedPaginator, ListedPaginator
from apps.core.photo_fields import MultipleImageField, ProcessedPhotosMixin
from apps.core.qr import check_printable_site_url, site_url
from apps.core.refusals import refusal_message
from apps.places.models import Place, PlaceKind
from apps.places.selectors import place_label, place_labels

from .admin_dispatch import DeskFilter, DispatchAdminMixin
from .admin_inlines import inline_table
from .admin_units import JoinedUnitInline, JoinedUnitsAdminMixin
from .boards import board_replace, scans_of_boards
from .categories import category_departments_ensure
from .lifecycle import TRANSITIONS, event_label, transitions_from
from .models import Board, BoardSheet, Category, Report, TimelineEvent
from .printing import board_png, board_svg
from .printjobs import PRINT_PERMISSION, board_sheet_request, can_print_boards, place_enclosing
from .selectors import (
    major_categories,
    may_recategorize,
    offered_categories,
    reports_matching,
    searches_pairs,
    similar_to,
    with_similar_counts,
    work_queue,
    work_queue_by_deadline,
    work_queue_of_major,
    work_queue_order,
    work_queue_view,
)
from .services import TransitionError, report_batch, report_recategorize, report_transition
from .visits_admin import ReturnVisitAdmin, VisitDueAdmin  # noqa: F401  (the 回访 queue and its record)


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):  # the name and guidance in each language, side by side
    list_display = [
        "name",
        "parent",
        "handler",
        "dispatch_minutes",
        "response_hours",
        "resolve_days",
        "urgent",
        "needs_review",
        "is_active",
    ]
    list_filter = ["parent", "handler", "urgent", "needs_review", "is_active"]
    search_fields = ["name_zh_hans", "name_en", "code", "keywords"]
    list_select_related = ["parent"]

    def has_module_permission(self, request):
        return admin.site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return admin.site.has_permission(request)

    def has_add_permission(self, request):
        return permits(request.user, "reports.add_category")

    def has_change_permission(self, request, obj=None):
        return permits(request.user, "reports.change_category")

    def has_delete_permission(self, request, obj=None):
        return permits(request.user, "reports.delete_category")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        category_departments_ensure(obj)


@admin.register(Board)
class BoardAdmin(ScopedModelAdmin):
    list_display = ["place", "spot", "scans", "last_scanned_at", "revoked_at", "link", "code_images"]
    list_filter = ["spot", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["place"]
    search_fields = ["place__name", "place__code"]
    autocomplete_fields = ["place"]
    readonly_fields = ["token", "scan_count", "last_scanned_at", "revoked_at", "replaced_by"]
    actions = ["replace_selected", "print_selected_places"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        boards = list(changelist.result_list)  # the page's rows, as the list will render them
        counted = scans_of_boards(boards)  # one cache round trip for the page
        for board in boards:
            board.scans_counted = counted[board.pk]
        return changelist

    @admin.display(description=_("scans"), ordering="scan_count")
    def scans(self, board):
        return board.scans_counted

    @admin.display(description=_("link"))
    def link(self, board):
        url = reverse("reports:scan", args=[board.token])
        return format_html('<a href="{}">{}</a>', url, _("open"))

    # -- printing: QR images, PDF sheets of a place, their progress --

    @admin.display(description=_("QR code"))
    def code_images(self, board):
        if board.is_revoked:
            return ""
        png, svg = (reverse(f"admin:reports_board_{kind}", args=[board.pk]) for kind in ("png", "svg"))
        return format_html('<a href="{}">PNG</a> · <a href="{}">SVG</a>', png, svg)

    @admin.action(description=_("Print the QR codes of the selected places"))
    def print_selected_places(self, request, queryset):
        place = place_enclosing([board.place for board in queryset.select_related("place")])
        if place is None or not can_print_boards(request.user, place):
            self.message_user(request, _("These boards cannot be printed on one sheet."), messages.ERROR)
            return None
        try:
            check_printable_site_url()
        except ValidationError as refusal:
            self.message_user(request, refusal_message(refusal), messages.ERROR)
            return None
        return self._sheet_requested(request, place)

    def get_urls(self):
        view = self.admin_site.admin_view
        extra = [
            path("print/", view(self.print_view), name="reports_board_print"),
            path("<int:board_id>/qr.png", view(self.png_view), name="reports_board_png"),
            path("<int:board_id>/qr.svg", view(self.svg_view), name="reports_board_svg"),
            path("sheets/<int:sheet_id>/", view(self.sheet_view), name="reports_boardsheet_progress"),
            path("sheets/<int:sheet_id>/pdf/", view(self.sheet_pdf_view), name="reports_boardsheet_pdf"),
        ]
        return extra + super().get_urls()

    def print_view(self, request):
        form = BoardSheetForm(request.POST or None, user=request.user, admin_site=self.admin_site)
        if request.method == "POST" and form.is_valid():
            return self._sheet_requested(request, form.cleaned_data["place"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "site_url": site_url(),
            "title": _("Print the boards of a place"),
        }
        return TemplateResponse(request, "admin/reports/board/print.html", context)

    def png_view(self, request, board_id: int):
        board = self._printable_board(request, board_id)
        return self._attachment(board_png(board), "image/png", f"{place_label(board.place)}.png")

    def svg_view(self, request, board_id: int):
        board = self._printable_board(request, board_id)
        return self._attachment(board_svg(board), "image/svg+xml", f"{place_label(board.place)}.svg")

    def sheet_view(self, request, sheet_id: int):
        sheet = self._sheet(request, sheet_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": BoardSheet._meta,
            "sheet": sheet,
            "title": place_label(sheet.place),
            "finished": sheet.status in {BoardSheet.Status.DONE, BoardSheet.Status.FAILED},
        }
        return TemplateResponse(request, "admin/reports/board/sheet.html", context)

    def sheet_pdf_view(self, request, sheet_id: int):
        sheet = self._sheet(request, sheet_id)
        if sheet.status != BoardSheet.Status.DONE or not sheet.file:
            raise Http404
        return file_response(sheet.file.name, download_as=f"{place_label(sheet.place)}.pdf")

    def _sheet_requested(self, request, place):
        sheet = board_sheet_request(place=place, requested_by=request.user)
        return redirect("admin:reports_boardsheet_progress", sheet.pk)

    def _printable_board(self, request, board_id: int) -> Board:
        active = Board.objects.filter(revoked_at__isnull=True).select_related("place")
        board = get_visible_or_404(request.user, active, pk=board_id)
        if not permits(request.user, PRINT_PERMISSION, board):
            raise Http404
        return board

    def _sheet(self, request, sheet_id: int) -> BoardSheet:
        sheets = BoardSheet.objects.select_related("place")
        return get_visible_or_404(request.user, sheets, perm=PRINT_PERMISSION, pk=sheet_id)

    @staticmethod
    def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
        disposition = content_disposition_header(as_attachment=True, filename=filename)
        return HttpResponse(content, content_type=content_type, headers={"Content-Disposition": disposition})

    # -- end of printing --

    @admin.action(description=_("Revoke and reprint the selected boards"))
    def replace_selected(self, request, queryset):
        count = 0
        for board in queryset.filter(revoked_at__isnull=True):
            if permits(request.user, "reports.change_board", board):
                board_replace(board=board)
                count += 1
        self.message_user(request, _("%(count)d boards replaced.") % {"count": count}, messages.SUCCESS)


@functools.cache
def yes_no_icon(value: bool) -> str:
    """The admin's yes/no icon, built once: each builds the URL of its static file (300 on a page)."""
    return display_for_value(value, "", boolean=True)


ROW_CHECKBOX = '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">'
PHOTO_LINK = '<a href="{}" target="_blank" rel="noopener"><img src="{}" alt="{}" width="96"></a>'


class TimelineInline(ReadOnlyMixin, admin.TabularInline):
    """The report's steps, shown read-only as a table (`admin_inlines`), not through formsets."""

    model = TimelineEvent
    fields = ["created_at", "shown_action", "actor", "actor_kind", "unit_name", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("report", "actor", "unit__department")

    @admin.display(description=_("action"))
    def shown_action(self, event):
        return event_label(event.action)

    @admin.display(description=_("unit"))
    def unit_name(self, event):
        return event.unit.department.name if event.unit_id else ""

    def has_view_permission(self, request, obj=None):
        return True  # shown only inside a report the person may already see


class QueueFilter(admin.SimpleListFilter):
    """The queue opens on the day's work, the open reports; closed ones are one click away, and a
    search looks through all of them."""

    title = _("work")
    parameter_name = "queue"

    def __init__(self, request, params, model, model_admin):
        self.searching = bool(request.GET.get("q", "").strip())
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("open", _("To do")), ("closed", _("Finished")), ("all", _("All reports"))]

    def value(self):
        return super().value() or ("all" if self.searching else "open")

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return work_queue_view(queryset, self.value())


class MajorCategoryFilter(admin.SimpleListFilter):
    """The major categories only (a relation filter on category__parent would list every category)."""

    title = _("major category")
    parameter_name = "major"

    def lookups(self, request, model_admin):
        return [(str(c.pk), c.name) for c in major_categories()]

    def queryset(self, request, queryset):
        return work_queue_of_major(queryset, self.value())


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Within deadline"))]

    def queryset(self, request, queryset):
        return work_queue_by_deadline(queryset, self.value())


class TransitionForm(ProcessedPhotosMixin, forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleImageField(label=_("Photos of the result"), required=False)


class RecategorizeForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=offered_categories().select_related("parent").order_by("parent__position", "position"),
    )


class BatchForm(TransitionForm):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (name, TRANSITIONS[name].label)
            for name in ("accept", "start", "resolve", "merge", "reject", "close")
        ],
    )
    field_order = ["action", "note", "photos"]


def _in_each_language(lookup: str) -> list[str]:
    field, name = lookup.rsplit("__", 1)
    return [lookup, *(f"{field}__{build_localized_fieldname(name, code)}" for code in AVAILABLE_LANGUAGES)]


# What the queue's columns read of a report and its relations (a row's place is labelled from its path).
QUEUE_COLUMNS = [
    *("tracking_number", "urgent", "status", "handler_kind", "resolve_due", "created_at", "community_id"),
    *_in_each_language("category__name"),
    *_in_each_language("category__parent__name"),
    *("place__path", "place__name", "management_unit__name", "department__name"),
]


class QueueChangeList(ChangeList):
    """The queue's list: the columns it shows, each row with how many similar open reports it has
    (`with_similar_counts`), counted in the rows' own query, for the page's rows alone."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return with_similar_counts(queryset).only(*QUEUE_COLUMNS)


# what the report's page shows of its relations (its readonly fields, the place its access is asked of)
PAGE_RELATED = ["place", "community", "category__parent", "management_unit", "department"]

OWN_PAGES = {"dispatch": "admin:reports_report_dispatch", "visit": "admin:reports_visitdue_record"}
OWN_PAGES_REFUSAL = {
    "dispatch": _("Nothing was dispatched: choose the handler here, then dispatch."),
    "visit": _("No visit was recorded: record the resident's answers here."),
}


@admin.register(Report)
class ReportAdmin(DispatchAdminMixin, JoinedUnitsAdminMixin, ReadOnlyScopedAdmin):
    list_display = [
        "tracking_number",
        "urgent_flag",
        "photo_mark",
        "category",
        "where",
        "status",
        "handler",
        "resolve_due",
        "late",
        "similar_count",
    ]
    list_filter = [
        QueueFilter,
        "status",
        OverdueFilter,
        "urgent",
        "source",
        "handler_kind",
        MajorCategoryFilter,
        DeskFilter,
    ]
    list_select_related = ["category__parent", "place", "management_unit", "department"]
    search_fields = [
        "tracking_number",
        "description",
        "place__name",
    ]  # shows the box; reports_matching searches
    show_full_result_count = False  # a second count of every report the person sees, on each page
    paginator = CappedPaginator  # the day's list says "more than 10,000" rather than count them all
    search_help_text = _(
        "A tracking number, place names (中上园5号院 3号楼), the phone's last 4 digits, or words of the text"
    )
    readonly_fields = [
        "tracking_number",
        "status",
        "full_place",
        "community",
        "category",
        "description",
        "resident_photos",
        "urgent",
        "source",
        "contact_phone",
        "on_behalf_of",
        "handler_kind",
        "management_unit",
        "department",
        "created_at",
        "dispatch_due",
        "response_due",
        "resolve_due",
        "responded_at",
        "resolved_at",
        "escalation_level",
        "satisfaction",
        "solved",
        "rated_by",
    ]
    fields = readonly_fields

    def get_readonly_fields(self, request, obj=None):
        """Only the resident's community sees their number; other handlers see it masked."""
        if obj is not None and not permits(request.user, "reports.view_contact", obj):
            return [
                name if name != "contact_phone" else "masked_contact_phone" for name in self.readonly_fields
            ]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj)

    @admin.display(description=_("place"))
    def full_place(self, report):
        return place_label(report.place)

    @admin.display(description=_("photos"))
    def resident_photos(self, report):
        """Every photo of the report, the resident's and the handlers', each opening full size."""
        photos = report.photos.all()
        if not photos:
            return "—"
        return format_html_join(
            " ",
            PHOTO_LINK,
            (
                (photo.image.url, photo.thumbnail.url, _("Photo %(number)d") % {"number": n})
                for n, photo in enumerate(photos, 1)
            ),
        )

    @admin.display(description=_("photos"), ordering="has_photos")
    def photo_mark(self, report):
        return yes_no_icon(report.has_photos)

    @admin.display(description=_("contact phone"))
    def masked_contact_phone(self, report):
        return masked(report.contact_phone) if report.contact_phone else ""

    shown_inlines = [JoinedUnitInline, TimelineInline]  # read-only tables, rendered by `inline_table`
    actions = ["act_together"]
    change_form_template = "admin/reports/report/change_form.html"

    def get_queryset(self, request):
        return work_queue(super().get_queryset(request))

    def get_ordering(self, request):
        return work_queue_order()

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        rows = list(changelist.result_list)  # the page's rows, as the list will render them
        labels = place_labels([report.place for report in rows])
        similar_url = reverse("admin:reports_report_changelist") + "?similar_to={}"
        for report in rows:  # on the rows, not on the admin shared by all requests
            report.place_label = labels[report.place_id]
            report.similar_url = similar_url.format(report.pk)
        return changelist

    def action_checkbox(self, report):
        """The row's checkbox as Django's widget renders it, without rendering the widget's template for
        each of the 100 rows (a third of the time of the rows)."""
        label = format_html(_("Select this object for an action - {}"), str(report))
        return format_html(ROW_CHECKBOX, helpers.ACTION_CHECKBOX_NAME, report.pk, label)

    @admin.display(description=_("place"), ordering="place__path")
    def where(self, report):
        return getattr(report, "place_label", None) or place_label(report.place)

    @admin.display(description=_("handled by"), ordering="handler_kind")
    def handler(self, report):
        if report.management_unit_id:
            return report.management_unit.name
        if report.department_id:
            return report.department.name
        return report.get_handler_kind_display()

    @admin.display(description=_("urgent"), ordering="urgent")
    def urgent_flag(self, report):
        return yes_no_icon(report.urgent)

    @admin.display(description=_("similar"))
    def similar_count(self, report):
        if not report.similar:
            return ""
        return format_html('<a href="{}">{}</a>', report.similar_url, report.similar)

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """A two-character word is found through its own index, not the queue's: its reports are
        listed first, then ordered."""
        listed = searches_pairs(request.GET.get(SEARCH_VAR, ""))
        paginator = ListedPaginator if listed else self.paginator
        return paginator(queryset, per_page, orphans, allow_empty_first_page)

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = reports_matching(queryset, search_term, pairs=True), False
        if similar_to_id := request.GET.get("similar_to"):
            anchor = get_visible_or_404(request.user, Report.objects.all(), pk=similar_to_id)
            queryset = queryset.filter(pk__in=[anchor.pk, *similar_to(anchor).values_list("pk", flat=True)])
        return queryset, duplicates

    @admin.action(description=_("Act on the selected reports together"))
    def act_together(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(reverse("admin:reports_report_batch") + f"?ids={ids}")

    def batch_view(self, request):
        ids = [int(i) for i in request.GET.get("ids", "").split(",") if i.isdigit()]
        reports = list(self.get_queryset(request).select_related("place").filter(pk__in=ids))
        form = BatchForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                done, refused = report_batch(
                    reports=reports,
                    action=form.cleaned_data["action"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    photos=form.cleaned_data["photos"],
                )
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                self.message_user(
                    request,
                    _("%(done)d reports changed, %(refused)d refused.") % {"done": done, "refused": refused},
                    messages.SUCCESS if not refused else messages.WARNING,
                )
                return redirect("admin:reports_report_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "reports": reports,
            "form": form,
            "title": _("Act on %(count)d reports together") % {"count": len(reports)},
        }
        return TemplateResponse(request, "admin/reports/report/batch.html", context)

    @admin.display(description=_("overdue"), ordering="is_late")
    def late(self, report):
        return yes_no_icon(report.is_late)

    def get_urls(self):
        extra = [
            path("batch/", self.admin_site.admin_view(self.batch_view), name="reports_report_batch"),
            path(
                "<int:report_id>/transition/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="reports_report_transition",
            ),
            path(
                "<int:report_id>/recategorize/",
                self.admin_site.admin_view(self.recategorize_view),
                name="reports_report_recategorize",
            ),
        ]
        return extra + self.dispatch_urls() + super().get_urls()

    def get_object(self, request, object_id, from_field=None):
        """Read once a request, with the related objects its page names: the page reads the report
        before the admin's view reads it again."""
        if from_field is not None:
            return super().get_object(request, object_id, from_field)
        read = request.__dict__.setdefault("_reports_read", {})
        if object_id not in read:
            shown = self.get_queryset(request).select_related(*PAGE_RELATED).prefetch_related("photos")
            try:
                read[object_id] = shown.get(pk=object_id)
            except (Report.DoesNotExist, ValidationError, ValueError):
                read[object_id] = None
        return read[object_id]

    def shown_report(self, request, object_id) -> Report:
        """The report of the page, scoped as the queue is; missing and forbidden look the same."""
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404
        return report

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.shown_report(request, object_id)
        actions = [t for t in transitions_from(report.status) if permits(request.user, t.permission, report)]
        extra_context = {
            **(extra_context or {}),
            "transitions": actions,
            "may_recategorize": may_recategorize(request.user, report),
            "inline_tables": [
                inline_table(inline(Report, self.admin_site), request, report)
                for inline in self.shown_inlines
            ],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, report_id: int, action: str):
        report = get_visible_or_404(request.user, Report.objects.all(), pk=report_id)
        transition = TRANSITIONS.get(action)
        if transition is None or not permits(request.user, transition.permission, report):
            raise PermissionDenied
        if action in OWN_PAGES:
            return self._own_page(request, report, action)
        form = TransitionForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report_transition(
                    report=report,
                    action=action,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    photos=form.cleaned_data["photos"],
                    merged_into=self._merge_target(request, report) if action == "merge" else None,
                )
            except (TransitionError, ValidationError) as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request, _("Done: %(action)s.") % {"action": transition.label}, messages.SUCCESS
                )
                return redirect("admin:reports_report_change", report.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "report": report,
            "transition": transition,
            "form": form,
            "title": f"{report.tracking_number} · {transition.label}",
        }
        return TemplateResponse(request, "admin/reports/report/transition.html", context)

    def _own_page(self, request, report, action: str):
        """A step that asks more than a note is taken on its own page: dispatch chooses the handler,
        a return visit records the resident's answers. A form posted here takes no step."""
        if request.method == "POST":
            self.message_user(request, OWN_PAGES_REFUSAL[action], messages.WARNING)
        return redirect(OWN_PAGES[action], report.pk)

    def recategorize_view(self, request, report_id: int):
        report = get_visible_or_404(request.user, Report.objects.select_related("category"), pk=report_id)
        if not may_recategorize(request.user, report):
            raise PermissionDenied
        form = RecategorizeForm(request.POST or None, initial={"category": report.category})
        if request.method == "POST" and form.is_valid():
            try:
                report_recategorize(report=report, category=form.cleaned_data["category"], by=request.user)
            except (PermissionDenied, ValidationError) as refused:
                form.add_error(None, refusal_message(refused))
            else:
                self.message_user(request, _("The category is corrected."), messages.SUCCESS)
                return redirect("admin:reports_report_change", report.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "report": report,
            "form": form,
            "title": f"{report.tracking_number} · {_('Correct the category')}",
        }
        return TemplateResponse(request, "admin/reports/report/recategorize.html", context)

    def _merge_target(self, request, report):
        number = request.POST.get("merged_into", "").strip()
        return visible_to(request.user, Report.objects.all()).filter(tracking_number=number).first()


# -- QR board sheets (printing) --


class BoardSheetForm(forms.Form):
    place = forms.ModelChoiceField(label=_("place"), queryset=Place.objects.none())

    def __init__(self, *args, user, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["place"]
        field.widget = AutocompleteSelect(Board._meta.get_field("place"), admin_site)
        printable = Place.objects.exclude(kind=PlaceKind.HOUSEHOLD)
        field.queryset = visible_to(user, printable, perm=PRINT_PERMISSION)

    def clean(self):
        check_printable_site_url()
        return super().clean()


@admin.register(BoardSheet)
class BoardSheetAdmin(ScopedModelAdmin):
    list_display = ["place", "status", "progress", "requested_by", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["place", "requested_by"]
    fields = ["place", "status", "boards_done", "boards_total", "error", "requested_by", "finished_at"]

    @admin.display(description=_("progress"))
    def progress(self, sheet):
        url = reverse("admin:reports_boardsheet_progress", args=[sheet.pk])
        return format_html('<a href="{}">{} / {}</a>', url, sheet.boards_done, sheet.boards_total)

    def has_add_permission(self, request, *args):
        return False
