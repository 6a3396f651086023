from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"

    def ready(self):
        from . import logs  # noqa: F401  (connects the task log to Celery's signals)
