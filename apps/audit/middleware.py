from .context import current_address


class AuditContextMiddleware:
    """Remember the client's address while a request is served; services never see the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_address.set(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            current_address.reset(token)
