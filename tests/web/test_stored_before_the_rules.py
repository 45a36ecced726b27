"""A value stored before the current rules (a NaN strength) is an error naming its record, never an anonymous 500.

Imports refuse NaN and infinity now; a store written before may hold them.
The value is written here straight through ``store.write``, as an old
import would have, on each store.
"""

from __future__ import annotations

import pytest

from netgraph.model.validate import validate
from tests.web.conftest import Browser, make_app


@pytest.fixture
def site(store, demo_document, accounts_file):
    clean = validate(demo_document)
    store.write(clean)
    link = next(k for k in clean["knows"] if k["strength"] is not None)
    store.write({"knows": [{**link, "strength": float("nan"), "declared_strength": float("nan")}]})
    return make_app(store, accounts_file), link


def test_the_network_of_a_person_with_a_nan_strength_is_an_error_naming_the_link(site):
    app, link = site
    response = Browser(app).login("hr").get(f"/api/people/{link['a']}/network")

    assert response.status_code == 500, response.data
    error = response.json["error"]
    assert f"knows:{link['a']}>{link['b']}" in error and "is nan" in error, error
    assert "`netgraph db check` lists every such value with its record" in error
