"""Rate limits for anonymous readers and for signed-in (token or session) users.

DRF's throttles copy the rates when the module is imported; these read them on every request,
so settings (and the tests' raised limits) take effect at once. Counters live in the default
cache: per process with the local-memory cache, shared when a shared cache is configured.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _RatesFromSettings:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousThrottle(_RatesFromSettings, AnonRateThrottle):
    scope = "anon"


class UserThrottle(_RatesFromSettings, UserRateThrottle):
    scope = "user"
