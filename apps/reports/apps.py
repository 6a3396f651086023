from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "apps.reports"
    label = "reports"
    verbose_name = _("Reports (码上说，马上办)")

    def ready(self):
        from apps.core.readahead import page_reads

        from . import tasks  # noqa: F401  (services queue them by name: the web process registers them too)
        from .selectors import mine_key

        page_reads("home", lambda user: mine_key(user.pk))  # the person's reports on "my home"
