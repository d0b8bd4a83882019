"""`/healthz`: what a load balancer asks before it sends a request here.

One query on the primary; 200 when it answers, 503 when it does not. Anonymous, never
throttled (a plain Django view, not DRF), not in the OpenAPI schema, and exempt from the HTTPS
redirect so a balancer probing over plain HTTP gets the answer, not a 301.
"""

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return JsonResponse({"status": "unavailable", "database": reason}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
