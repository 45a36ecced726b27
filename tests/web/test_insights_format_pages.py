"""Stored insights in a format this build does not know: the pages and the API say so, on both stores."""

from __future__ import annotations

import pytest

from netgraph.analysis.insights import stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate
from tests.contract.test_insights_format import NEWER, stored_as
from tests.contract.test_ports_insights import DOCUMENT
from tests.web.conftest import Browser, make_app

SAID = f"stored insights were written by a newer netgraph (format {NEWER}); run"


@pytest.fixture
def hr(store, accounts_file):
    """hr, signed in on a store whose insights a newer build wrote."""
    store.write(complete(validate(DOCUMENT)))
    stored.refresh(store, InsightSettings(permutations=20), RecommendSettings())
    stored_as(store, format=NEWER)
    return Browser(make_app(store, accounts_file)).login("hr")


@pytest.mark.parametrize("url", ["/insights", "/insights/impact", "/api/insights/brokers"])
def test_a_newer_format_is_a_409_saying_a_newer_build_wrote_it_and_how_to_rewrite_it(hr, url):
    response = hr.get(url)
    assert response.status_code == 409 and SAID in response.get_data(as_text=True)


def test_the_programme_page_shows_the_rest_and_says_why_growth_is_missing(hr):
    response = hr.get("/programme")
    assert response.status_code == 200 and SAID in response.get_data(as_text=True)
