"""Many people doing the same thing at the same moment, each in a thread with its own connection."""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def all_at_once(people, action) -> list:
    """What `action(person)` returned for each person, or "refused" where it raised ValidationError;
    the threads start together at a barrier."""
    barrier = threading.Barrier(len(people))
    outcomes = []

    def run(person):
        try:
            barrier.wait()
            outcomes.append(action(person))
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
