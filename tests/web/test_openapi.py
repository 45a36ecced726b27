"""The JSON API's description (web/openapi.json) tells the truth: paths, methods, roles, bodies, answers.

Schemas are checked with fastjsonschema against real answers of the demo app;
``$ref``s point into the spec's ``components`` and resolve because every
schema is compiled inside a document that carries them.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import fastjsonschema
import jsonschema
import pytest

import netgraph.web
from netgraph.accounts import ROLES
from tests.conftest import ACCOUNTS
from tests.web.conftest import Browser, csrf_from, make_app, with_a_round
from tests.web.test_roles import ROUTES

SPEC_FILE = Path(netgraph.web.__file__).with_name("openapi.json")
SPEC = json.loads(SPEC_FILE.read_text())
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
OPERATIONS = [
    (method.upper(), path) for path, item in SPEC["paths"].items() for method in item if method in HTTP_METHODS
]

#: (method, path in the spec) -> (url, JSON body) for a request every allowed role may make and
#: that changes nothing (refused bodies, unknown ids, a what-if): used to find who gets through.
PROBES = {
    ("GET", "/api/people"): ("/api/people?q=dana", None),
    ("GET", "/api/home"): ("/api/home", None),
    ("GET", "/api/units"): ("/api/units?q=sales", None),
    ("GET", "/api/skills"): ("/api/skills?q=neg", None),
    ("GET", "/api/people/{person}"): ("/api/people/p033", None),
    ("GET", "/api/ties/{a}/{b}"): ("/api/ties/p009/p033", None),
    ("GET", "/api/people/{person}/recommendations"): ("/api/people/p033/recommendations", None),
    ("GET", "/api/people/{person}/network"): ("/api/people/p033/network", None),
    ("GET", "/api/paths"): ("/api/paths?from=p033&to=p100", None),
    ("GET", "/api/introductions"): ("/api/introductions", None),
    ("POST", "/api/introductions"): ("/api/introductions", {}),
    ("POST", "/api/introductions/{introduction_id}"): ("/api/introductions/i-none", {}),
    ("GET", "/api/succession"): ("/api/succession", None),
    ("GET", "/api/succession/positions/{position}"): ("/api/succession/positions/pos-head-sales", None),
    ("GET", "/api/succession/pipeline"): ("/api/succession/pipeline", None),
    ("GET", "/api/succession/chart"): ("/api/succession/chart?position=pos-ceo", None),
    ("POST", "/api/succession/what-if"): ("/api/succession/what-if", {"leavers": ["p099"]}),
    ("POST", "/api/succession/positions/{position}/successors"): (
        "/api/succession/positions/pos-none/successors",
        {"person": "p033", "readiness": "ready_now"},
    ),
    ("POST", "/api/succession/positions/{position}/successors/{person}/withdraw"): (
        "/api/succession/positions/pos-none/successors/p033/withdraw",
        {},
    ),
    ("POST", "/api/succession/positions/{position}/successors/{person}/readiness"): (
        "/api/succession/positions/pos-none/successors/p033/readiness",
        {"readiness": "ready_now"},
    ),
    ("POST", "/api/succession/positions/{position}/delete"): ("/api/succession/positions/pos-none/delete", {}),
    ("POST", "/api/people/{person}/leave"): ("/api/people/p-none/leave", {}),
    ("POST", "/api/people/{person}/rejoin"): ("/api/people/p-none/rejoin", {}),
    ("POST", "/api/people/{person}/move"): ("/api/people/p-none/move", {"unit": "u-apps"}),
    ("POST", "/api/people/{person}/open-to-intros"): ("/api/people/p-none/open-to-intros", {"open_to_intros": True}),
    ("POST", "/api/people/{person}/open-to-mentoring"): (
        "/api/people/p-none/open-to-mentoring",
        {"open_to_mentoring": True},
    ),
    ("POST", "/api/mentorships/end"): ("/api/mentorships/end", {"mentor": "p-none", "mentee": "p033"}),
    ("POST", "/api/knows/remove"): ("/api/knows/remove", {"a": "p-none", "b": "p033"}),
    ("GET", "/api/programme"): ("/api/programme", None),
    ("GET", "/api/programme/growth"): ("/api/programme/growth", None),
    ("POST", "/api/programme/cohort"): (
        "/api/programme/cohort",
        {"people": ["p033"], "per_person": 1, "max_exposure": 1},
    ),
    ("POST", "/api/programme/cohort/propose"): ("/api/programme/cohort/propose", {"rows": []}),
    ("GET", "/api/openapi.json"): ("/api/openapi.json", None),
    ("GET", "/api/insights/brokers"): ("/api/insights/brokers", None),
    ("GET", "/api/insights/cut-points"): ("/api/insights/cut-points", None),
    ("GET", "/api/insights/impact"): ("/api/insights/impact", None),
    ("GET", "/api/insights/exposure"): ("/api/insights/exposure", None),
    ("GET", "/api/insights/silos"): ("/api/insights/silos", None),
    ("GET", "/api/insights/heat-map"): ("/api/insights/heat-map", None),
    ("GET", "/api/insights/communities"): ("/api/insights/communities", None),
    ("GET", "/api/audit"): ("/api/audit?action=read", None),
    ("POST", "/api/people/{person}/erase"): ("/api/people/p-none/erase", {"reason": "probe"}),
    ("GET", "/api/match/rounds"): ("/api/match/rounds", None),
    ("GET", "/api/match/rounds/{round_id}"): ("/api/match/rounds/none", None),
    ("POST", "/api/match/rounds"): ("/api/match/rounds", {}),
    ("POST", "/api/match/rounds/{round_id}/run"): ("/api/match/rounds/none/run", {}),
    ("POST", "/api/match/rounds/{round_id}/lock"): (
        "/api/match/rounds/none/lock",
        {"mentor": "p002", "mentee": "p003"},
    ),
    ("POST", "/api/match/rounds/{round_id}/forbid"): (
        "/api/match/rounds/none/forbid",
        {"mentor": "p002", "mentee": "p003"},
    ),
    ("POST", "/api/match/rounds/{round_id}/close"): ("/api/match/rounds/none/close", {}),
    ("POST", "/api/match/rounds/{round_id}/send"): ("/api/match/rounds/none/send", {}),
    ("POST", "/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/answer"): (
        "/api/match/rounds/none/proposals/p002/p003/answer",
        {"choice": "accepted"},
    ),
    ("POST", "/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/feedback"): (
        "/api/match/rounds/none/proposals/p002/p003/feedback",
        {"rating": 4, "again": True},
    ),
}

#: (account, url) for real answers of every GET operation, covering the variants of each answer
#: (p033 has an active mentor, sana; p065 has introductions; p136's flight risk is hidden from vic;
#: sana sees her own email and her mentorship with p033, vic neither; pos-principal-platform has
#: pipeline suggestions).
GET_SAMPLES = [
    ("vic", "/api/people?q=dana"),
    ("vic", "/api/people?q=an&limit=50"),
    ("admin", "/api/home"),
    ("hr", "/api/home"),
    ("sana", "/api/home"),
    ("vic", "/api/home"),
    ("vic", "/api/units?q=sales"),
    ("vic", "/api/ties/p033/p009"),
    ("admin", "/api/ties/p009/p033"),
    ("olga", "/api/units?q=u-&limit=50"),
    ("vic", "/api/skills?q=an&limit=3"),
    ("hr", "/api/people/p065"),
    ("vic", "/api/people/p136"),
    ("sana", "/api/people/p009"),
    ("sana", "/api/people/p033"),
    ("vic", "/api/people/p033"),
    ("hr", "/api/people/p033/recommendations"),
    ("sana", "/api/people/p033/recommendations"),
    ("hr", "/api/people/p033/recommendations?via=all&skill=negotiation&limit=3"),
    ("vic", "/api/people/p033/network?depth=2"),
    ("vic", "/api/people/p033/network?types=KNOWS&types=MENTORS&units=u-sales-emea"),
    ("vic", "/api/people/p033/network?path=p033&path=p028&path=p100"),
    ("vic", "/api/paths?from=p033&to=p100"),
    ("vic", "/api/paths?from=p033&to_skill=negotiation&max_hops=2"),
    ("sana", "/api/introductions"),
    ("olga", "/api/introductions"),
    ("hr", "/api/introductions?status=met&person=p065"),
    ("hr", "/api/succession"),
    ("hr", "/api/succession?org_unit=u-sales&critical_only=1"),
    ("hr", "/api/succession/positions/pos-head-sales"),
    ("hr", "/api/succession/positions/pos-principal-platform"),
    ("hr", "/api/succession/pipeline"),
    ("hr", "/api/succession/pipeline?position=pos-principal-platform"),
    ("hr", "/api/succession/chart"),
    ("hr", "/api/succession/chart?position=pos-ceo&limit=3&offset=2"),
    ("admin", "/api/succession/chart?unit=u-sales"),
    ("hr", "/api/succession/chart?around=pos-sre-lead,pos-head-apac"),
    ("hr", "/api/programme"),
    ("admin", "/api/programme/growth"),
    ("vic", "/api/openapi.json"),
    ("hr", "/api/insights/brokers"),
    ("hr", "/api/insights/cut-points?limit=3"),
    ("admin", "/api/insights/impact?unit=u-sales"),
    ("hr", "/api/insights/exposure?unit=u-sales&limit=5"),
    ("admin", "/api/insights/silos"),
    ("hr", "/api/insights/heat-map?level=1"),
    ("hr", "/api/insights/communities"),
    ("admin", "/api/audit"),
    ("admin", "/api/audit?action=import&since=2026-01-01&page=1"),
    ("hr", "/api/match/rounds"),
    ("admin", "/api/match/rounds/demo-round"),
]

#: Bodies the other web tests send (test_writes.py, test_safety.py, test_pages.py), all accepted.
GOOD_BODIES = [
    ("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084"}),
    ("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084", "note": "pricing"}),
    ("/api/introductions/{introduction_id}", {"status": "made"}),
    ("/api/introductions/{introduction_id}", {"status": "declined"}),
    ("/api/introductions/{introduction_id}", {"outcome": 5}),
    ("/api/succession/what-if", {"leavers": ["p099"]}),
    ("/api/succession/what-if", {"leavers": ["p078"], "promote": True}),
    ("/api/people/{person}/erase", {"reason": "request 2026-12-01 from Femi Costa"}),
    ("/api/match/rounds/{round_id}/send", {}),
    ("/api/match/rounds/{round_id}/send", {"answer_by": "2027-03-15"}),
    ("/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/answer", {"choice": "declined"}),
    ("/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/feedback", {"rating": 1, "again": False}),
]
#: Bodies the server refuses with 422: the schema refuses them too.
BAD_BODIES = [
    ("/api/introductions/{introduction_id}", {"outcome": "great"}),
    ("/api/introductions/{introduction_id}", {"outcome": 4.5}),
    ("/api/introductions/{introduction_id}", {"outcome": True}),
    ("/api/introductions/{introduction_id}", {}),
    ("/api/succession/what-if", {}),
    ("/api/succession/what-if", {"leavers": []}),
    ("/api/people/{person}/erase", {}),
    ("/api/people/{person}/erase", {"reason": ""}),
    ("/api/people/{person}/erase", {"reason": "   "}),
    ("/api/people/{person}/erase", {"reason": 5}),
    ("/api/match/rounds/{round_id}/send", {"answer_by": "15/03/2027"}),
    ("/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/answer", {"choice": "maybe"}),
    ("/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/answer", {}),
    ("/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/feedback", {"rating": 0, "again": True}),
    ("/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/feedback", {"rating": 6, "again": True}),
    ("/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/feedback", {"rating": "x", "again": True}),
    ("/api/match/rounds/{round_id}/proposals/{mentor}/{mentee}/feedback", {"rating": 4}),
]

#: (account or None, method, url, body, status): error answers, none of which changes anything.
ERROR_SAMPLES = [
    (None, "GET", "/api/people?q=dana", None, 401),
    (None, "GET", "/api/openapi.json", None, 401),
    ("admin", "POST", "/api/succession/what-if", "no CSRF token", 400),
    ("vic", "GET", "/api/succession", None, 403),
    ("olga", "GET", "/api/people/p033/recommendations", None, 403),
    ("hr", "GET", "/api/people/p999", None, 404),
    ("hr", "GET", "/api/succession?org_unit=u-nope", None, 404),
    ("hr", "POST", "/api/introductions/i-none", {"status": "made"}, 404),
    ("hr", "GET", "/api/people/p070/recommendations", None, 409),
    ("hr", "POST", "/api/introductions/i004", {"status": "made"}, 409),
    ("hr", "GET", "/api/people?q=a", None, 422),
    ("vic", "GET", "/api/people/p033/network?depth=4", None, 422),
    ("hr", "POST", "/api/succession/what-if", {"leavers": []}, 422),
    ("hr", "POST", "/api/succession/what-if", ["p099"], 422),
    ("hr", "GET", "/api/succession?critical_only=maybe", None, 422),
    ("vic", "GET", "/api/paths?from=p033", None, 422),
    ("hr", "GET", "/api/people/p033/recommendations?limit=ten", None, 422),
    ("hr", "POST", "/api/succession/what-if", {"leavers": ["p099"], "padding": "x" * 2_000_000}, 413),
    (
        "hr",
        "POST",
        "/api/introductions",
        {"by": "p009", "introduce": "p033", "to": "p084", "note": "x" * 2_000_000},
        413,
    ),
    ("hr", "POST", "/api/introductions/i004", {"status": "made", "note": "x" * 2_000_000}, 413),
    ("hr", "GET", "/api/audit", None, 403),
    ("admin", "GET", "/api/audit?since=yesterday", None, 422),
    ("admin", "GET", "/api/audit?page=0", None, 422),
    ("hr", "POST", "/api/people/p033/erase", {"reason": "probe"}, 403),
    ("admin", "POST", "/api/people/p-none/erase", {"reason": "probe"}, 404),
    ("admin", "POST", "/api/people/p033/erase", {"reason": " "}, 422),
]


def spec_path(url: str) -> str:
    """The spec's path template that ``url`` falls under."""
    segments = urlsplit(url).path.split("/")
    found = [
        p
        for p in SPEC["paths"]
        if len(p.split("/")) == len(segments)
        and all(t == s or re.fullmatch(r"\{[^}]+\}", t) for t, s in zip(p.split("/"), segments, strict=True))
    ]
    assert len(found) == 1, (url, found)
    return found[0]


def flask_to_openapi(rule: str) -> str:
    """``/api/people/<person>`` -> ``/api/people/{person}`` (converters dropped).

    >>> flask_to_openapi("/api/a/<int:n>/<name>")
    '/api/a/{n}/{name}'
    """
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def resolved(node: dict) -> dict:
    """``node`` itself, or what its ``$ref`` points to in the spec."""
    while "$ref" in node:
        target = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def response_schema(method: str, path: str, status: int) -> dict:
    response = resolved(SPEC["paths"][path][method.lower()]["responses"][str(status)])
    return response["content"]["application/json"]["schema"]


def request_schema(path: str) -> dict:
    return SPEC["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]


@functools.cache
def _compiled(schema_json: str):
    return fastjsonschema.compile({"allOf": [json.loads(schema_json)], "components": SPEC["components"]})


def validator(schema: dict):
    """A fastjsonschema validator for ``schema``, whose ``$ref``s resolve into the spec's components."""
    return _compiled(json.dumps(schema, sort_keys=True))


def api_routes(app) -> dict[str, set[str]]:
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api"):
            routes.setdefault(flask_to_openapi(rule.rule), set()).update(rule.methods - {"HEAD", "OPTIONS"})
    return routes


def spec_routes() -> dict[str, set[str]]:
    routes: dict[str, set[str]] = {}
    for method, path in OPERATIONS:
        routes.setdefault(path, set()).add(method)
    return routes


@pytest.fixture
def app(demo_store, accounts_file):
    """The demo organisation, read-only, on each store, with one stored mentoring round."""
    return with_a_round(make_app(demo_store, accounts_file))


@pytest.fixture(scope="module")
def bare_app():
    """The app without data: enough for its routes."""
    return netgraph.web.create_app({"SECRET_KEY": "test", "NETGRAPH_DATA": ":memory:"})


# -- the description itself --------------------------------------------------------------------


def test_the_description_is_openapi_3_1_for_this_version_of_netgraph():
    assert SPEC["openapi"] == "3.1.0"
    assert SPEC["info"]["title"] == "netgraph"
    assert SPEC["info"]["version"] == importlib.metadata.version("netgraph")


def test_every_schema_in_the_description_is_valid_json_schema_2020_12():
    schemas = [item for item in SPEC["components"]["schemas"].values()]
    for method, path in OPERATIONS:
        operation = SPEC["paths"][path][method.lower()]
        schemas += [p["schema"] for p in operation.get("parameters", [])]
        schemas += [c["schema"] for r in operation["responses"].values() for c in resolved(r)["content"].values()]
        schemas += [c["schema"] for c in operation.get("requestBody", {}).get("content", {}).values()]
    for schema in schemas:
        jsonschema.Draft202012Validator.check_schema(schema)
        validator(schema)  # and every $ref in it resolves


def test_every_operation_has_a_one_line_summary_and_roles_that_include_admin():
    for method, path in OPERATIONS:
        operation = SPEC["paths"][path][method.lower()]
        assert operation["summary"] and "\n" not in operation["summary"], (method, path)
        assert set(operation["x-roles"]) <= set(ROLES) and "admin" in operation["x-roles"], (method, path)


def test_every_post_needs_the_session_and_the_csrf_header():
    schemes = SPEC["components"]["securitySchemes"]
    assert schemes["sessionCookie"] == {**schemes["sessionCookie"], "type": "apiKey", "in": "cookie", "name": "session"}
    assert schemes["csrfToken"] == {**schemes["csrfToken"], "type": "apiKey", "in": "header", "name": "X-CSRFToken"}
    assert SPEC["security"] == [{"sessionCookie": []}]
    for method, path in OPERATIONS:
        if method == "POST":
            assert SPEC["paths"][path]["post"]["security"] == [{"sessionCookie": [], "csrfToken": []}]


def test_the_session_cookie_is_named_as_the_app_names_it(bare_app):
    assert SPEC["components"]["securitySchemes"]["sessionCookie"]["name"] == bare_app.config["SESSION_COOKIE_NAME"]


# -- paths and methods ------------------------------------------------------------------------


def test_every_api_route_of_the_app_is_described_with_the_same_methods(bare_app):
    described = spec_routes()
    for path, methods in api_routes(bare_app).items():
        assert described.get(path) == methods, f"{path}: app {sorted(methods)}, spec {sorted(described.get(path, []))}"


def test_every_described_path_exists_in_the_app(bare_app):
    routes = api_routes(bare_app)
    assert sorted(set(spec_routes()) - set(routes)) == []


def test_every_path_parameter_is_described(bare_app):
    for path in spec_routes():
        named = set(re.findall(r"\{([^}]+)\}", path))
        for method in spec_routes()[path]:
            parameters = SPEC["paths"][path][method.lower()].get("parameters", [])
            assert {p["name"] for p in parameters if p["in"] == "path"} == named, (method, path)
            assert all(p["required"] for p in parameters if p["in"] == "path"), (method, path)


# -- roles ------------------------------------------------------------------------------------


def test_roles_agree_with_the_role_matrix_of_test_roles():
    matrix = {}
    for (method, url), allowed in ROUTES.items():
        if url.startswith("/api/"):
            roles = set(ROLES) if allowed == "any" else {ACCOUNTS[user][0] for user in allowed}
            matrix[method, spec_path(url)] = roles
    described = {(m, p): set(SPEC["paths"][p][m.lower()]["x-roles"]) for m, p in OPERATIONS if m == "GET"}
    assert matrix == described


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_the_server_lets_through_exactly_the_roles_described(embedded_as_user, method, path):
    url, body = PROBES[method, path]
    through = set()
    for user, (role, _) in ACCOUNTS.items():
        browser = embedded_as_user(user)
        response = browser.get(url) if method == "GET" else browser.post_json(url, body)
        assert response.status_code != 401, response.data[:300]
        if response.status_code != 403:
            through.add(role)
    assert through == set(SPEC["paths"][path][method.lower()]["x-roles"])


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_every_operation_is_401_without_a_session(embedded_app, method, path):
    url, body = PROBES[method, path]
    browser = Browser(embedded_app)
    browser.token = csrf_from(browser.client.get("/login"))  # a token, but nobody logged in
    response = browser.get(url) if method == "GET" else browser.post_json(url, body)
    assert response.status_code == 401
    assert "401" in SPEC["paths"][path][method.lower()]["responses"]


# -- answers ----------------------------------------------------------------------------------


def test_every_get_operation_has_a_sample_answer():
    assert {spec_path(url) for _, url in GET_SAMPLES} == {p for m, p in OPERATIONS if m == "GET"}


@pytest.mark.parametrize("user, url", GET_SAMPLES)
def test_a_real_answer_matches_the_described_200_schema(as_user, user, url):
    response = as_user(user).get(url)
    assert response.status_code == 200, response.data[:300]
    assert response.content_type == "application/json"
    validator(response_schema("GET", spec_path(url), 200))(response.json)


@pytest.mark.parametrize(
    "body",
    [{"leavers": ["p078"], "promote": True}, {"leavers": ["p099"]}, {"leavers": ["p009", "p099"], "promote": False}],
)
def test_a_what_if_answer_matches_the_described_schema(as_user, body):
    response = as_user("hr").post_json("/api/succession/what-if", body)
    assert response.status_code == 200, response.data[:300]
    validator(response_schema("POST", "/api/succession/what-if", 200))(response.json)


def test_proposing_and_moving_on_an_introduction_answer_as_described(writable_as):
    hr = writable_as("hr")
    made = hr.post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084", "note": "pricing"})
    assert made.status_code == 201
    validator(response_schema("POST", "/api/introductions", 201))(made.json)
    for change in ({"status": "made"}, {"status": "accepted"}, {"status": "met"}, {"outcome": 4}):
        moved = hr.post_json(f"/api/introductions/{made.json['id']}", change)
        assert moved.status_code == 200, moved.data[:300]
        validator(response_schema("POST", "/api/introductions/{introduction_id}", 200))(moved.json)


@pytest.mark.parametrize("user, method, url, body, status", ERROR_SAMPLES)
def test_error_answers_are_described_for_their_operation(app, as_user, user, method, url, body, status):
    browser = as_user(user) if user else Browser(app)
    if method == "GET":
        response = browser.get(url)
    elif body == "no CSRF token":
        response = browser.client.post(url, json={"leavers": ["p099"]})
    else:
        response = browser.post_json(url, body)
    assert response.status_code == status, response.data[:300]
    validator(response_schema(method, spec_path(url), status))(response.json)


# -- request bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize("path, body", GOOD_BODIES)
def test_request_schemas_accept_the_bodies_the_web_tests_send(path, body):
    validator(request_schema(path))(body)


@pytest.mark.parametrize("path, body", BAD_BODIES)
def test_request_schemas_refuse_bodies_the_server_refuses(path, body):
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        validator(request_schema(path))(body)


# -- serving it -------------------------------------------------------------------------------


def test_the_served_description_is_the_file(as_user):
    response = as_user("vic").get("/api/openapi.json")
    assert response.status_code == 200 and response.content_type == "application/json"
    assert response.get_data() == SPEC_FILE.read_bytes()
