"""Every setting of the product in one table, read once at the edges into one typed object.

:data:`SETTINGS` names each setting (its environment variable), its default,
its type and what it does: the store, the web app (secret key, cookies, proxy,
sessions, limits), every feature's settings file, and what single commands
read. docs/configuration.md documents the same table (a test holds the two
together, each default included).

The CLI (``netgraph.cli.main``) and the app factory (``netgraph.web.create_app``)
each call :func:`load_settings` once and hand the :class:`Settings`, or the
part a layer needs, downwards. This module is the only one in ``netgraph``
that reads ``os.environ`` (a test reads every other module's source to
check); a child process that needs the environment gets it from
:func:`child_environment`.

Precedence, highest first: an explicit ``--data PATH`` on the command line
(or ``NETGRAPH_DATA`` in ``create_app(config)``), then ``NEO4J_URI``, then
``NETGRAPH_DATA`` from the environment, then the per-user default file. A
value given to ``create_app(config)`` under a setting's name beats the
environment's.

Recommendation settings: the defaults of
:class:`~netgraph.model.rules.RecommendSettings`, then the ``[recommend]``
table of the TOML file ``NETGRAPH_RECOMMEND_FILE`` names (``netgraph
evaluate --fit --out FILE`` writes one), then single values of
``NETGRAPH_RECOMMEND`` on top.

Examples
--------
>>> s = load_settings({"XDG_DATA_HOME": "/d", "NETGRAPH_RECOMMEND": "goal_fit=0.5"})
>>> str(s.store.path), s.store.neo4j is None, s.recommend.goal_fit
('/d/netgraph/graph.json', True, 0.5)
>>> load_settings({"NEO4J_URI": "bolt://db:7687"}).store.neo4j.uri
'bolt://db:7687'
>>> load_settings({"NEO4J_URI": "bolt://db:7687"}, data="g.json").store.neo4j is None
True
>>> load_settings({"NETGRAPH_SEARCH_LIMIT": "25"}, config={"NETGRAPH_SEARCH_LIMIT": 5}).web.search_limit
5
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.errors import InvalidInput, Problem
from netgraph.model import learned
from netgraph.model.insights import InsightSettings
from netgraph.model.limits import REQUEST_MAX_BYTES
from netgraph.model.mail import SECURITIES, MailSettings, settings_problems
from netgraph.model.rules import WEIGHTED, RecommendSettings
from netgraph.model.ties import TieSettings
from netgraph.store import RESAMPLE_SHARE, Neo4jConnection, StoreConfig

# -- how a setting's text is read ------------------------------------------------------------------

#: The words an on/off setting may be written with.
FLAG_WORDS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def flag(value: object) -> bool:
    """An on/off setting as written in the environment (or a bool given to ``create_app``).

    >>> flag("1"), flag("true"), flag("off"), flag("0"), flag(True)
    (True, True, False, False, True)
    """
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word not in FLAG_WORDS:
        raise ValueError(f"must be one of {', '.join(FLAG_WORDS)}, not {value!r}")
    return FLAG_WORDS[word]


def text(value: object) -> str:
    """A setting taken as written."""
    return str(value)


def path(value: object) -> Path:
    """A file or folder."""
    return Path(str(value))


def whole_number(value: object) -> int:
    """A whole number: ``"300"`` from the environment, ``300`` from ``create_app``.

    >>> whole_number("300"), whole_number(20)
    (300, 20)
    >>> whole_number("3.5")
    Traceback (most recent call last):
    ...
    ValueError: must be a whole number, not '3.5'
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        if isinstance(value, str):
            return int(value.strip())
    except ValueError:
        pass
    raise ValueError(f"must be a whole number, not {value!r}")


def number(value: object) -> float:
    """A number (seconds, days): ``"1.5"`` from the environment, ``1.5`` or ``2`` from ``create_app``.

    >>> number("1.5"), number(2)
    (1.5, 2.0)
    """
    try:
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            found = float(value)
            if math.isfinite(found):
                return found
    except ValueError:
        pass
    raise ValueError(f"must be a number, not {value!r}")


def security(value: object) -> str:
    """``NETGRAPH_SMTP_SECURITY``: one of starttls, tls, none.

    >>> security("STARTTLS")
    'starttls'
    """
    word = str(value).strip().lower()
    if word not in SECURITIES:
        raise ValueError(f"must be one of {', '.join(SECURITIES)}, not {value!r}")
    return word


def share(value: object) -> float | None:
    """``NETGRAPH_NEO4J_RESAMPLE_SHARE``: a share >= 0 (0: after any write that moves a count by over
    1,000), or ``off`` (None).

    >>> share("0.25"), share("off"), share(0.5)
    (0.25, None, 0.5)
    >>> share("lots")
    Traceback (most recent call last):
    ...
    ValueError: must be a number >= 0 or 'off', not 'lots'
    """
    if isinstance(value, str) and value.strip().lower() == "off":
        return None
    try:
        found = float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else -1.0
    except ValueError:
        found = -1.0
    if not 0 <= found < math.inf:  # also refuses nan
        raise ValueError(f"must be a number >= 0 or 'off', not {value!r}")
    return found


# -- the table -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One setting: its environment variable, default, type and meaning.

    name
        The environment variable, and its name in ``create_app(config)`` unless ``key`` says otherwise.
    default
        The value when it is unset (``None``: unset; what that means is in ``help``).
    type
        Reads its text (or a value given to ``create_app``), raising ``ValueError`` with what it must be.
    help
        What it does, in one line.
    group
        ``store``, ``web``, ``feature`` or ``command``: where docs/configuration.md lists it.
    key
        Its name in ``create_app(config)`` and Flask's config when not ``name`` (``SECRET_KEY``).
    """

    name: str
    default: object
    type: Callable[[object], object]
    help: str
    group: str
    key: str = ""

    @property
    def config_key(self) -> str:
        return self.key or self.name

    @property
    def field(self) -> str:
        """Its field in :class:`WebSettings` (web settings): the variable without ``NETGRAPH_``, in lower case."""
        return self.name.removeprefix("NETGRAPH_").lower()

    @property
    def shown_default(self) -> str:
        """The default as docs/configuration.md writes it: ```300```, ```1.5```, ```on```, ``unset``, ``empty``.

        >>> SETTINGS["NETGRAPH_SESSION_IDLE"].shown_default, SETTINGS["NETGRAPH_SECRET_KEY"].shown_default
        ('`1800`', 'unset')
        """
        if self.default is None:
            return "unset"
        if self.default == "":
            return "empty"
        if isinstance(self.default, bool):
            return "`on`" if self.default else "`off`"
        if isinstance(self.default, float):
            return f"`{self.default:g}`"
        return f"`{self.default}`"


_TABLE = (
    # -- the store and the data folder
    Setting("NEO4J_URI", None, text, "use the Neo4j store at this Bolt URI (bolt://..., neo4j://...)", "store"),
    Setting("NEO4J_USERNAME", None, text, "Neo4j user (as Neo4j's own tools read it)", "store"),
    Setting("NEO4J_PASSWORD", None, text, "Neo4j password", "store"),
    Setting("NEO4J_DATABASE", "neo4j", text, "Neo4j database name", "store"),
    Setting(
        "NETGRAPH_NEO4J_RESAMPLE_SHARE",
        RESAMPLE_SHARE,
        share,
        "after an import or sync that changes more than this share of a label's nodes or a link type's "
        "links (and over 1,000 of them), Neo4j resamples its outdated indexes and drops its cached plans; "
        "`off`: never",
        "store",
    ),
    Setting(
        "NETGRAPH_DATA",
        None,
        path,
        "embedded store (default: graph.json in the data folder, kept in graph.sqlite beside it; "
        "':memory:' for a throwaway store)",
        "store",
    ),
    Setting(
        "NETGRAPH_AUDIT_KEY_FILE",
        None,
        path,
        "file holding the secret that keys new audit events (HMAC-SHA256; at least 32 bytes, "
        "readable by its owner only); keep it away from the store",
        "store",
    ),
    Setting("NETGRAPH_USERS", None, path, "web accounts file (default: users.json in the data folder)", "store"),
    Setting(
        "NETGRAPH_NEO4J_HOME", None, path, "folder of `netgraph db local` (default: neo4j/ in the data folder)", "store"
    ),
    Setting(
        "XDG_DATA_HOME",
        None,
        path,
        "base of the data folder: $XDG_DATA_HOME/netgraph (default ~/.local/share)",
        "store",
    ),
    # -- the features' settings
    Setting("NETGRAPH_RECOMMEND", None, text, "recommendation settings, e.g. goal_fit=0.5,fairness_scale=4", "feature"),
    Setting(
        "NETGRAPH_RECOMMEND_FILE",
        None,
        path,
        "TOML file of recommendation settings ([recommend] table, as `netgraph evaluate --fit --out` "
        "writes) and a learned plausibility ([plausibility], as `evaluate --fit --from-history --out` writes); "
        "NETGRAPH_RECOMMEND overrides it",
        "feature",
    ),
    Setting(
        "NETGRAPH_TIES_FILE",
        None,
        path,
        "TOML file of the rules ties from evidence follow ([ties] table: half_life_days, min_events, "
        "window_days, max_participants, retire_below, min_group_size, ...)",
        "feature",
    ),
    Setting(
        "NETGRAPH_INSIGHTS_FILE",
        None,
        path,
        "TOML file of the network insights settings ([insights] table: exact_below, sample_sources, seed, "
        "min_group_size, the label percentiles, permutations, exposure_ties, departed_days, growth_months, "
        "growth_window_days, leiden_passes)",
        "feature",
    ),
    Setting(
        "NETGRAPH_MATCH_FILE",
        None,
        path,
        "TOML file of the mentor-matching settings ([match] table: reporting_line_depth, min_level_gap, "
        "unknown_level_passes, recent_days, other_unit, same_location, ideal_gap, max_capacity, "
        "and [match.weights])",
        "feature",
    ),
    Setting(
        "NETGRAPH_MATCH_FIT_MIN_PAIRS",
        30,
        whole_number,
        "how many rated pairs stored rounds must hold before `netgraph match fit` fits the weights (2 or more)",
        "feature",
    ),
    # -- the web app
    Setting(
        "NETGRAPH_SECRET_KEY",
        None,
        text,
        "signs session cookies and CSRF tokens; required beyond loopback",
        "web",
        key="SECRET_KEY",
    ),
    Setting("NETGRAPH_EXPLORER_MAX_NODES", 300, whole_number, "most people drawn in one explorer graph", "web"),
    Setting("NETGRAPH_SEARCH_LIMIT", 10, whole_number, "most people the name search returns", "web"),
    Setting("NETGRAPH_RECOMMEND_LIMIT", 10, whole_number, "recommendations shown on a person page", "web"),
    Setting(
        "NETGRAPH_INSIGHTS_UNITS_SHOWN",
        40,
        whole_number,
        "most units the insights page and its API show in a heat map (those with the most ties) and in a silo "
        "table (the clearest silos), and the most communities (the largest) and units beside them (the most split); "
        "each answer says how many it left out",
        "web",
    ),
    Setting(
        "NETGRAPH_SUCCESSION_UNITS_SHOWN",
        40,
        whole_number,
        "most org units the succession page shows: from the top down a level at a time, a level's units with the "
        "most uncovered critical seats first; the page says how many it left out",
        "web",
    ),
    Setting(
        "NETGRAPH_SUCCESSION_POSITIONS_SHOWN",
        100,
        whole_number,
        "most positions (critical and worst first) and most people nominated for many the succession page shows; "
        "the page says how many it left out",
        "web",
    ),
    Setting("NETGRAPH_NEO4J_TIMEOUT", 3.0, number, "seconds to wait for a Neo4j connection before a 503", "web"),
    Setting(
        "NETGRAPH_QUERY_TIMEOUT", 15.0, number, "seconds Neo4j may spend on one request's query before a 503", "web"
    ),
    Setting("NETGRAPH_SESSION_IDLE", 1800.0, number, "seconds without a request after which a session ends", "web"),
    Setting(
        "NETGRAPH_SESSION_LIFETIME", 43200.0, number, "seconds after log-in at which a session ends however busy", "web"
    ),
    Setting(
        "NETGRAPH_SESSION_COOKIE_SECURE",
        None,
        flag,
        "send the session cookie over HTTPS only, and HSTS "
        "(default: on when `serve` listens beyond loopback or behind NETGRAPH_TRUSTED_PROXY)",
        "web",
        key="SESSION_COOKIE_SECURE",
    ),
    Setting(
        "NETGRAPH_TRUSTED_PROXY",
        None,
        text,
        "the reverse proxy's address: `serve` takes X-Forwarded-For/-Proto/-Host/-Port from connections "
        "from it only, and deletes them from all others",
        "web",
    ),
    Setting(
        "NETGRAPH_TRUSTED_PROXY_COUNT",
        1,
        whole_number,
        "proxies in a chain in front (the last of them at NETGRAPH_TRUSTED_PROXY) whose X-Forwarded-For "
        "entries are trusted",
        "web",
    ),
    Setting(
        "NETGRAPH_PROXY_FIX",
        None,
        text,
        "no longer read: `serve` and `start` refuse to run while it is set (other than 0), naming "
        "NETGRAPH_TRUSTED_PROXY",
        "web",
    ),
    Setting(
        "NETGRAPH_LOGIN_FREE_FAILURES",
        5,
        whole_number,
        "wrong passwords for one name before each attempt must wait",
        "web",
    ),
    Setting(
        "NETGRAPH_LOGIN_FREE_FAILURES_PER_ADDRESS",
        20,
        whole_number,
        "wrong passwords from one address before it must wait",
        "web",
    ),
    Setting("NETGRAPH_LOGIN_DELAY", 1.0, number, "first wait in seconds; it doubles with each further failure", "web"),
    Setting("NETGRAPH_LOGIN_MAX_DELAY", 300.0, number, "longest wait in seconds between two attempts", "web"),
    Setting(
        "NETGRAPH_LOGIN_RESET_AFTER",
        900.0,
        number,
        "seconds after a wait, with no new failure, to forget a count",
        "web",
    ),
    Setting(
        "NETGRAPH_LOGIN_PATIENCE",
        10.0,
        number,
        "seconds a log-in waits for its turn while as many others for the same name or address are being "
        "checked as it has free failures left",
        "web",
    ),
    Setting(
        "NETGRAPH_LOGIN_DEVICE_DAYS",
        90.0,
        number,
        "days a browser's device cookie, set at log-in, keeps failures from elsewhere from delaying its "
        "log-ins to that account",
        "web",
    ),
    Setting(
        "NETGRAPH_LOGIN_LINK_TTL",
        600.0,
        number,
        "seconds a log-in link printed by `netgraph start` works (once)",
        "web",
    ),
    Setting(
        "NETGRAPH_OIDC_ISSUER",
        None,
        text,
        "sign in through this OpenID Connect provider (its issuer URL; settings found by discovery)",
        "web",
    ),
    Setting(
        "NETGRAPH_OIDC_PROVIDER_NAME", "your company account", text, 'what the "Sign in with ..." button names', "web"
    ),
    Setting("NETGRAPH_OIDC_CLIENT_ID", None, text, "netgraph's client id at the provider", "web"),
    Setting(
        "NETGRAPH_OIDC_CLIENT_SECRET_FILE",
        None,
        path,
        "file holding the client secret (read at start, never logged)",
        "web",
    ),
    Setting("NETGRAPH_OIDC_SCOPES", "openid email profile", text, "scopes asked for (space-separated)", "web"),
    Setting("NETGRAPH_OIDC_GROUPS_CLAIM", "groups", text, "the ID token claim that lists the user's groups", "web"),
    Setting(
        "NETGRAPH_OIDC_ROLES",
        "",
        text,
        "group=role pairs, comma-separated (email:ADDRESS=role for providers that send no "
        "groups); a user gets the highest role their groups give, and none is refused",
        "web",
    ),
    Setting(
        "NETGRAPH_OIDC_TRUST_EMAIL",
        False,
        flag,
        "link accounts to people by the provider's email even without email_verified (its emails are the company's)",
        "web",
    ),
    Setting(
        "NETGRAPH_SSO_SESSION_LIFETIME",
        28800.0,
        number,
        "seconds after signing in through the provider at which the session ends (groups are read again then)",
        "web",
    ),
    Setting(
        "NETGRAPH_PASSWORD_LOGIN",
        True,
        flag,
        "allow log-in with a netgraph password (the single-use link of `netgraph start` works regardless)",
        "web",
    ),
    Setting(
        "NETGRAPH_MAX_CONTENT_LENGTH",
        REQUEST_MAX_BYTES,
        whole_number,
        "largest request body in bytes; a larger one is refused (413)",
        "web",
        key="MAX_CONTENT_LENGTH",
    ),
    # -- email
    Setting(
        "NETGRAPH_SMTP_HOST",
        None,
        text,
        "the SMTP server email goes through (unset: messages show in the app only)",
        "mail",
    ),
    Setting("NETGRAPH_SMTP_PORT", 587, whole_number, "its port (587 for starttls, 465 for tls)", "mail"),
    Setting(
        "NETGRAPH_SMTP_SECURITY",
        "starttls",
        security,
        "starttls, tls, or none (none only for a server on this machine)",
        "mail",
    ),
    Setting(
        "NETGRAPH_SMTP_CA_FILE",
        None,
        path,
        "PEM file of the certificate authorities the server's certificate is checked against (unset: the system's)",
        "mail",
    ),
    Setting("NETGRAPH_SMTP_USER", None, text, "user to log in to the server as (with the password file)", "mail"),
    Setting("NETGRAPH_SMTP_PASSWORD_FILE", None, path, "file holding that user's password", "mail"),
    Setting("NETGRAPH_SMTP_FROM", "netgraph@localhost", text, "the sender address of every message", "mail"),
    Setting(
        "NETGRAPH_SMTP_TIMEOUT",
        10.0,
        number,
        "seconds to wait for the server at each step (connecting, each reply) before the message is retried",
        "mail",
    ),
    Setting(
        "NETGRAPH_BASE_URL",
        "http://127.0.0.1:5000",
        text,
        "the web app's address as people reach it: the links in messages start with it",
        "mail",
    ),
    Setting(
        "NETGRAPH_REMIND_DAYS",
        2,
        whole_number,
        "how many days before the day to answer by a side still to answer is reminded (0: on the day; 0-60)",
        "mail",
    ),
    # -- single commands
    Setting(
        "NETGRAPH_PASSWORD", None, text, "the password `netgraph users add` gives the account (else it asks)", "command"
    ),
)

#: Every setting by its environment variable, in the order docs/configuration.md lists them.
SETTINGS: dict[str, Setting] = {setting.name: setting for setting in _TABLE}
#: The groups of :data:`SETTINGS`, in the order of the configuration page.
GROUPS = ("store", "feature", "mail", "web", "command")
RECOMMEND_VARIABLE = "NETGRAPH_RECOMMEND"
RESAMPLE_VARIABLE = "NETGRAPH_NEO4J_RESAMPLE_SHARE"
RECOMMEND_FILE_VARIABLE = "NETGRAPH_RECOMMEND_FILE"
#: The table of a settings file that holds the recommendation settings.
RECOMMEND_TABLE = "recommend"
#: The table of a settings file that holds a learned plausibility (netgraph/model/learned.py).
PLAUSIBILITY_TABLE = "plausibility"


# -- the typed settings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WebSettings:
    """The web app's settings (group ``web`` of :data:`SETTINGS`), a field each; built by :func:`load_settings`.

    ``session_cookie_secure`` None: not set, and ``serve`` decides (on beyond loopback or behind a proxy).
    ``oidc_issuer`` None: no sign-in through a company identity provider (:mod:`netgraph.web.sso`).
    """

    secret_key: str | None = field(repr=False)
    explorer_max_nodes: int
    search_limit: int
    recommend_limit: int
    insights_units_shown: int
    succession_units_shown: int
    succession_positions_shown: int
    neo4j_timeout: float
    query_timeout: float
    session_idle: float
    session_lifetime: float
    session_cookie_secure: bool | None
    trusted_proxy: str | None
    trusted_proxy_count: int
    proxy_fix: str | None
    login_free_failures: int
    login_free_failures_per_address: int
    login_delay: float
    login_max_delay: float
    login_reset_after: float
    login_patience: float
    login_device_days: float
    login_link_ttl: float
    oidc_issuer: str | None
    oidc_provider_name: str
    oidc_client_id: str | None
    oidc_client_secret_file: Path | None
    oidc_scopes: str
    oidc_groups_claim: str
    oidc_roles: str
    oidc_trust_email: bool
    sso_session_lifetime: float
    password_login: bool
    max_content_length: int

    def flask_config(self) -> dict[str, object]:
        """The part Flask itself reads: the secret key, the cookie's Secure flag, the largest body."""
        return {
            "SECRET_KEY": self.secret_key,
            "SESSION_COOKIE_SECURE": bool(self.session_cookie_secure),
            "MAX_CONTENT_LENGTH": self.max_content_length,
        }


@dataclass(frozen=True)
class Settings:
    """Everything configurable, resolved once.

    data_dir
        ``$XDG_DATA_HOME/netgraph``: where per-user files live by default.
    store
        Which store to open, and how (:class:`netgraph.store.StoreConfig`).
    users_file
        The web accounts file.
    neo4j_home
        The folder ``netgraph db local`` runs Neo4j in.
    web
        The web app's settings.
    recommend
        The recommendation score's weights and constants.
    ties
        The rules ties from evidence follow (``[ties]`` of ``NETGRAPH_TIES_FILE``).
    insights
        The numbers network insights use (``[insights]`` of ``NETGRAPH_INSIGHTS_FILE``).
    match
        Mentor matching's constraints, weights and capacity limit (``[match]`` of ``NETGRAPH_MATCH_FILE``).
    mail
        Where email goes: the SMTP server and the web app's address for links (:class:`MailSettings`).
    match_fit_min_pairs
        ``NETGRAPH_MATCH_FIT_MIN_PAIRS``: the rated pairs ``netgraph match fit`` needs before it fits.
    password
        ``NETGRAPH_PASSWORD``: the password ``netgraph users add`` gives the new account (never printed).
    """

    data_dir: Path
    store: StoreConfig
    users_file: Path
    neo4j_home: Path
    web: WebSettings
    recommend: RecommendSettings = field(default_factory=RecommendSettings)
    ties: TieSettings = field(default_factory=TieSettings)
    insights: InsightSettings = field(default_factory=InsightSettings)
    match: MatchSettings = field(default_factory=MatchSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    match_fit_min_pairs: int = 30
    password: str | None = field(default=None, repr=False)

    def with_store(self, **changes: Any) -> Settings:
        """A copy with some of the store's settings changed (timeouts, a path)."""
        return replace(self, store=replace(self.store, **changes))

    def with_web(self, **changes: Any) -> Settings:
        """A copy with some of the web app's settings changed (``serve``'s secret key and cookie)."""
        return replace(self, web=replace(self.web, **changes))


# -- reading them ---------------------------------------------------------------------------------------


def environment() -> Mapping[str, str]:
    """This process's environment: read here only (a test checks every other module)."""
    return os.environ


def child_environment(**extra: str) -> dict[str, str]:
    """The environment of a child process (Neo4j's importer): this process's, with ``extra`` on top."""
    return {**os.environ, **extra}


def config_keys() -> frozenset[str]:
    """The names ``create_app(config)`` takes a setting under (the rest of its config is Flask's)."""
    return frozenset(setting.config_key for setting in _TABLE)


def read_values(env: Mapping[str, str], config: Mapping[str, object] | None = None) -> dict[str, Any]:
    """Every setting's value: ``config`` (by :attr:`Setting.config_key`) over ``env`` over the default.

    A value that is ``None`` or empty counts as unset. Every value that cannot be read is
    reported at once, one line each, naming its variable.

    >>> read_values({"NETGRAPH_SEARCH_LIMIT": "many", "NETGRAPH_LOGIN_DELAY": "soon"})
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: 2 problems found, nothing was written:
      - NETGRAPH_SEARCH_LIMIT: must be a whole number, not 'many'
      - NETGRAPH_LOGIN_DELAY: must be a number, not 'soon'
    """
    config = config or {}
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for setting in _TABLE:
        given = config.get(setting.config_key)
        raw: object = given if given is not None and given != "" else env.get(setting.name)
        if raw is None or raw == "":
            values[setting.name] = setting.default
            continue
        try:
            values[setting.name] = setting.type(raw)
        except ValueError as exc:
            problems.append(Problem(setting.name, "", str(exc)))
    if problems:
        raise InvalidInput(problems)
    return values


def load_settings(
    env: Mapping[str, str] | None = None,
    *,
    data: str | Path | None = None,
    config: Mapping[str, object] | None = None,
) -> Settings:
    """The settings ``env`` (by default this process's environment) gives, with ``config`` on top.

    ``data`` (``--data``, or ``NETGRAPH_DATA`` in ``config``) chooses the embedded store at that
    path even when ``NEO4J_URI`` is set. ``config`` is what ``create_app(config)`` was given:
    values under a setting's :attr:`~Setting.config_key`, typed (``300``) or as text.
    """
    env = environment() if env is None else env
    values = read_values(env, config)
    if data is None and config and config.get("NETGRAPH_DATA") not in (None, ""):
        data = values["NETGRAPH_DATA"]
    folder = data_dir(values["XDG_DATA_HOME"])
    neo4j = None
    if data is None and values["NEO4J_URI"]:
        neo4j = Neo4jConnection(
            uri=values["NEO4J_URI"],
            username=values["NEO4J_USERNAME"],
            password=values["NEO4J_PASSWORD"],
            database=values["NEO4J_DATABASE"],
            resample_share=values[RESAMPLE_VARIABLE],
        )
    key_file = values[AUDIT_KEY_VARIABLE]
    return Settings(
        data_dir=folder,
        store=StoreConfig(
            path=Path(data) if data is not None else values["NETGRAPH_DATA"] or folder / "graph.json",
            neo4j=neo4j,
            audit_key=audit_key_from_file(key_file) if key_file else None,
        ),
        users_file=values["NETGRAPH_USERS"] or folder / "users.json",
        neo4j_home=values["NETGRAPH_NEO4J_HOME"] or folder / "neo4j",
        web=WebSettings(**{s.field: values[s.name] for s in _TABLE if s.group == "web"}),
        recommend=recommend_settings(values[RECOMMEND_FILE_VARIABLE], values[RECOMMEND_VARIABLE]),
        ties=tie_settings_from_file(values["NETGRAPH_TIES_FILE"]) if values["NETGRAPH_TIES_FILE"] else TieSettings(),
        insights=(
            insight_settings_from_file(values["NETGRAPH_INSIGHTS_FILE"])
            if values["NETGRAPH_INSIGHTS_FILE"]
            else InsightSettings()
        ),
        match=match_settings_from_file(values[MATCH_FILE_VARIABLE]) if values[MATCH_FILE_VARIABLE] else MatchSettings(),
        mail=mail_settings(values),
        match_fit_min_pairs=_at_least("NETGRAPH_MATCH_FIT_MIN_PAIRS", values["NETGRAPH_MATCH_FIT_MIN_PAIRS"], 2),
        password=values["NETGRAPH_PASSWORD"],
    )


def _at_least(name: str, value: int, lowest: int) -> int:
    """``value``, or InvalidInput naming the setting when it is below ``lowest``."""
    if value < lowest:
        raise InvalidInput([Problem(name, "", f"must be {lowest} or more, not {value}")])
    return value


def mail_settings(values: Mapping[str, Any]) -> MailSettings:
    """The email settings of ``values`` (read by :func:`read_values`), or InvalidInput, one line each.

    >>> mail_settings(read_values({"NETGRAPH_SMTP_HOST": "mx.example", "NETGRAPH_SMTP_SECURITY": "none"}))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: NETGRAPH_SMTP_SECURITY: 'none' only for a server on this machine (...)
    """
    found = MailSettings(
        host=values["NETGRAPH_SMTP_HOST"],
        port=values["NETGRAPH_SMTP_PORT"],
        security=values["NETGRAPH_SMTP_SECURITY"],
        ca_file=values["NETGRAPH_SMTP_CA_FILE"],
        user=values["NETGRAPH_SMTP_USER"],
        password_file=values["NETGRAPH_SMTP_PASSWORD_FILE"],
        sender=values["NETGRAPH_SMTP_FROM"],
        timeout=values["NETGRAPH_SMTP_TIMEOUT"],
        base_url=values["NETGRAPH_BASE_URL"],
        remind_days=values["NETGRAPH_REMIND_DAYS"],
    )
    problems = settings_problems(found)
    if problems:
        raise InvalidInput([Problem(name, "", why) for name, why in problems])
    return found


def data_dir(base: Path | None = None) -> Path:
    """``$XDG_DATA_HOME/netgraph``, else ``~/.local/share/netgraph``: computed here only."""
    return (base or Path.home() / ".local" / "share") / "netgraph"


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


def recommend_settings(file: Path | None = None, text: str | None = None) -> RecommendSettings:
    """The defaults, then the file ``NETGRAPH_RECOMMEND_FILE`` names, then ``NETGRAPH_RECOMMEND`` on top."""
    base = recommend_settings_from_file(file) if file else DEFAULT_RECOMMEND
    return recommend_settings_from_text(text or "", base=base)


# -- recommendation settings from text -----------------------------------------------------------

DEFAULT_RECOMMEND = RecommendSettings()

_RULES = {  # name -> (lowest allowed, must be above it strictly)
    "value_band": (1.0, False),
    **{name: (0.0, False) for name in WEIGHTED},
    "fairness_scale": (0.0, True),
    "fairness_window_days": (0, False),
    "mentor_tie_strength": (0.0, True),
    "track_record_prior": (0.0, False),
    "min_history_pairs": (1, False),
    "new_unit_place": (0.0, False),
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
    """The ``[recommend]`` and ``[plausibility]`` tables of a TOML file over ``base``; every mistake at once.

    Keys of ``[recommend]`` are the names of :class:`~netgraph.model.rules.RecommendSettings`
    (the same as ``NETGRAPH_RECOMMEND``'s); values are numbers. ``[plausibility]``
    is a learned model as ``evaluate --fit --from-history --out`` writes it
    (:func:`netgraph.model.learned.from_table`). A missing table or key keeps
    ``base``'s value; anything else in the file is refused.
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
        Problem(where, name, f"unknown table or key; settings go in [{RECOMMEND_TABLE}] and [{PLAUSIBILITY_TABLE}]")
        for name in document
        if name not in (RECOMMEND_TABLE, PLAUSIBILITY_TABLE)
    ]
    table = document.get(RECOMMEND_TABLE, {})
    if not isinstance(table, dict):
        problems.append(Problem(where, RECOMMEND_TABLE, "must be a table: [recommend]"))
        table = {}
    changes: dict[str, Any] = {}
    for name, value in table.items():
        _check_setting(name, value, where, changes, problems, text=False)
    if PLAUSIBILITY_TABLE in document:
        try:
            changes["plausibility"] = learned.from_table(document[PLAUSIBILITY_TABLE], where)
        except InvalidInput as refused:
            problems.extend(refused.problems)
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
