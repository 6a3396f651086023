"""Structured logs: one line per request and one per task, with what an operator filters by.

With DJANGO_LOG_FORMAT=json (production's default) each line is a JSON object; the fields
given in `extra` become its keys.
"""

import logging
import time

from celery.signals import task_failure, task_postrun, task_prerun, task_retry

requests_log = logging.getLogger("gongzhi.request")
tasks_log = logging.getLogger("gongzhi.task")

_task_started: dict[str, float] = {}


class RequestLogMiddleware:
    """Outermost middleware, so the duration covers every other one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        status = response.status_code
        requests_log.log(
            logging.ERROR if status >= 500 else logging.INFO,
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "address": request.META.get("REMOTE_ADDR"),
            },
        )
        return response


@task_prerun.connect
def _task_started_at(task_id=None, **kwargs):
    _task_started[task_id] = time.perf_counter()


@task_postrun.connect
def _task_done(task_id=None, task=None, state=None, **kwargs):
    started = _task_started.pop(task_id, None)
    if state == "FAILURE":
        return  # _task_failed said it, with the error
    tasks_log.info(
        "task %s %s",
        task.name,
        state,
        extra={
            "task": task.name,
            "task_id": task_id,
            "state": state,
            "retries": task.request.retries,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )


@task_failure.connect
def _task_failed(task_id=None, sender=None, exception=None, **kwargs):
    tasks_log.error(
        "task %s failed: %r",
        sender.name,
        exception,
        extra={"task": sender.name, "task_id": task_id, "state": "FAILURE", "error": repr(exception)},
    )


@task_retry.connect
def _task_retried(request=None, reason=None, sender=None, **kwargs):
    tasks_log.warning(
        "task %s retried: %s",
        sender.name,
        reason,
        extra={"task": sender.name, "task_id": getattr(request, "id", None), "state": "RETRY"},
    )
