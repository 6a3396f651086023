"""The address a request came from, for the audit entries written while it is served."""

from contextvars import ContextVar

current_address: ContextVar[str | None] = ContextVar("audit_address", default=None)
