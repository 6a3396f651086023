from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import logs  # noqa: F401  (connects the task log to Celery's signals)
        from .planner import planner_costs_set

        connection_created.connect(planner_costs_set, dispatch_uid="core.planner_costs")
