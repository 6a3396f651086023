from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallsConfig(AppConfig):
    name = "apps.halls"
    label = "halls"
    verbose_name = _("Discussion halls (议事厅)")

    def ready(self):
        from . import tasks  # noqa: F401  (services queue them by name: the web process registers them too)
