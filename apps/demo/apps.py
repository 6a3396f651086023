from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo street: `python manage.py seed_demo`. Depends on every app; nothing depends on it."""

    name = "apps.demo"
    label = "demo"
