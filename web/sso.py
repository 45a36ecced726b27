"""Sign-in through the company's identity provider (OpenID Connect), when ``NETGRAPH_OIDC_ISSUER`` is set.

The flow is the authorization code flow with PKCE (S256), ``state`` and
``nonce``, run by Authlib's Flask client: ``/login/sso`` sends the browser to
the provider (found by discovery at the issuer), ``/login/sso/callback``
checks ``state``, trades the code for tokens and validates the ID token: its
signature against the provider's published keys, its issuer, audience,
expiry and nonce (:func:`identity_claims`). Anything that fails is refused
with a page and a warning on the ``netgraph.web.sso`` logger; the client
secret (read from ``NETGRAPH_OIDC_CLIENT_SECRET_FILE``) is never logged.

Who signs in (:func:`decide`):

* the **role** is the highest that the user's groups give through
  ``NETGRAPH_OIDC_ROLES`` (``group=role`` pairs; ``email:ADDRESS=role`` for
  providers whose tokens carry no groups, such as Google). No role: refused
  with a page that says why (also when Entra ID sends a pointer to its groups
  instead of the groups, past 200 of them);
* the **account** is keyed by (issuer, subject), never by a name
  (:meth:`netgraph.accounts.Accounts.sign_in_sso`): it is made just in time,
  and every change of its role or person is audited;
* the **person** it is linked to is the one active person whose email equals
  the token's ``email`` (ignoring case), trusted only when ``email_verified``
  is true (Entra ID's ``xms_edov`` counts) or ``NETGRAPH_OIDC_TRUST_EMAIL`` is
  on. Several matches or none: no link (the home says so). Someone who has
  left (the linked person, or the only people with that email) is refused.

An SSO session ends ``NETGRAPH_SSO_SESSION_LIFETIME`` seconds after sign-in,
so a change of groups at the provider takes effect within a working day; log-out
(:func:`netgraph.web.auth.logout`) also ends the provider's session where it
offers RP-initiated log-out (:func:`logout_url`).
"""

from __future__ import annotations

import logging
from typing import Any

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from joserfc.errors import JoseError
from requests import RequestException

from netgraph.analysis import audit
from netgraph.model.audit import acting_as
from netgraph.settings import WebSettings
from netgraph.web.store import get_settings, get_store

bp = Blueprint("sso", __name__)
log = logging.getLogger(__name__)

#: roles from least to most: a user gets the highest any of their groups gives
RANKS = ("viewer", "mentor", "hr", "admin")
#: how long to wait for the provider (discovery, keys, token endpoint), in seconds
PROVIDER_TIMEOUT = 10
#: what Entra ID sends instead of the groups when a user is in more than it puts in a token
OVERAGE = "_claim_names"


def role_map(text: str) -> dict[str, str]:
    """``NETGRAPH_OIDC_ROLES``: comma-separated ``group=role`` (or ``email:ADDRESS=role``) pairs.

    >>> role_map("netgraph-hr = hr, 0b5e-11=viewer, email:Ada@Example.com=admin")
    {'netgraph-hr': 'hr', '0b5e-11': 'viewer', 'email:ada@example.com': 'admin'}
    >>> role_map("staff=owner")
    Traceback (most recent call last):
    ...
    ValueError: NETGRAPH_OIDC_ROLES: 'staff=owner' gives no role of viewer, mentor, hr, admin
    """
    found = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        key, _, role = (part.strip() for part in pair.rpartition("="))
        if not key or role not in RANKS:
            raise ValueError(f"NETGRAPH_OIDC_ROLES: {pair!r} gives no role of {', '.join(RANKS)}")
        found[key.lower() if key.lower().startswith("email:") else key] = role
    return found


def role_for(groups: list[str], email: str | None, roles: dict[str, str]) -> str | None:
    """The highest role the groups (or the verified email) give; None when they give none.

    >>> roles = role_map("staff=viewer, mentors=mentor, people-team=hr, email:boss@x.example=admin")
    >>> role_for(["staff", "people-team", "mentors"], None, roles), role_for(["all"], None, roles)
    ('hr', None)
    >>> role_for([], "Boss@X.example", roles)
    'admin'
    """
    keys = list(groups) + ([f"email:{email.lower()}"] if email else [])
    given = [RANKS.index(roles[k]) for k in keys if k in roles]
    return RANKS[max(given)] if given else None


def verified_email(claims: dict[str, Any], *, trust_issuer: bool) -> str | None:
    """The token's email when it may identify a person: verified, or from an issuer trusted for emails.

    >>> verified_email({"email": "a@x", "email_verified": True}, trust_issuer=False)
    'a@x'
    >>> verified_email({"email": "a@x"}, trust_issuer=False), verified_email({"email": "a@x"}, trust_issuer=True)
    (None, 'a@x')
    >>> verified_email({"email": "a@x", "xms_edov": True}, trust_issuer=False)
    'a@x'
    """
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    if claims.get("email_verified") is True or claims.get("xms_edov") is True or trust_issuer:
        return email
    return None


def groups_of(claims: dict[str, Any], claim: str) -> list[str] | None:
    """The groups the token carries in ``claim``; None when the provider sent a pointer instead (overage)."""
    value = claims.get(claim)
    if value is None and claim in (claims.get(OVERAGE) or {}):
        return None
    if isinstance(value, str):
        return [value]
    return [g for g in value if isinstance(g, str)] if isinstance(value, list) else []


def person_for(found: dict[str, str]) -> tuple[str | None, bool]:
    """(the one active person of ``found``, whether everyone in it has left): id -> status of the email's people.

    >>> person_for({"p1": "active", "p2": "left"}), person_for({"p2": "left"}), person_for({"p3": "active",
    ...     "p4": "active"}), person_for({})
    (('p1', False), (None, True), (None, False), (None, False))
    """
    active = [person for person, status in found.items() if status != "left"]
    return (active[0] if len(active) == 1 else None), bool(found) and not active


# -- the client ---------------------------------------------------------------------------------------


def init_app(app, web: WebSettings) -> None:
    """Register the provider's client when SSO is configured (its keys and metadata are fetched on first use)."""
    if not web.oidc_issuer:
        return
    needed = {
        "NETGRAPH_OIDC_CLIENT_ID": web.oidc_client_id,
        "NETGRAPH_OIDC_CLIENT_SECRET_FILE": web.oidc_client_secret_file,
    }
    missing = [name for name, value in needed.items() if not value]
    if missing or web.oidc_client_id is None or web.oidc_client_secret_file is None:
        raise ValueError(f"NETGRAPH_OIDC_ISSUER is set: set {' and '.join(missing)} too")
    role_map(web.oidc_roles)  # a wrong mapping stops the start, not the first sign-in
    secret = web.oidc_client_secret_file.read_text("utf-8").strip()
    oauth = OAuth(app)
    oauth.register(
        "provider",
        client_id=web.oidc_client_id,
        client_secret=secret,
        server_metadata_url=web.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": web.oidc_scopes,
            "code_challenge_method": "S256",
            "default_timeout": PROVIDER_TIMEOUT,
        },
    )
    app.extensions["netgraph_sso"] = oauth.create_client("provider")


def _issuer() -> str:
    """The configured issuer, as discovery and ID tokens must name it (no trailing slash)."""
    return (get_settings().web.oidc_issuer or "").rstrip("/")


def provider_client():
    """The provider's Authlib client, or None when SSO is not configured."""
    return current_app.extensions.get("netgraph_sso")


def provider_name() -> str | None:
    """The name on the "Sign in with ..." button, or None when SSO is not configured."""
    if provider_client() is None:
        return None
    return get_settings().web.oidc_provider_name


def identity_claims(client, token: dict, nonce: str | None) -> dict[str, Any]:
    """The validated claims of ``token``'s ID token, or an exception (JoseError, AuthlibBaseError, ValueError).

    Signature (keys from the provider's ``jwks_uri``, fetched again for an
    unknown key id), issuer (the configured one, which discovery must
    confirm), audience (this client), expiry and nonce (the one this browser's
    sign-in sent) are checked by Authlib; a missing nonce or ID token is refused here.
    """
    issuer = _issuer()
    metadata = client.load_server_metadata()
    if (metadata.get("issuer") or "").rstrip("/") != issuer:
        raise ValueError(f"discovery names the issuer {metadata.get('issuer')!r}, not {issuer!r}")
    if not nonce:
        raise ValueError("no sign-in was started in this browser (or it was used already)")
    if "id_token" not in token:
        raise ValueError("the provider sent no ID token")
    # the audience is checked here: Authlib alone accepts a token for another client whose azp names this one
    options = {"iss": {"essential": True, "value": issuer}, "aud": {"essential": True, "value": client.client_id}}
    claims = client.parse_id_token(token, nonce=nonce, claims_options=options)
    return dict(claims)


def logout_url(return_to: str) -> str | None:
    """Where to send the browser to end the provider's session too (None if it offers no RP-initiated log-out)."""
    client = provider_client()
    if client is None:
        return None
    try:
        if not client.load_server_metadata().get("end_session_endpoint"):
            return None
        return client.create_logout_url(post_logout_redirect_uri=return_to, client_id=client.client_id)["url"]
    except (RequestException, ValueError) as error:
        log.warning("log-out at the provider skipped: %s", error)
        return None


# -- the views ------------------------------------------------------------------------------------------


def refused(reason: str, status: int = 403):
    return render_template("sso_refused.html", reason=reason, provider=provider_name()), status


@bp.get("/login/sso")
def start():
    """Send the browser to the provider (state, nonce and the PKCE verifier stay in this browser's session)."""
    client = provider_client()
    if client is None:
        abort(404)
    try:
        return client.authorize_redirect(url_for("sso.callback", _external=True))
    except (RequestException, ValueError) as error:
        log.warning("sign-in could not start from %s: the provider did not answer (%s)", request.remote_addr, error)
        return refused("The identity provider did not answer. Try again in a minute.", 503)


@bp.get("/login/sso/callback")
def callback():
    """The provider's answer: check it, decide who signs in and with which role, start a session."""
    from netgraph.web.auth import accounts, has_left, now, remember_device, start_session

    client = provider_client()
    if client is None:
        abort(404)
    address = request.remote_addr
    try:
        claims = _checked_answer(client)
    except (AuthlibBaseError, JoseError, RequestException, ValueError) as error:
        log.warning("sign-in refused from %s: %s", address, _described(error))
        return refused(
            "The answer from the identity provider could not be checked, so nobody was signed in. "
            "Start again from the log-in page."
        )
    web = get_settings().web
    decision = decide(claims)
    if isinstance(decision, str):
        log.warning("sign-in refused from %s: %s (subject %r)", address, decision, str(claims.get("sub"))[:64])
        return refused(decision)
    book, at = accounts(), now()
    subject, issuer = str(claims["sub"]), _issuer()
    known = book.get(book.sso_name(issuer, subject))
    if known and known["person"] and has_left(known["person"], at):
        log.warning(
            "sign-in refused from %s: %r is linked to %s, who has left", address, known["name"], known["person"]
        )
        return refused("Your access to netgraph has ended: you are recorded as having left.")
    name, changes = book.sign_in_sso(
        issuer,
        subject,
        role=decision["role"],
        person=decision["person"],
        display=str(claims.get("name") or claims.get("email") or subject)[:200],
    )
    if changes:
        with acting_as(f"web:{name}"):
            audit.record(
                get_store(),
                "users.sso",
                [f"user:{name}"] + ([f"person:{decision['person']}"] if decision["person"] else []),
                changes,
            )
    book.sessions.note_sign_in(name, "sso", now=at)
    start_session(book, name, at, lifetime=web.sso_session_lifetime)
    log.info("log-in: %r from %s (identity provider, role %s)", name, address, decision["role"])
    return remember_device(redirect(url_for("people.home")), name)


def _checked_answer(client) -> dict[str, Any]:
    """The validated ID token claims of the provider's answer to this browser's sign-in.

    The sign-in's state, nonce and PKCE verifier are used up here, whatever
    happens next: a replayed answer finds none and is refused.
    """
    if request.args.get("error"):
        raise OAuthError(error=request.args["error"], description=request.args.get("error_description"))
    state = request.args.get("state") or ""
    started = client.framework.get_state_data(session, state)
    client.framework.clear_state_data(session, state)
    if not isinstance(started, dict):
        raise MismatchingStateError()
    token = client.fetch_access_token(
        code=request.args.get("code"),
        state=state,
        redirect_uri=started.get("redirect_uri"),
        code_verifier=started.get("code_verifier"),
    )
    return identity_claims(client, token, started.get("nonce"))


def decide(claims: dict[str, Any]) -> dict | str:
    """{"role", "person"} for these validated claims, or the reason they are refused (a sentence)."""
    web = get_settings().web
    groups = groups_of(claims, web.oidc_groups_claim)
    if groups is None:
        return (
            "The identity provider sent a link to your groups instead of the groups (you are in more "
            "groups than fit in a sign-in token), so netgraph cannot tell your role. Ask IT to send "
            "only the groups assigned to netgraph."
        )
    email = verified_email(claims, trust_issuer=web.oidc_trust_email)
    role = role_for(groups, email, role_map(web.oidc_roles))
    if role is None:
        return (
            "You are not in any group that gives access to netgraph. Ask whoever manages access to "
            "netgraph at your company to add you to one."
        )
    person, only_leavers = person_for(get_store().people_with_emails([email]).get(email, {}) if email else {})
    if only_leavers:
        return "Your access to netgraph has ended: you are recorded as having left."
    if role == "mentor" and person is None:
        role = "viewer"  # a mentor account is the person it mentors as; unlinked, it can only look around
    return {"role": role, "person": person}


def _described(error: BaseException) -> str:
    """An error as the log says it: its class and message, short (tokens are never in it)."""
    text = str(error) or getattr(error, "description", "") or ""
    return f"{type(error).__name__}: {text}"[:300]
