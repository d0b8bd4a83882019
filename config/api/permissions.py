"""Who may call what. Reads are open here: what a reader sees is the selectors' business.

A write needs a signed-in user (else 401) holding the permission that the service it calls
checks (else 403), so that refusal comes before input validation. The service checks again
and remains the rule; this is only its early answer.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOpenWriteWithPerm(BasePermission):
    message = "Your account may not do this: it needs the editor or reviewer role."

    def allows_anonymous(self, method: str) -> bool:
        return method in SAFE_METHODS

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not hasattr(view, request.method.lower()):
            return True  # no such operation: let the view answer 405 Method Not Allowed
        user = request.user
        if not (user and user.is_authenticated):
            return False
        perm = view.get_write_permission()
        return bool(user.is_active and perm and user.has_perm(perm))
