"""Rate limits for anonymous readers and for signed-in (token or session) users.

DRF's throttles copy the rates when the module is imported; these read them on every request,
so settings (and the tests' raised limits) take effect at once. Counters live in the `throttle`
cache (config/settings.py: Redis or a database table), shared by every server process, so
running more processes does not multiply the limit. Anonymous readers are counted by the address
DRF's `NUM_PROXIES` trusts (REMOTE_ADDR unless the app is behind our proxies), never by an
X-Forwarded-For the client wrote itself.
"""

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _SharedCounters:
    @property
    def cache(self):
        return caches["throttle"]

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousThrottle(_SharedCounters, AnonRateThrottle):
    scope = "anon"


class UserThrottle(_SharedCounters, UserRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        # Anonymous readers are AnonymousThrottle's (a lower rate): counting them here too
        # would only cost every anonymous request a second counter.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
