"""Every setting of the web app: name, default, meaning. docs/web-ui.md documents each (a test checks).

Read from the environment (``NETGRAPH_`` prefix, or the Neo4j variables the
CLI reads); ``create_app(config)`` may override any of them.
"""

from __future__ import annotations

import os

from netgraph.model.limits import REQUEST_MAX_BYTES


def flag(value: str) -> bool:
    """An on/off setting as written in the environment.

    >>> flag("1"), flag("true"), flag("off"), flag("0")
    (True, True, False, False)
    """
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
    if value.strip().lower() not in words:
        raise ValueError(f"{value!r} is not one of {', '.join(words)}")
    return words[value.strip().lower()]


#: name -> (default, converter, meaning)
SETTINGS = {
    "SECRET_KEY": (None, str, "signs session cookies and CSRF tokens; required beyond loopback"),
    "NETGRAPH_DATA": (None, str, "embedded store file (':memory:' for a throwaway store)"),
    "NETGRAPH_USERS": (None, str, "accounts file (default: users.json beside the embedded store's default)"),
    "NEO4J_URI": (None, str, "use Neo4j at this Bolt URI instead of the embedded store"),
    "NETGRAPH_EXPLORER_MAX_NODES": (300, int, "most people drawn in one explorer graph"),
    "NETGRAPH_SEARCH_LIMIT": (10, int, "most people the name search returns"),
    "NETGRAPH_RECOMMEND_LIMIT": (10, int, "recommendations shown on a person page"),
    "NETGRAPH_NEO4J_TIMEOUT": (3.0, float, "seconds to wait for a Neo4j connection before a 503"),
    "NETGRAPH_QUERY_TIMEOUT": (15.0, float, "seconds Neo4j may spend on one request's query before a 503"),
    "NETGRAPH_SESSION_IDLE": (1800.0, float, "seconds without a request after which a session ends"),
    "NETGRAPH_SESSION_LIFETIME": (43200.0, float, "seconds after log-in at which a session ends however busy"),
    "SESSION_COOKIE_SECURE": (
        None,
        flag,
        "send the session cookie over HTTPS only, and HSTS "
        "(default: on when `serve` listens beyond loopback or behind NETGRAPH_TRUSTED_PROXY)",
    ),
    "NETGRAPH_TRUSTED_PROXY": (
        None,
        str,
        "the reverse proxy's address: `serve` takes X-Forwarded-For/-Proto/-Host/"
        "-Port from connections from it only, and deletes them from all others",
    ),
    "NETGRAPH_TRUSTED_PROXY_COUNT": (
        1,
        int,
        "proxies in a chain in front (the last of them at "
        "NETGRAPH_TRUSTED_PROXY) whose X-Forwarded-For entries are trusted",
    ),
    "NETGRAPH_LOGIN_FREE_FAILURES": (5, int, "wrong passwords for one name before each attempt must wait"),
    "NETGRAPH_LOGIN_FREE_FAILURES_PER_ADDRESS": (20, int, "wrong passwords from one address before it must wait"),
    "NETGRAPH_LOGIN_DELAY": (1.0, float, "first wait in seconds; it doubles with each further failure"),
    "NETGRAPH_LOGIN_MAX_DELAY": (300.0, float, "longest wait in seconds between two attempts"),
    "NETGRAPH_LOGIN_RESET_AFTER": (900.0, float, "seconds after a wait, with no new failure, to forget a count"),
    "NETGRAPH_LOGIN_PATIENCE": (
        10.0,
        float,
        "seconds a log-in waits for its turn while as many others for the same "
        "name or address are being checked as it has free failures left",
    ),
    "NETGRAPH_LOGIN_DEVICE_DAYS": (
        90.0,
        float,
        "days a browser's device cookie, set at log-in, keeps failures "
        "from elsewhere from delaying its log-ins to that account",
    ),
    "NETGRAPH_LOGIN_LINK_TTL": (600.0, float, "seconds a log-in link printed by `netgraph start` works (once)"),
    "NETGRAPH_OIDC_ISSUER": (
        None,
        str,
        "sign in through this OpenID Connect provider (its issuer URL; settings found by discovery)",
    ),
    "NETGRAPH_OIDC_PROVIDER_NAME": ("your company account", str, 'what the "Sign in with ..." button names'),
    "NETGRAPH_OIDC_CLIENT_ID": (None, str, "netgraph's client id at the provider"),
    "NETGRAPH_OIDC_CLIENT_SECRET_FILE": (None, str, "file holding the client secret (read at start, never logged)"),
    "NETGRAPH_OIDC_SCOPES": ("openid email profile", str, "scopes asked for (space-separated)"),
    "NETGRAPH_OIDC_GROUPS_CLAIM": ("groups", str, "the ID token claim that lists the user's groups"),
    "NETGRAPH_OIDC_ROLES": (
        "",
        str,
        "group=role pairs, comma-separated (email:ADDRESS=role for providers that send no "
        "groups); a user gets the highest role their groups give, and none is refused",
    ),
    "NETGRAPH_OIDC_TRUST_EMAIL": (
        False,
        flag,
        "link accounts to people by the provider's email even without email_verified (its emails are the company's)",
    ),
    "NETGRAPH_SSO_SESSION_LIFETIME": (
        28800.0,
        float,
        "seconds after signing in through the provider at which the session ends (groups are read again then)",
    ),
    "NETGRAPH_PASSWORD_LOGIN": (
        True,
        flag,
        "allow log-in with a netgraph password (the single-use link of `netgraph start` works regardless)",
    ),
    "MAX_CONTENT_LENGTH": (REQUEST_MAX_BYTES, int, "largest request body in bytes; a larger one is refused (413)"),
}


def load_settings(environ=os.environ) -> dict:
    found = {}
    for name, (default, convert, _) in SETTINGS.items():
        env_name = name if name.startswith(("NETGRAPH_", "NEO4J_")) else f"NETGRAPH_{name}"
        value = environ.get(env_name)
        found[name] = convert(value) if value not in (None, "") else default
    return found
