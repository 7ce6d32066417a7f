from django.utils.functional import SimpleLazyObject

from offices.selectors import Acting


class ActingMiddleware:
    """Attach `request.acting`: the user's roles and uppdrag for today, read at most once, and
    not at all while the process holds a reading under the user's access stamp. The
    services, given the user (`actor=request.user`), check access again with the same reading
    instead of reading the roles and uppdrag a second time in the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def acting():
            found = Acting(user=request.user, kept=True)
            request.user.sus_acting = found
            return found

        request.acting = SimpleLazyObject(acting)
        return self.get_response(request)
