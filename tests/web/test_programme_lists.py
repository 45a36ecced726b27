"""The programme page names the first people of each overview list and counts the rest; the API lists all."""

from __future__ import annotations

import re

import pytest

from netgraph.web import programme


@pytest.fixture
def two_listed(monkeypatch):
    """The page naming at most two people a list (a 100k organisation has thousands of mentors)."""
    monkeypatch.setattr(programme, "PEOPLE_LISTED", 2)


def test_the_page_names_the_busiest_mentors_and_counts_the_rest(as_user, two_listed):
    hr = as_user("hr")
    mentors = hr.get("/api/programme").json["mentors"]
    page = hr.get("/programme").get_data(as_text=True)
    listed = page.split("<h2>Mentors by mentees</h2>")[1].split("</ol>")[0]
    assert re.findall(r'<li><a href="/people/([^"]+)"', listed) == [m["id"] for m in mentors[:2]]
    assert f"and {len(mentors) - 2} more active mentors with fewer mentees" in page


def test_the_page_names_two_mentees_without_a_mentor_and_counts_the_third(as_user, two_listed):
    page = as_user("hr").get("/programme").get_data(as_text=True)
    listed = page.split("<h2>Mentees without a mentor</h2>")[1].split("</ul>")[0]
    assert re.findall(r'<li><a href="/people/([^"]+)"', listed) == ["p070", "p113"]
    assert '<li class="muted left-out" id="unmentored-left-out">and 1 more</li>' in listed


def test_the_api_lists_every_mentor_and_mentee_however_few_the_page_names(as_user, two_listed):
    overview = as_user("hr").get("/api/programme").json
    assert len(overview["mentees_without_mentor"]) == 3 and len(overview["mentors"]) > 2
