"""Plumbing every API app shares: errors, parsing, pagination, CSV, throttles, schema.

Nothing here knows a domain rule; the apps' `api/` packages hold the resources.
"""
