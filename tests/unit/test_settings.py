"""One settings table, read once at the edges into one settings object: what wins over what."""

from __future__ import annotations

import ast
import re
from dataclasses import fields
from pathlib import Path

import pytest

from netgraph.cli.main import Context, build_parser
from netgraph.errors import InvalidInput
from netgraph.model.rules import WEIGHTED
from netgraph.settings import GROUPS, SETTINGS, WebSettings, child_environment, load_settings
from netgraph.web import create_app
from netgraph.web.store import get_settings
from tests.package_folders import ROOT, module_name, python_sources

CONFIGURATION = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
NEO4J = {"NEO4J_URI": "bolt://127.0.0.1:1", "XDG_DATA_HOME": "/data"}


def cli_settings(argv, monkeypatch, env):
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Context(build_parser().parse_args(argv)).settings


def test_data_on_the_command_line_beats_neo4j_uri(monkeypatch):
    settings = cli_settings(["--data", "/tmp/g.json", "stats"], monkeypatch, NEO4J)
    assert settings.store.neo4j is None and settings.store.path == Path("/tmp/g.json")


def test_neo4j_uri_chooses_neo4j_without_data_on_the_command_line(monkeypatch):
    settings = cli_settings(["stats"], monkeypatch, NEO4J)
    assert settings.store.neo4j.uri == "bolt://127.0.0.1:1"


def test_without_either_the_embedded_store_lives_in_the_data_folder(monkeypatch):
    settings = cli_settings(["stats"], monkeypatch, {"XDG_DATA_HOME": "/data"})
    assert (settings.store.path, settings.users_file, settings.neo4j_home) == (
        Path("/data/netgraph/graph.json"),
        Path("/data/netgraph/users.json"),
        Path("/data/netgraph/neo4j"),
    )


def test_create_app_config_beats_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NETGRAPH_RECOMMEND", "goal_fit=0.9")
    app = create_app({"SECRET_KEY": "x", "NETGRAPH_DATA": ":memory:", "NETGRAPH_RECOMMEND": "goal_fit=0.2"})
    with app.app_context():
        settings = get_settings()
    assert settings.store.neo4j is None and settings.recommend.goal_fit == 0.2


def test_create_app_names_neo4j_from_its_config_over_an_environment_without_it():
    settings = load_settings({"XDG_DATA_HOME": "/data"}, config={"NEO4J_URI": "bolt://db:7687"})
    assert settings.store.neo4j.uri == "bolt://db:7687"


def test_the_recommendation_settings_come_from_the_environment_once():
    assert load_settings({"NETGRAPH_RECOMMEND": "fairness_scale=4"}).recommend.fairness_scale == 4.0


def test_a_bad_recommendation_setting_is_refused_where_the_settings_are_built():
    with pytest.raises(InvalidInput, match="NETGRAPH_RECOMMEND"):
        load_settings({"NETGRAPH_RECOMMEND": "speed=3"})


def test_the_password_never_shows_in_the_settings():
    settings = load_settings({"NEO4J_URI": "bolt://x", "NEO4J_PASSWORD": "s3cret-pass"})
    assert "s3cret-pass" not in repr(settings)


# -- the recommendation settings file ----------------------------------------------------------------


def settings_file(tmp_path, text: str) -> str:
    path = tmp_path / "recommend.toml"
    path.write_text(text, "utf-8")
    return str(path)


def test_the_recommendation_settings_file_is_loaded(tmp_path):
    path = settings_file(tmp_path, "[recommend]\ngoal_fit = 0.6\nfairness_window_days = 30\n")
    settings = load_settings({"NETGRAPH_RECOMMEND_FILE": path}).recommend
    assert (settings.goal_fit, settings.fairness_window_days, settings.new_reach) == (0.6, 30, 0.10)


def test_netgraph_recommend_overrides_single_values_of_the_file(tmp_path):
    path = settings_file(tmp_path, "[recommend]\ngoal_fit = 0.6\nnew_reach = 0.3\n")
    settings = load_settings({"NETGRAPH_RECOMMEND_FILE": path, "NETGRAPH_RECOMMEND": "goal_fit=0.1"}).recommend
    assert (settings.goal_fit, settings.new_reach) == (0.1, 0.3)


def test_every_mistake_in_the_settings_file_is_reported_at_once(tmp_path):
    path = settings_file(
        tmp_path, '[recommend]\ngoal_fit = -1\nspeed = 3\nfairness_window_days = 1.5\nvalue_band = "2"\n[other]\n'
    )
    with pytest.raises(InvalidInput) as refused:
        load_settings({"NETGRAPH_RECOMMEND_FILE": path})
    message = str(refused.value)
    assert "NETGRAPH_RECOMMEND_FILE" in message and path in message
    for field in ("goal_fit", "speed", "fairness_window_days", "value_band", "other"):
        assert f"field '{field}'" in message


def test_a_settings_file_that_is_not_toml_is_refused_with_where(tmp_path):
    with pytest.raises(InvalidInput, match=r"NETGRAPH_RECOMMEND_FILE .*: is not TOML: .*line 1"):
        load_settings({"NETGRAPH_RECOMMEND_FILE": settings_file(tmp_path, "goal_fit = = 1\n")})


def test_a_missing_settings_file_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match="NETGRAPH_RECOMMEND_FILE .*missing.toml: cannot read it"):
        load_settings({"NETGRAPH_RECOMMEND_FILE": str(tmp_path / "missing.toml")})


def test_a_settings_file_with_every_weight_zero_is_refused(tmp_path):
    text = "[recommend]\n" + "".join(f"{name} = 0\n" for name in WEIGHTED)
    with pytest.raises(InvalidInput, match="at least one weight must be above 0"):
        load_settings({"NETGRAPH_RECOMMEND_FILE": settings_file(tmp_path, text)})


def test_the_web_app_loads_the_settings_file_too(monkeypatch, tmp_path):
    monkeypatch.setenv("NETGRAPH_RECOMMEND_FILE", settings_file(tmp_path, "[recommend]\nseniority_fit = 0.7\n"))
    monkeypatch.delenv("NETGRAPH_RECOMMEND", raising=False)
    app = create_app({"SECRET_KEY": "x", "NETGRAPH_DATA": ":memory:"})
    with app.app_context():
        assert get_settings().recommend.seniority_fit == 0.7


def test_the_cli_loads_the_settings_file(monkeypatch, tmp_path):
    path = settings_file(tmp_path, "[recommend]\nseniority_fit = 0.7\n")
    settings = cli_settings(["stats"], monkeypatch, {"NETGRAPH_RECOMMEND_FILE": path})
    assert settings.recommend.seniority_fit == 0.7


# -- the audit key ----------------------------------------------------------------------------------------


def key_file(tmp_path, content: bytes, mode: int = 0o600):
    path = tmp_path / "audit.key"
    path.write_bytes(content)
    path.chmod(mode)
    return path


def test_the_audit_key_file_keys_the_store_and_never_shows(tmp_path):
    path = key_file(tmp_path, b"k" * 40 + b"\n")
    settings = load_settings({"NETGRAPH_AUDIT_KEY_FILE": str(path)})
    assert settings.store.audit_key == b"k" * 40 and b"k" * 40 not in repr(settings).encode()


@pytest.mark.parametrize(
    ("content", "mode", "says"),
    [
        (b"short", 0o600, "holds 5 bytes, fewer than 32"),
        (b"k" * 40, 0o644, "other users may read or change it (mode 644): chmod 600"),
        (None, 0o600, "cannot read it: No such file or directory"),
    ],
)
def test_a_bad_audit_key_file_is_one_located_line(tmp_path, content, mode, says):
    path = key_file(tmp_path, content, mode) if content is not None else tmp_path / "missing.key"
    with pytest.raises(InvalidInput) as caught:
        load_settings({"NETGRAPH_AUDIT_KEY_FILE": str(path)})
    assert str(caught.value).startswith(f"NETGRAPH_AUDIT_KEY_FILE {path}") and says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_resample_share_reaches_the_neo4j_connection():
    settings = load_settings({**NEO4J, "NETGRAPH_NEO4J_RESAMPLE_SHARE": "0.25"})
    assert settings.store.neo4j.resample_share == 0.25


def test_the_resample_share_can_be_turned_off():
    assert load_settings({**NEO4J, "NETGRAPH_NEO4J_RESAMPLE_SHARE": "off"}).store.neo4j.resample_share is None


def test_a_bad_resample_share_is_refused_where_the_settings_are_built():
    with pytest.raises(InvalidInput, match="NETGRAPH_NEO4J_RESAMPLE_SHARE"):
        load_settings({**NEO4J, "NETGRAPH_NEO4J_RESAMPLE_SHARE": "-1"})


def test_the_insights_settings_come_from_the_insights_table_of_their_file(tmp_path):
    path = tmp_path / "insights.toml"
    path.write_text("[insights]\nexact_below = 500\nbroker_percentile = 80\n", "utf-8")
    insights = load_settings({"NETGRAPH_INSIGHTS_FILE": str(path)}).insights
    assert (insights.exact_below, insights.broker_percentile, insights.min_group_size) == (500, 80.0, 5)


def test_an_unknown_or_out_of_range_insights_setting_is_refused_on_its_own_line(tmp_path):
    path = tmp_path / "insights.toml"
    path.write_text("[insights]\nspeed = 3\n", "utf-8")
    with pytest.raises(InvalidInput, match="insights.speed"):
        load_settings({"NETGRAPH_INSIGHTS_FILE": str(path)})
    path.write_text("[insights]\nbroker_percentile = 120\nmin_group_size = 0\n", "utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_settings({"NETGRAPH_INSIGHTS_FILE": str(path)})
    assert [p.field for p in refused.value.problems] == ["min_group_size", "broker_percentile"]


def test_a_leiden_pass_cap_below_one_is_refused_on_its_own_line(tmp_path):
    path = tmp_path / "insights.toml"
    path.write_text("[insights]\nleiden_passes = 0\n", "utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_settings({"NETGRAPH_INSIGHTS_FILE": str(path)})
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("leiden_passes", "must be a whole number of at least 1")
    ]


def test_the_match_settings_come_from_the_match_table_of_their_file(tmp_path):
    path = tmp_path / "match.toml"
    path.write_text("[match]\nrecent_days = 180\nother_unit = true\n[match.weights]\ngoal = 0.7\n", "utf-8")
    match = load_settings({"NETGRAPH_MATCH_FILE": str(path)}).match
    assert (match.recent_days, match.other_unit, match.min_level_gap) == (180, True, 1)
    assert (match.weights["goal"], match.weights["load"]) == (0.7, 0.1)


def test_an_unknown_or_out_of_range_match_setting_is_refused_on_its_own_line(tmp_path):
    path = tmp_path / "match.toml"
    path.write_text("[match]\nspeed = 3\n", "utf-8")
    with pytest.raises(InvalidInput, match="match.speed"):
        load_settings({"NETGRAPH_MATCH_FILE": str(path)})
    path.write_text("[match]\nmax_capacity = 0\nother_unit = 'yes'\n[match.weights]\nvibes = 1\n", "utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_settings({"NETGRAPH_MATCH_FILE": str(path)})
    assert [p.field for p in refused.value.problems] == [
        "match.max_capacity",
        "match.other_unit",
        "match.weights.vibes",
    ]


# -- one table, held to its page -------------------------------------------------------------------------

#: A row of a settings table on the configuration page: | `NAME` | default | meaning |
SETTING_ROW = re.compile(r"^\| `([A-Z0-9_]+)` \| ([^|]+) \|", re.MULTILINE)


def documented_settings() -> dict[str, str]:
    """{variable: its default cell} of every row of the "Settings" section of docs/configuration.md."""
    page = CONFIGURATION.read_text("utf-8")
    section = page.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = SETTING_ROW.findall(section)
    assert len(rows) == len(dict(rows)), "a setting is documented twice"
    return {name: default.strip() for name, default in rows}


@pytest.mark.parametrize("name", list(SETTINGS))
def test_every_setting_is_documented_with_its_default(name):
    documented = documented_settings()
    assert name in documented, f"docs/configuration.md does not list {name}"
    assert documented[name].startswith(SETTINGS[name].shown_default), (
        f"docs/configuration.md gives {name} the default {documented[name]!r}, not {SETTINGS[name].shown_default}"
    )


def test_nothing_is_documented_as_a_setting_that_is_not_in_the_table():
    assert sorted(set(documented_settings()) - set(SETTINGS)) == []


@pytest.mark.parametrize("setting", [s for s in SETTINGS.values() if s.key], ids=lambda s: s.name)
def test_a_setting_flask_knows_by_another_name_is_documented_under_both(setting):
    row = next(line for line in CONFIGURATION.read_text("utf-8").splitlines() if line.startswith(f"| `{setting.name}`"))
    assert f"`{setting.key}`" in row


def test_every_setting_belongs_to_a_group_of_the_page():
    assert {s.group for s in SETTINGS.values()} == set(GROUPS)


def test_the_web_settings_are_the_web_groups_rows():
    assert [f.name for f in fields(WebSettings)] == [s.field for s in SETTINGS.values() if s.group == "web"]


# -- read once, at the edges -------------------------------------------------------------------------------

#: what reads the process environment (``os.environ``, ``os.getenv``, ...)
ENVIRONMENT_READERS = {"environ", "environb", "getenv", "getenvb"}


def environment_reads(path: Path) -> list[str]:
    """Where ``path`` reads the environment: ``os.environ`` and kin, or importing them from ``os``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT_READERS:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in ("os", "posix"):
            found += [
                f"line {node.lineno}: from os import {a.name}" for a in node.names if a.name in ENVIRONMENT_READERS
            ]
    return found


@pytest.mark.parametrize(
    "path",
    [path for path in python_sources() if module_name(path) != "netgraph.settings"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_the_settings_module_reads_the_environment(path):
    assert environment_reads(path) == []


def test_the_check_would_find_a_read_of_the_environment(tmp_path):
    module = tmp_path / "reader.py"
    module.write_text("import os\nfrom os import getenv\nhome = os.environ['HOME'] or getenv('HOME')\n", "utf-8")
    assert environment_reads(module) == ["line 2: from os import getenv", "line 3: .environ"]


def test_a_child_process_gets_this_environment_with_its_own_variables(monkeypatch):
    monkeypatch.setenv("NETGRAPH_CHILD_TEST", "kept")
    child = child_environment(NEO4J_HOME="/srv/neo4j")
    assert child["NETGRAPH_CHILD_TEST"] == "kept" and child["NEO4J_HOME"] == "/srv/neo4j"


# -- the web app's settings --------------------------------------------------------------------------------


def test_a_web_setting_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("NETGRAPH_MAX_CONTENT_LENGTH", "2048")
    app = create_app({"SECRET_KEY": "x", "NETGRAPH_DATA": ":memory:"})
    with app.app_context():
        assert (get_settings().web.max_content_length, app.config["MAX_CONTENT_LENGTH"]) == (2048, 2048)


def test_a_web_setting_given_to_create_app_beats_the_environment(monkeypatch):
    monkeypatch.setenv("NETGRAPH_SEARCH_LIMIT", "25")
    app = create_app({"SECRET_KEY": "x", "NETGRAPH_DATA": ":memory:", "NETGRAPH_SEARCH_LIMIT": 5})
    with app.app_context():
        assert get_settings().web.search_limit == 5


def test_create_app_serves_settings_built_elsewhere():
    settings = load_settings({"NETGRAPH_SECRET_KEY": "k", "NETGRAPH_RECOMMEND_LIMIT": "3"}, data=":memory:")
    app = create_app(settings=settings)
    with app.app_context():
        assert (get_settings().web.recommend_limit, app.config["SECRET_KEY"]) == (3, "k")


def test_create_app_refuses_settings_both_built_and_in_its_config():
    settings = load_settings({}, data=":memory:")
    with pytest.raises(TypeError, match="NETGRAPH_SEARCH_LIMIT"):
        create_app({"NETGRAPH_SEARCH_LIMIT": 5}, settings=settings)


def test_every_unreadable_setting_is_refused_at_once_each_on_its_own_line():
    with pytest.raises(InvalidInput) as refused:
        load_settings({"NETGRAPH_SEARCH_LIMIT": "many", "NETGRAPH_SESSION_COOKIE_SECURE": "perhaps"})
    assert [str(p) for p in refused.value.problems] == [
        "NETGRAPH_SEARCH_LIMIT: must be a whole number, not 'many'",
        "NETGRAPH_SESSION_COOKIE_SECURE: must be one of 1, true, yes, on, 0, false, no, off, not 'perhaps'",
    ]


def test_the_secret_key_and_the_password_never_show_in_the_settings():
    settings = load_settings({"NETGRAPH_SECRET_KEY": "s3cret-key", "NETGRAPH_PASSWORD": "s3cret-pass"})
    assert "s3cret" not in repr(settings) and settings.password == "s3cret-pass"


def test_the_sign_in_settings_are_read_typed_with_their_defaults():
    web = load_settings({"NETGRAPH_OIDC_TRUST_EMAIL": "yes", "NETGRAPH_PASSWORD_LOGIN": "off"}).web
    assert (web.oidc_trust_email, web.password_login, web.oidc_issuer) == (True, False, None)
    assert (web.oidc_scopes, web.oidc_groups_claim, web.sso_session_lifetime) == (
        "openid email profile",
        "groups",
        28800.0,
    )


def test_min_history_pairs_is_a_whole_number_setting_of_at_least_one():
    from netgraph.settings import recommend_settings_from_text

    assert recommend_settings_from_text("min_history_pairs=5").min_history_pairs == 5
    with pytest.raises(InvalidInput, match="min_history_pairs"):
        recommend_settings_from_text("min_history_pairs=0")


# -- a learned plausibility in the settings file ---------------------------------------------------------

LEARNED = ROOT / "fixtures" / "learned" / "plausibility.toml"


def test_a_learned_plausibility_table_is_loaded_beside_the_recommend_table(tmp_path):
    text = "[recommend]\ngoal_fit = 0.6\n" + LEARNED.read_text("utf-8")
    settings = load_settings({"NETGRAPH_RECOMMEND_FILE": settings_file(tmp_path, text)}).recommend
    model = settings.plausibility
    assert settings.goal_fit == 0.6 and model is not None
    assert model.features[:2] == ("adamic_adar", "resource_allocation") and model.pairs == 52_466


def test_without_a_plausibility_table_the_default_formula_stays(tmp_path):
    path = settings_file(tmp_path, "[recommend]\ngoal_fit = 0.6\n")
    assert load_settings({"NETGRAPH_RECOMMEND_FILE": path}).recommend.plausibility is None


def test_every_mistake_in_a_plausibility_table_is_one_located_line(tmp_path):
    text = (
        '[plausibility]\nfeatures = ["adamic_adar", "unit_distance", "adamic_adar"]\ntransforms = ["log1p", "sqrt"]\n'
        'means = [0.5, 0.1, "x"]\nscales = [0.2, 0, 1.0]\ncoefficients = [1.0, 0.5, 0.1]\ncutoff = "soon"\nextra = 1\n'
    )
    path = settings_file(tmp_path, text)
    with pytest.raises(InvalidInput) as refused:
        load_settings({"NETGRAPH_RECOMMEND_FILE": path})
    located = [p.field for p in refused.value.problems]
    assert located == [
        "plausibility.extra",
        "plausibility.intercept",
        "plausibility.features[1]",
        "plausibility.features[2]",
        "plausibility.transforms",
        "plausibility.means[2]",
        "plausibility.scales[1]",
        "plausibility.cutoff",
    ]
    assert all(p.where == f"NETGRAPH_RECOMMEND_FILE {path}" for p in refused.value.problems)


def test_the_reminder_window_comes_from_the_environment_and_defaults_to_two_days():
    assert load_settings({"XDG_DATA_HOME": "/data"}).mail.remind_days == 2
    assert load_settings({"XDG_DATA_HOME": "/data", "NETGRAPH_REMIND_DAYS": "5"}).mail.remind_days == 5


@pytest.mark.parametrize("days", ["-1", "61", "soon"])
def test_a_reminder_window_outside_zero_to_sixty_days_is_one_named_line(days):
    with pytest.raises(InvalidInput) as refused:
        load_settings({"XDG_DATA_HOME": "/data", "NETGRAPH_REMIND_DAYS": days})
    assert [line for line in str(refused.value).splitlines() if "NETGRAPH_REMIND_DAYS" in line] != []
    assert len(refused.value.problems) == 1


def test_the_smtp_timeout_comes_from_the_environment_and_defaults_to_ten_seconds():
    assert load_settings({"XDG_DATA_HOME": "/data"}).mail.timeout == 10.0
    assert load_settings({"XDG_DATA_HOME": "/data", "NETGRAPH_SMTP_TIMEOUT": "2.5"}).mail.timeout == 2.5


@pytest.mark.parametrize("seconds", ["0", "-1", "soon"])
def test_an_smtp_timeout_that_is_not_a_number_above_zero_is_one_named_line(seconds):
    with pytest.raises(InvalidInput) as refused:
        load_settings({"XDG_DATA_HOME": "/data", "NETGRAPH_SMTP_TIMEOUT": seconds})
    assert [line for line in str(refused.value).splitlines() if "NETGRAPH_SMTP_TIMEOUT" in line] != []
    assert len(refused.value.problems) == 1


def test_the_rated_pairs_match_fit_needs_come_from_the_environment_and_default_to_thirty():
    assert load_settings({"XDG_DATA_HOME": "/data"}).match_fit_min_pairs == 30
    assert load_settings({"XDG_DATA_HOME": "/data", "NETGRAPH_MATCH_FIT_MIN_PAIRS": "50"}).match_fit_min_pairs == 50


@pytest.mark.parametrize("pairs", ["1", "many"])
def test_fewer_than_two_rated_pairs_needed_or_not_a_number_is_one_named_line(pairs):
    with pytest.raises(InvalidInput) as refused:
        load_settings({"XDG_DATA_HOME": "/data", "NETGRAPH_MATCH_FIT_MIN_PAIRS": pairs})
    assert len(refused.value.problems) == 1
    assert "NETGRAPH_MATCH_FIT_MIN_PAIRS" in str(refused.value)
