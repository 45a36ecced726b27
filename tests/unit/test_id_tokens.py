"""ID token validation (netgraph.web.sso.identity_claims) against keys the test makes.

The provider's metadata and published keys are put in place of discovery, so
each token here is exactly what a provider (or an attacker) could send: only
one that is signed by the provider's key, for this client, from this issuer,
in time, and with the nonce this browser's sign-in sent, is accepted.
"""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

from netgraph.web import create_app
from netgraph.web.sso import identity_claims

ISSUER = "https://id.northwind.example"
CLIENT = "netgraph"
NONCE = "the nonce this browser sent"


@pytest.fixture(scope="module")
def provider_key():
    return RSAKey.generate_key(2048, parameters={"kid": "provider-key"})


@pytest.fixture
def client(tmp_path, provider_key):
    """The app's provider client, with the provider's metadata and public keys already known."""
    secret = tmp_path / "secret"
    secret.write_text("client secret")
    app = create_app(
        {
            "SECRET_KEY": "test",
            "NETGRAPH_DATA": ":memory:",
            "NETGRAPH_OIDC_ISSUER": ISSUER,
            "NETGRAPH_OIDC_CLIENT_ID": CLIENT,
            "NETGRAPH_OIDC_CLIENT_SECRET_FILE": str(secret),
        }
    )
    found = app.extensions["netgraph_sso"]
    found.server_metadata.update(
        issuer=ISSUER,
        jwks=KeySet([provider_key]).as_dict(private=False),
        id_token_signing_alg_values_supported=["RS256"],
        _loaded_at=time.time(),
    )
    with app.app_context():
        yield found


def id_token(key, **changes) -> dict:
    """A token answer whose ID token is signed by ``key``; ``changes`` replace (None: drop) claims."""
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": "u-1", "aud": CLIENT, "iat": now, "exp": now + 300, "nonce": NONCE}
    claims.update(changes)
    claims = {k: v for k, v in claims.items() if v is not None}
    signed = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
    return {"access_token": "opaque", "token_type": "Bearer", "id_token": signed}


def test_a_token_from_the_provider_for_this_client_is_accepted(client, provider_key):
    assert identity_claims(client, id_token(provider_key), NONCE)["sub"] == "u-1"


def test_a_token_for_another_client_is_refused(client, provider_key):
    with pytest.raises(JoseError, match="aud"):
        identity_claims(client, id_token(provider_key, aud="another-app"), NONCE)


def test_a_token_for_another_client_that_names_this_one_as_its_party_is_refused(client, provider_key):
    with pytest.raises(JoseError, match="aud"):
        identity_claims(client, id_token(provider_key, aud=["another-app"], azp=CLIENT), NONCE)


def test_an_expired_token_is_refused(client, provider_key):
    long_ago = int(time.time()) - 3600
    with pytest.raises(JoseError, match="expired"):
        identity_claims(client, id_token(provider_key, iat=long_ago - 300, exp=long_ago), NONCE)


def test_a_token_signed_with_another_key_is_refused(client):
    forger = RSAKey.generate_key(2048, parameters={"kid": "provider-key"})  # same key id, not the provider's key
    with pytest.raises(JoseError, match="signature"):
        identity_claims(client, id_token(forger), NONCE)


def test_a_token_from_another_issuer_is_refused(client, provider_key):
    with pytest.raises(JoseError, match="iss"):
        identity_claims(client, id_token(provider_key, iss="https://evil.example"), NONCE)


def test_a_token_with_the_nonce_of_another_sign_in_is_refused(client, provider_key):
    with pytest.raises(JoseError, match="nonce"):
        identity_claims(client, id_token(provider_key, nonce="a nonce sent earlier"), NONCE)


def test_a_token_without_a_nonce_is_refused(client, provider_key):
    with pytest.raises(JoseError, match="nonce"):
        identity_claims(client, id_token(provider_key, nonce=None), NONCE)


def test_a_replayed_token_finds_no_sign_in_waiting_for_it(client, provider_key):
    """The nonce is used up with the sign-in's state: a second answer has none to match."""
    with pytest.raises(ValueError, match="no sign-in was started"):
        identity_claims(client, id_token(provider_key), None)


def test_an_answer_without_an_id_token_is_refused(client):
    with pytest.raises(ValueError, match="no ID token"):
        identity_claims(client, {"access_token": "opaque", "token_type": "Bearer"}, NONCE)
