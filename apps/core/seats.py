"""
Places with a waitlist, for whatever people register for (a meeting, an activity).

A seat is a row with a `status` (one of the three below) and a `queued_at`. The caller holds a lock
on the row that owns the places (`select_for_update()`) for the whole transaction: then two people
taking the last place at once cannot both get it, and a freed place goes to exactly one person.
"""

from django.db import models
from django.utils import timezone

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def seat_take(*, seat: models.Model, seats: models.QuerySet, capacity: int | None, waitlist: bool) -> bool:
    """Give `seat` (new, or cancelled before) a place, else one at the end of the waitlist, and save
    it; False, saving nothing, when the places are taken and there is no waitlist."""
    if capacity is None or seats.filter(status=CONFIRMED).count() < capacity:
        seat.status = CONFIRMED
    elif waitlist:
        seat.status = WAITLISTED
    else:
        return False
    seat.queued_at = timezone.now()
    seat.save()
    return True


def seat_release(*, seat: models.Model, seats: models.QuerySet, capacity: int | None) -> list[models.Model]:
    """Cancel `seat`; the first waiting move into the place it frees. Returns those who moved up."""
    freed = seat.status == CONFIRMED
    seat.status = CANCELLED
    seat.save(update_fields=["status"])
    return seats_fill(seats=seats, capacity=capacity) if freed else []


def seats_fill(*, seats: models.QuerySet, capacity: int | None) -> list[models.Model]:
    """Move the first waiting, in the order they queued, into the places that are free (after a
    release, or when the capacity was raised). Returns them in that order."""
    waiting = seats.filter(status=WAITLISTED).order_by("queued_at", "pk")
    if capacity is not None:
        free = capacity - seats.filter(status=CONFIRMED).count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    moving = list(waiting)
    for seat in moving:
        seat.status = CONFIRMED
        seat.save(update_fields=["status"])
    return moving
