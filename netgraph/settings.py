"""One settings object for the whole product, built at the edges and passed down.

The CLI (``netgraph.cli.main``) and the app factory (``netgraph.web.create_app``)
each build one :class:`Settings` from the environment (and their own
arguments or config), and hand it, or the part a layer needs, downwards.
Nothing under ``netgraph.analysis`` or ``netgraph.store`` reads the
environment: a test, a benchmark or an embedding program passes what it wants.

Precedence, highest first: an explicit ``--data PATH`` on the command line
(or ``NETGRAPH_DATA`` in ``create_app(config)``), then ``NEO4J_URI``, then
``NETGRAPH_DATA`` from the environment, then the per-user default file.

Recommendation settings: the defaults of
:class:`~netgraph.model.rules.RecommendSettings`, then the ``[recommend]``
table of the TOML file ``NETGRAPH_RECOMMEND_FILE`` names (``netgraph
evaluate --fit --out FILE`` writes one), then single values of
``NETGRAPH_RECOMMEND`` on top.

Every variable, its default and meaning are in :data:`VARIABLES` (docs/configuration.md
lists the same; a test keeps them in step).

Examples
--------
>>> s = load_settings({"XDG_DATA_HOME": "/d", "NETGRAPH_RECOMMEND": "goal_fit=0.5"})
>>> str(s.store.path), s.store.neo4j is None, s.recommend.goal_fit
('/d/netgraph/graph.json', True, 0.5)
>>> load_settings({"NEO4J_URI": "bolt://db:7687"}).store.neo4j.uri
'bolt://db:7687'
>>> load_settings({"NEO4J_URI": "bolt://db:7687"}, data="g.json").store.neo4j is None
True
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.errors import InvalidInput, Problem
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import WEIGHTED, RecommendSettings
from netgraph.model.ties import TieSettings
from netgraph.store import RESAMPLE_SHARE, Neo4jConnection, StoreConfig

#: environment variable -> (default, meaning). The web app's own settings are in netgraph.web.settings.
VARIABLES: dict[str, tuple[str | None, str]] = {
    "NEO4J_URI": (None, "use the Neo4j store at this Bolt URI (bolt://..., neo4j://...)"),
    "NEO4J_USERNAME": (None, "Neo4j user (as Neo4j's own tools read it)"),
    "NEO4J_PASSWORD": (None, "Neo4j password"),
    "NEO4J_DATABASE": ("neo4j", "Neo4j database name"),
    "NETGRAPH_NEO4J_RESAMPLE_SHARE": (
        str(RESAMPLE_SHARE),
        "after an import or sync that changes more than this "
        "share of a label's nodes or a link type's links (and over 1,000 of them), "
        "Neo4j resamples its outdated indexes and drops its cached plans; `off`: never",
    ),
    "NETGRAPH_DATA": (None, "embedded store (default: graph.json in the data folder, kept in graph.sqlite beside it)"),
    "NETGRAPH_USERS": (None, "web accounts file (default: users.json in the data folder)"),
    "NETGRAPH_NEO4J_HOME": (None, "folder of `netgraph db local` (default: neo4j/ in the data folder)"),
    "NETGRAPH_RECOMMEND": ("", "recommendation settings, e.g. goal_fit=0.5,fairness_scale=4"),
    "NETGRAPH_RECOMMEND_FILE": (
        None,
        "TOML file of recommendation settings ([recommend] table, as "
        "`netgraph evaluate --fit --out` writes); NETGRAPH_RECOMMEND overrides it",
    ),
    "NETGRAPH_TIES_FILE": (
        None,
        "TOML file of the rules ties from evidence follow ([ties] table: half_life_days, "
        "min_events, window_days, max_participants, retire_below, min_group_size, ...)",
    ),
    "NETGRAPH_AUDIT_KEY_FILE": (
        None,
        "file holding the secret that keys new audit events (HMAC-SHA256; at least 32 "
        "bytes, readable by its owner only); keep it away from the store",
    ),
    "NETGRAPH_INSIGHTS_FILE": (
        None,
        "TOML file of the network insights settings ([insights] table: exact_below, "
        "sample_sources, seed, min_group_size, the label percentiles, permutations)",
    ),
    "NETGRAPH_MATCH_FILE": (
        None,
        "TOML file of the mentor-matching settings ([match] table: reporting_line_depth, min_level_gap, "
        "unknown_level_passes, recent_days, other_unit, same_location, ideal_gap, max_capacity, "
        "and [match.weights])",
    ),
    "XDG_DATA_HOME": (None, "base of the data folder: $XDG_DATA_HOME/netgraph (default ~/.local/share)"),
}
RECOMMEND_VARIABLE = "NETGRAPH_RECOMMEND"
RESAMPLE_VARIABLE = "NETGRAPH_NEO4J_RESAMPLE_SHARE"
RECOMMEND_FILE_VARIABLE = "NETGRAPH_RECOMMEND_FILE"
#: The table of a settings file that holds the recommendation settings.
RECOMMEND_TABLE = "recommend"


@dataclass(frozen=True)
class Settings:
    """Everything configurable outside the web app, resolved once.

    data_dir
        ``$XDG_DATA_HOME/netgraph``: where per-user files live by default.
    store
        Which store to open, and how (:class:`netgraph.store.StoreConfig`).
    users_file
        The web accounts file.
    neo4j_home
        The folder ``netgraph db local`` runs Neo4j in.
    recommend
        The recommendation score's weights and constants.
    ties
        The rules ties from evidence follow (``[ties]`` of ``NETGRAPH_TIES_FILE``).
    insights
        The numbers network insights use (``[insights]`` of ``NETGRAPH_INSIGHTS_FILE``).
    match
        Mentor matching's constraints, weights and capacity limit (``[match]`` of ``NETGRAPH_MATCH_FILE``).
    """

    data_dir: Path
    store: StoreConfig
    users_file: Path
    neo4j_home: Path
    recommend: RecommendSettings = field(default_factory=RecommendSettings)
    ties: TieSettings = field(default_factory=TieSettings)
    insights: InsightSettings = field(default_factory=InsightSettings)
    match: MatchSettings = field(default_factory=MatchSettings)

    def with_store(self, **changes: Any) -> Settings:
        """A copy with some of the store's settings changed (timeouts, a path)."""
        return replace(self, store=replace(self.store, **changes))


def data_dir(env: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME/netgraph``, else ``~/.local/share/netgraph``: computed here only."""
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "netgraph"


def load_settings(env: Mapping[str, str] | None = None, *, data: str | Path | None = None) -> Settings:
    """The settings the environment gives; ``data`` (``--data``) chooses the embedded store at that path."""
    env = os.environ if env is None else env
    folder = data_dir(env)
    neo4j = None
    if data is None and env.get("NEO4J_URI"):
        neo4j = Neo4jConnection(
            uri=env["NEO4J_URI"],
            username=env.get("NEO4J_USERNAME") or None,
            password=env.get("NEO4J_PASSWORD") or None,
            database=env.get("NEO4J_DATABASE") or "neo4j",
            resample_share=resample_share(env.get(RESAMPLE_VARIABLE)),
        )
    path = Path(data) if data is not None else Path(env.get("NETGRAPH_DATA") or folder / "graph.json")
    key_file = env.get(AUDIT_KEY_VARIABLE)
    return Settings(
        data_dir=folder,
        store=StoreConfig(path=path, neo4j=neo4j, audit_key=audit_key_from_file(Path(key_file)) if key_file else None),
        users_file=Path(env.get("NETGRAPH_USERS") or folder / "users.json"),
        neo4j_home=Path(env.get("NETGRAPH_NEO4J_HOME") or folder / "neo4j"),
        recommend=recommend_settings(env),
        ties=(
            tie_settings_from_file(Path(env["NETGRAPH_TIES_FILE"])) if env.get("NETGRAPH_TIES_FILE") else TieSettings()
        ),
        insights=(
            insight_settings_from_file(Path(env["NETGRAPH_INSIGHTS_FILE"]))
            if env.get("NETGRAPH_INSIGHTS_FILE")
            else InsightSettings()
        ),
        match=match_settings_from_file(Path(env[MATCH_FILE_VARIABLE]))
        if env.get(MATCH_FILE_VARIABLE)
        else MatchSettings(),
    )


#: The variable naming the audit key's file, and the fewest bytes a key may have.
AUDIT_KEY_VARIABLE = "NETGRAPH_AUDIT_KEY_FILE"
AUDIT_KEY_MIN_BYTES = 32


def audit_key_from_file(path: Path) -> bytes:
    """The secret in ``path`` (surrounding white space dropped) that keys audit events.

    Refused, in one line: a file that cannot be read, one shorter than
    :data:`AUDIT_KEY_MIN_BYTES`, or one that other users may read or write
    (a key anyone on the machine can read proves nothing).
    """
    where = f"{AUDIT_KEY_VARIABLE} {path}"
    try:
        mode = path.stat().st_mode
        key = path.read_bytes().strip()
    except OSError as exc:
        raise InvalidInput([Problem(where, "", f"cannot read it: {exc.strerror or exc}")]) from None
    if mode & 0o077:
        raise InvalidInput(
            [Problem(where, "", f"other users may read or change it (mode {mode & 0o777:o}): chmod 600 {path}")]
        )
    if len(key) < AUDIT_KEY_MIN_BYTES:
        raise InvalidInput(
            [
                Problem(
                    where,
                    "",
                    f"holds {len(key)} bytes, fewer than {AUDIT_KEY_MIN_BYTES}: make one "
                    "with: python3 -c 'import secrets; print(secrets.token_hex(32))'",
                )
            ]
        )
    return key


def resample_share(text: str | None) -> float | None:
    """``NETGRAPH_NEO4J_RESAMPLE_SHARE``: a share >= 0 (0: after any write that moves a count by over
    1,000), or ``off``; unset or empty, the default.

    >>> resample_share(None), resample_share("0.25"), resample_share("off")
    (0.1, 0.25, None)
    >>> resample_share("lots")
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: NETGRAPH_NEO4J_RESAMPLE_SHARE: must be a number >= 0 or 'off', not 'lots'
    """
    if text is None or not text.strip():
        return RESAMPLE_SHARE
    if text.strip().lower() == "off":
        return None
    try:
        share = float(text)
    except ValueError:
        share = -1.0
    if not 0 <= share < float("inf"):  # also refuses nan
        raise InvalidInput([Problem(RESAMPLE_VARIABLE, "", f"must be a number >= 0 or 'off', not {text!r}")])
    return share


def tie_settings_from_file(path: Path) -> TieSettings:
    """The ``[ties]`` table of a TOML file as :class:`~netgraph.model.ties.TieSettings` (unknown keys refused)."""
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("ties", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput([Problem(str(path), "", f"cannot be read as TOML: {exc}")]) from None
    known = {f.name for f in fields(TieSettings)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise InvalidInput(
            [
                Problem(str(path), f"ties.{name}", f"unknown setting (expected one of {', '.join(sorted(known))})")
                for name in unknown
            ]
        )
    return TieSettings(**table)


def insight_settings_from_file(path: Path) -> InsightSettings:
    """The ``[insights]`` table of a TOML file as :class:`~netgraph.model.insights.InsightSettings`.

    Unknown keys are refused, each on its own line; a missing key keeps its default.
    """
    where = f"NETGRAPH_INSIGHTS_FILE {path}"
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("insights", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput([Problem(where, "", f"cannot be read as TOML: {exc}")]) from None
    if not isinstance(table, dict):
        raise InvalidInput([Problem(where, "insights", "must be a table: [insights]")])
    known = {f.name for f in fields(InsightSettings)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise InvalidInput(
            [
                Problem(where, f"insights.{name}", f"unknown setting (expected one of {', '.join(sorted(known))})")
                for name in unknown
            ]
        )
    try:
        return InsightSettings(**table)
    except InvalidInput as refused:  # located at the file, each on its own line
        raise InvalidInput([Problem(where, p.field, p.message) for p in refused.problems]) from None


MATCH_FILE_VARIABLE = "NETGRAPH_MATCH_FILE"


def match_settings_from_file(path: Path) -> MatchSettings:
    """The ``[match]`` table of a TOML file as :class:`~netgraph.analysis.matching.inputs.MatchSettings`.

    A setting left out keeps its default, and so does a weight ``[match.weights]`` leaves out;
    unknown keys and values out of range are refused, each on its own line, located at the file.
    """
    where = f"{MATCH_FILE_VARIABLE} {path}"
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("match", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput([Problem(where, "", f"cannot be read as TOML: {exc}")]) from None
    if not isinstance(table, dict):
        raise InvalidInput([Problem(where, "match", "must be a table: [match]")])
    known = {f.name for f in fields(MatchSettings)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise InvalidInput(
            [
                Problem(where, f"match.{name}", f"unknown setting (expected one of {', '.join(sorted(known))})")
                for name in unknown
            ]
        )
    given = dict(table)
    if "weights" in given:
        if not isinstance(given["weights"], dict):
            raise InvalidInput([Problem(where, "match.weights", "must be a table: [match.weights]")])
        given["weights"] = {**MatchSettings().weights, **given["weights"]}
    try:
        return MatchSettings(**given)
    except InvalidInput as refused:  # located at the file, each on its own line
        raise InvalidInput([Problem(where, f"match.{p.field}", p.message) for p in refused.problems]) from None


def recommend_settings(env: Mapping[str, str]) -> RecommendSettings:
    """The defaults, then the file ``NETGRAPH_RECOMMEND_FILE`` names, then ``NETGRAPH_RECOMMEND`` on top."""
    path = env.get(RECOMMEND_FILE_VARIABLE)
    base = recommend_settings_from_file(Path(path)) if path else DEFAULT_RECOMMEND
    return recommend_settings_from_text(env.get(RECOMMEND_VARIABLE, ""), base=base)


# -- recommendation settings from text -----------------------------------------------------------

DEFAULT_RECOMMEND = RecommendSettings()

_RULES = {  # name -> (lowest allowed, must be above it strictly)
    "value_band": (1.0, False),
    **{name: (0.0, False) for name in WEIGHTED},
    "fairness_scale": (0.0, True),
    "fairness_window_days": (0, False),
    "mentor_tie_strength": (0.0, True),
    "track_record_prior": (0.0, False),
}


def recommend_settings_from_text(
    text: str, *, base: RecommendSettings = DEFAULT_RECOMMEND, where: str = RECOMMEND_VARIABLE
) -> RecommendSettings:
    """Parse ``"name=value, name=value"`` over ``base``; every mistake is reported at once.

    >>> s = recommend_settings_from_text("goal_fit=0.5, fairness_scale=4")
    >>> s.goal_fit, s.fairness_scale, s.tie_strength
    (0.5, 4.0, 0.2)
    >>> round(sum(s.normalized_weights().values()), 12)
    1.0
    >>> recommend_settings_from_text("goal_fit=-1")
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: NETGRAPH_RECOMMEND, field 'goal_fit': must be a number >= 0, not '-1'
    """
    changes: dict[str, Any] = {}
    problems: list[Problem] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = (x.strip() for x in part.partition("="))
        _check_setting(name or part, value, where, changes, problems, text=True)
    return _settled(base, changes, problems, where)


def recommend_settings_from_file(path: Path, *, base: RecommendSettings = DEFAULT_RECOMMEND) -> RecommendSettings:
    """The ``[recommend]`` table of a TOML file over ``base``; every mistake is reported at once.

    Keys are the names of :class:`~netgraph.model.rules.RecommendSettings`
    (the same as ``NETGRAPH_RECOMMEND``'s); values are numbers. A missing
    table or key keeps ``base``'s value; anything else in the file is refused.
    """
    where = f"{RECOMMEND_FILE_VARIABLE} {path}"
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except OSError as exc:
        raise InvalidInput([Problem(where, "", f"cannot read it: {exc.strerror or exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput([Problem(where, "", f"is not TOML: {exc}")]) from None
    except UnicodeDecodeError:
        raise InvalidInput([Problem(where, "", "is not UTF-8 text")]) from None
    problems = [
        Problem(where, name, f"unknown table or key; settings go in [{RECOMMEND_TABLE}]")
        for name in document
        if name != RECOMMEND_TABLE
    ]
    table = document.get(RECOMMEND_TABLE, {})
    if not isinstance(table, dict):
        problems.append(Problem(where, RECOMMEND_TABLE, "must be a table: [recommend]"))
        table = {}
    changes: dict[str, Any] = {}
    for name, value in table.items():
        _check_setting(name, value, where, changes, problems, text=False)
    return _settled(base, changes, problems, where)


_TYPES = {f.name: f.type for f in fields(RecommendSettings)}


def _check_setting(
    name: str, value: object, where: str, changes: dict[str, Any], problems: list[Problem], *, text: bool
) -> None:
    """Check one setting (``text`` from the variable, else a TOML number); add it to ``changes`` or a problem."""
    if name not in _RULES:
        problems.append(Problem(where, name, "unknown setting; known: " + ", ".join(_RULES)))
        return
    low, strict = _RULES[name]
    number: float | int
    whole = _TYPES[name] in ("int", int)
    try:
        if isinstance(value, bool) or not isinstance(value, str if text else (int, float)):
            raise ValueError(value)
        if whole and isinstance(value, float):
            raise ValueError(value)
        number = int(value) if whole else float(value)
        ok = (number > low if strict else number >= low) and number == number and abs(number) != float("inf")
    except ValueError:
        ok = False
    if not ok:
        kind = "whole number" if whole else "number"
        problems.append(Problem(where, name, f"must be a {kind} {'>' if strict else '>='} {low:g}, not {value!r}"))
        return
    changes[name] = number


def _settled(
    base: RecommendSettings, changes: dict[str, Any], problems: list[Problem], where: str
) -> RecommendSettings:
    settings = replace(base, **changes)
    if not problems and sum(getattr(settings, n) for n in WEIGHTED) <= 0:
        problems.append(Problem(where, "weights", "at least one weight must be above 0"))
    if problems:
        raise InvalidInput(problems)
    return settings
