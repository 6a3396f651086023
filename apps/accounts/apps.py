from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts and residency")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the "my home" cache to the records it shows)
