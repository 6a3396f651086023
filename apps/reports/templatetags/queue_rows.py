"""`{% queue_results cl %}`: the admin's `{% result_list cl %}`, its rows rendered by `admin_rows`."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_hidden_fields

from ..admin_rows import rows

register = template.Library()


@register.inclusion_tag("admin/change_list_results.html")
def queue_results(cl) -> dict:
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": list(rows(cl)),
    }
