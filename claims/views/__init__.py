"""The analyst pages. Every page reads through the core's selectors and ClaimFilterSet: what a
reader may see and how claims are filtered is decided there, never here."""

from .account import account_token_revoke, account_tokens
from .claim_detail import admin_change_url, claim_detail, entity_detail
from .claim_list import claim_export, claim_list
from .dashboard import dashboard
from .sources import source_claim_cards, source_detail, source_list

__all__ = [
    "account_token_revoke",
    "account_tokens",
    "admin_change_url",
    "claim_detail",
    "claim_export",
    "claim_list",
    "dashboard",
    "entity_detail",
    "source_claim_cards",
    "source_detail",
    "source_list",
]
