"""Registers every permission of the table with django-rules, so `user.has_perm` asks it."""

import rules

from .permissions import PERMISSION_ROLES
from .visibility import permits


def permission_predicate(perm: str) -> rules.Predicate:
    def check(user, obj=None) -> bool:
        return permits(user, perm, obj)

    return rules.predicate(check, name=perm)


for _perm in PERMISSION_ROLES:
    rules.add_perm(_perm, permission_predicate(_perm))
