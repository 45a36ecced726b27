"""README is a front door; docs/ holds the rest, and nothing a user can set, type or call is left out of it.

The settings table is checked against the page that lists it (tests/unit/test_settings.py,
and the recommendation settings in tests/unit/test_recommend_scoring.py); here: the settings
file of ties from evidence, every command of the CLI's parser, every path of the OpenAPI
document, README's size and links, and the licence table of docs/licenses.md against the
installed dependencies. The site itself is built with ``mkdocs build --strict`` by
``make test`` (broken links, unlisted pages).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.cli.main import build_parser
from netgraph.model.insights import InsightSettings
from netgraph.model.ties import TieSettings
from tests import licenses

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
#: README's budget: what netgraph is, set-up, a tour, the code map and links, read in five minutes
README_MAX_LINES = 200


def docs_text() -> str:
    """Every page of the site, with the demo's README, which docs/demo.md includes."""
    pages = sorted(DOCS.rglob("*.md")) + [ROOT / "fixtures" / "demo" / "README.md"]
    return "\n".join(page.read_text("utf-8") for page in pages)


def guide_pages() -> list[str]:
    """The feature guides: the pages under "Guides" in the site's navigation (mkdocs.yml)."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["nav"]
    (guides,) = [entry["Guides"] for entry in nav if isinstance(entry, dict) and "Guides" in entry]
    return [page for entry in guides for page in entry.values()]


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[str]:
    """Every command as typed, down to the last sub-command: "db local start", "ties opt-out", ..."""
    groups = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    if not groups:
        return [" ".join(path)]
    return [found for group in groups for name, sub in group.choices.items() for found in commands(sub, (*path, name))]


def route_pattern(path: str) -> re.Pattern:
    """An OpenAPI path as the docs write it: each ``{parameter}`` as ``ID``, ``<id>`` or ``{id}``."""
    parts = [re.escape(part) for part in re.split(r"\{[^}]+\}", path)]
    return re.compile(r"[A-Za-z_<>{}]+".join(parts) + r"(?![\w/])")


OPENAPI_PATHS = sorted(json.loads((ROOT / "web" / "openapi.json").read_text("utf-8"))["paths"])


def test_readme_fits_a_front_door():
    lines = README.read_text("utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README has {len(lines)} lines; move the detail into docs/"


@pytest.mark.parametrize("page", guide_pages())
def test_readme_links_every_feature_guide(page):
    assert f"](docs/{page})" in README.read_text("utf-8"), f"README does not link docs/{page}"


@pytest.mark.parametrize("target", re.findall(r"\]\((docs/[^)#]+)", README.read_text("utf-8")))
def test_every_page_readme_links_exists(target):
    assert (ROOT / target).is_file()


@pytest.mark.parametrize("name", [f.name for f in fields(TieSettings)])
def test_every_ties_setting_is_on_some_docs_page(name):
    assert f"`{name}`" in docs_text()


@pytest.mark.parametrize("name", [f.name for f in fields(InsightSettings)])
def test_every_insights_setting_is_on_some_docs_page(name):
    assert f"`{name}`" in docs_text()


@pytest.mark.parametrize("name", [f.name for f in fields(MatchSettings)])
def test_every_match_setting_is_on_some_docs_page(name):
    assert f"`{name}`" in docs_text()


@pytest.mark.parametrize("command", commands(build_parser()))
def test_every_command_is_shown_as_typed_on_some_docs_page(command):
    assert re.search(rf"netgraph {re.escape(command)}(?![\w-])", docs_text()), f"no page shows `netgraph {command}`"


@pytest.mark.parametrize("path", OPENAPI_PATHS)
def test_every_route_is_on_some_docs_page(path):
    assert route_pattern(path).search(docs_text()), f"no page names {path}"


def test_the_licence_table_is_that_of_the_installed_dependencies():
    assert licenses.page_table(licenses.PAGE.read_text("utf-8")) == licenses.table(), (
        "docs/licenses.md is out of date: python -m tests.licenses --write"
    )
