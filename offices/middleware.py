from django.utils.functional import SimpleLazyObject

from offices.selectors import Acting


class ActingMiddleware:
    """Attach `request.acting`: the user's roles and uppdrag for today, read at most once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting = SimpleLazyObject(lambda: Acting(user=request.user))
        return self.get_response(request)
