"""The interactive API docs work in a real browser with no outside network (no CDN)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_docs_render_every_endpoint_offline(page, live_server, screenshot, roles):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-summary", timeout=20000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/claims/{id}/transition/" in [p.replace("\u200b", "") for p in paths]
    assert page.locator(".opblock").count() >= 19
    assert failed == []
    screenshot("api-docs")
