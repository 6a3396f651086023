"""The admin of city orders: entered by hand, imported from the hotline's export, their results
exported back for a period."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportMixin

from apps.access.admin import ScopedModelAdmin
from apps.core.refusals import refusal_message
from apps.core.replica import replica_reads
from apps.places.imports import AllOrNothingImport

from .forms import CityOrderForm, ResultsForm
from .imports import CityOrderResource
from .models import CityOrder
from .results import CONTENT_TYPES, results_file
from .selectors import orders_sent_between
from .services import Outcome, city_order_receive

SHOWN = [
    "number",
    "tracking",
    "status",
    "place",
    "category",
    "urgent",
    "sent_at",
    "response_due",
    "resolve_due",
]


@admin.register(CityOrder)
class CityOrderAdmin(AllOrNothingImport, ImportMixin, ScopedModelAdmin):
    import_permission = "hotline.import_cityorders"
    resource_classes = [CityOrderResource]
    change_list_template = "admin/hotline/cityorder/change_list.html"
    audited_by_services = True
    list_display = ["number", "tracking", "status", "place", "category", "urgent", "sent_at", "resolve_due"]
    list_select_related = ["report", "report__place", "report__category"]
    list_filter = ["urgent", "report__status"]
    search_fields = ["number", "report__tracking_number"]
    date_hierarchy = "sent_at"
    fields = [*SHOWN, "address", "created_at", "updated_at"]
    readonly_fields = fields

    def get_urls(self):
        results = self.admin_site.admin_view(self.results_view)
        return [path("results/", results, name="hotline_cityorder_results"), *super().get_urls()]

    def has_change_permission(self, request, obj=None):
        return False  # an order changes when the city sends it again (import or API)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("tracking number"), ordering="report__tracking_number")
    def tracking(self, order):
        url = reverse("admin:reports_report_change", args=[order.report_id])
        return format_html('<a href="{}">{}</a>', url, order.report.tracking_number)

    @admin.display(description=gettext_lazy("status"), ordering="report__status")
    def status(self, order):
        return order.report.get_status_display()

    @admin.display(description=gettext_lazy("place"))
    def place(self, order):
        return order.report.place

    @admin.display(description=gettext_lazy("category"))
    def category(self, order):
        return order.report.category

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CityOrderForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                order, outcome = city_order_receive(values=form.values(), by=request.user)
            except (PermissionDenied, ValidationError) as refused:
                form.add_error(None, refusal_message(refused))
            else:
                self.message_user(request, str(OUTCOME_MESSAGES[outcome]) % {"number": order.number})
                return redirect("admin:hotline_cityorder_change", order.pk)
        context = {**self._context(request), "form": form, "title": _("Enter a city order")}
        return TemplateResponse(request, "admin/hotline/cityorder/add.html", context)

    def results_view(self, request):
        if not request.user.has_perm("hotline.export_results"):
            raise PermissionDenied
        today = timezone.localdate()
        form = ResultsForm(request.GET or None, initial={"first": today.replace(day=1), "last": today})
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            file_format = data["file_format"]
            with replica_reads(request):
                orders = orders_sent_between(request.user, first=data["first"], last=data["last"])
                written = results_file(orders, file_format=file_format)
            response = HttpResponse(written, CONTENT_TYPES[file_format])
            name = f"12345-results-{data['first']:%Y%m%d}-{data['last']:%Y%m%d}.{file_format}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        context = {**self._context(request), "form": form, "title": _("Export the results of city orders")}
        return TemplateResponse(request, "admin/hotline/cityorder/results.html", context)

    def _context(self, request) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.model._meta}

    def changelist_view(self, request, extra_context=None):
        extra = {"has_results_permission": request.user.has_perm("hotline.export_results")}
        return super().changelist_view(request, {**(extra_context or {}), **extra})


OUTCOME_MESSAGES = {
    Outcome.CREATED: gettext_lazy("City order %(number)s entered the queue."),
    Outcome.UPDATED: gettext_lazy("City order %(number)s was already in the queue: it is updated."),
    Outcome.UNCHANGED: gettext_lazy("City order %(number)s was already in the queue, as entered now."),
}
