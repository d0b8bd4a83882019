"""One JSON line per request on the `claimdesk.request` logger, for production log collectors.

On when `REQUEST_LOG` is set (config/gunicorn.py sets it, so `make serve` logs and the
development server, which prints its own lines, does not). The line holds the method, the path
without its query string (a token or a search never reaches the log), the status, the duration,
the user's id or null, and a request id: the caller's `X-Request-ID` when it is a plain token,
else a new one, echoed in the response so a client can quote it.
"""

import json
import logging
import re
import time
import uuid

logger = logging.getLogger("claimdesk.request")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        logger.info(
            json.dumps(
                {
                    "event": "request",
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "user": user.pk if user is not None and user.is_authenticated else None,
                },
                separators=(",", ":"),
            )
        )
        return response
