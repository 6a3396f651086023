"""
Lifecycles as data: each action names the states it leaves, the state it reaches, the permission of
the one table (apps/access/permissions.py) it needs and the timestamps it stamps. `Lifecycle.apply`
is the one code that applies an action to a saved object; `Lifecycle.follow` and `stamp` let a bulk
writer (the demo) compute the same states and stamps without saving one object at a time.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    permission: str = ""  # empty: any caller the service lets through (e.g. the schedule)
    label: str = ""
    stamps: tuple[str, ...] = ()  # set to the time of the step
    first_stamps: tuple[str, ...] = ()  # set to the time of the step unless already set
    clears: tuple[str, ...] = ()  # set to None
    needs_note: bool = False
    outcomes: frozenset[str] = frozenset()  # other targets the step may reach, chosen by its service
    refusal: str | dict = ""  # the message when the state does not allow it, if not the lifecycle's
    denial: str = ""  # the message when the permission is missing, if any

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))
        object.__setattr__(self, "outcomes", frozenset(self.outcomes))


class Lifecycle:
    def __init__(
        self,
        *transitions: Transition,
        field: str = "status",
        refusal: str = "",
        error: type[ValidationError] = ValidationError,
        note_error: str | dict = "",
        state_first: bool = False,  # refuse by state before asking the permission
        anonymous: Iterable[str] = (),  # permissions that hold for actor=None (e.g. a private link)
    ):
        self.transitions = {t.name: t for t in transitions}
        self.field, self.refusal, self.error, self.note_error = field, refusal, error, note_error
        self.state_first, self.anonymous = state_first, frozenset(anonymous)

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def __iter__(self):
        return iter(self.transitions.values())

    def available(self, state: str) -> list[Transition]:
        return [t for t in self if state in t.sources]

    def follow(self, state: str, name: str, outcome: str | None = None) -> str:
        """The state `name` reaches from `state` (its `outcome` when the step may end elsewhere)."""
        transition = self[name]
        if state not in transition.sources or outcome not in (None, transition.target, *transition.outcomes):
            raise ValueError(f"{name} does not lead from {state} to {outcome or transition.target}")
        return outcome or transition.target

    def stamp(self, obj, transition: Transition, at) -> list[str]:
        """Set the step's timestamps on `obj`; the fields changed."""
        changed = [*transition.stamps, *transition.clears]
        for name in transition.stamps:
            setattr(obj, name, at)
        for name in transition.clears:
            setattr(obj, name, None)
        for name in transition.first_stamps:
            if getattr(obj, name) is None:
                setattr(obj, name, at)
                changed.append(name)
        return changed

    def problem(self, obj, name: str) -> str | None:
        """Why the object's state does not allow `name`, or None."""
        transition, state = self[name], getattr(obj, self.field)
        if state in transition.sources:
            return None
        message = transition.refusal or self.refusal
        if isinstance(message, dict):  # a message per state, None for any other
            message = message.get(state, message[None])
        display = getattr(obj, f"get_{self.field}_display")()
        target = dict(type(obj)._meta.get_field(self.field).flatchoices).get(transition.target)
        return message % {"status": display, "current": display, "action": transition.label, "target": target}

    def check(self, obj, name: str, *, actor, system: bool = False) -> Transition:
        transition, problem = self[name], self.problem(obj, name)
        if self.state_first and problem is not None:
            raise self.error(problem)
        if not (system or self.permits(actor, transition, obj)):
            raise PermissionDenied(transition.denial) if transition.denial else PermissionDenied
        if problem is not None:
            raise self.error(problem)
        return transition

    def permits(self, actor, transition: Transition, obj) -> bool:
        if not transition.permission:
            return True
        if actor is None:
            return transition.permission in self.anonymous
        return actor.has_perm(transition.permission, obj)

    def apply(
        self,
        obj,
        name: str,
        *,
        actor,
        system: bool = False,
        note: str = "",
        lock: Iterable[str] | None = (),
        change: Callable | None = None,
        record: Callable | None = None,
    ):
        """Check and apply one step in one transaction: the object is read again under a row lock
        (`lock`: its select_related; None: use `obj` as it is), then `change(obj, transition, now)`
        may set more fields (returning their names) before the save, and `record(obj, transition,
        source)` writes the step's event."""
        with transaction.atomic(savepoint=False):  # a refusal rolls back whoever began the transaction
            if lock is not None:
                manager = type(obj)._default_manager.select_for_update()
                obj = manager.select_related(*lock).get(pk=obj.pk)
            transition = self.check(obj, name, actor=actor, system=system)
            if transition.needs_note and not note.strip():
                raise ValidationError(self.note_error)
            now, source = timezone.now(), getattr(obj, self.field)
            setattr(obj, self.field, transition.target)
            changed = [self.field, *self.stamp(obj, transition, now)]
            changed += change(obj, transition, now) if change else []
            obj.save(update_fields=list(dict.fromkeys(changed)))
            if record:
                record(obj, transition, source)
        return obj
