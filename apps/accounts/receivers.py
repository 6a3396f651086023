"""The "my home" page forgets what it kept of a person as soon as one of their residencies or role
assignments is saved or deleted, whoever changes it: a service, the admin."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from apps.access.models import RoleAssignment

from .models import Residency
from .selectors import home_forget


@receiver([post_save, post_delete], sender=Residency)
@receiver([post_save, post_delete], sender=RoleAssignment)
def _home_changed(sender, instance, **kwargs):
    home_forget(instance.user_id)
