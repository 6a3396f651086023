from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "apps.hotline"
    label = "hotline"
    verbose_name = _("12345 city orders")

    def ready(self):
        from apps.reports.routing import FIXED_DEADLINES

        from .selectors import city_deadlines

        FIXED_DEADLINES.append(city_deadlines)
