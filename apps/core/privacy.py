"""Pages are private unless they say otherwise: an answer that sets no Cache-Control of its own is
kept by no browser history cache, shared proxy or CDN (a follow page, a staff list, a file)."""

from django.utils.cache import patch_cache_control


def private_by_default(get_response):
    def middleware(request):
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
