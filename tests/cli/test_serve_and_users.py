"""``netgraph serve`` refuses unsafe combinations before listening; ``netgraph users unlock``."""

from __future__ import annotations

import pytest

from netgraph.accounts import Accounts
from netgraph.cli import main
from netgraph.cli.web_commands import serve_settings
from netgraph.errors import NetgraphError
from netgraph.settings import load_settings
from netgraph.web import create_app


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "example.org"])
def test_serve_dev_refuses_any_host_but_loopback_even_with_a_secret_key(capsys, monkeypatch, host):
    monkeypatch.setenv("NETGRAPH_SECRET_KEY", "a real secret key")
    # (port 1 and the demo: should it ever get past the check, it fails at once instead of serving)
    code, _, err = run(capsys, "serve", "--dev", "--demo", "--host", host, "--port", "1")
    assert code == 1 and "refusing --dev" in err and "debugger" in err


def serve_config(host, *, dev, environ):
    """What ``serve`` on ``host`` starts the app with, the environment being ``environ``."""
    return serve_settings(host, dev=dev, settings=load_settings(environ, data=":memory:"))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_serve_dev_is_allowed_on_loopback(host):
    assert serve_config(host, dev=True, environ={}).web.secret_key


def test_beyond_loopback_the_session_cookie_is_secure_by_default():
    settings = serve_config("0.0.0.0", dev=False, environ={"NETGRAPH_SECRET_KEY": "k"})
    assert create_app(settings=settings).config["SESSION_COOKIE_SECURE"] is True


def test_on_loopback_the_session_cookie_is_not_secure_by_default():
    settings = serve_config("127.0.0.1", dev=False, environ={})
    assert create_app(settings=settings).config["SESSION_COOKIE_SECURE"] is False


def test_behind_a_proxy_the_session_cookie_is_secure_by_default_even_on_loopback():
    settings = serve_config("127.0.0.1", dev=False, environ={"NETGRAPH_TRUSTED_PROXY": "127.0.0.1"})
    assert settings.web.session_cookie_secure


def test_the_old_proxy_fix_setting_is_refused_naming_the_new_one():
    with pytest.raises(NetgraphError, match="NETGRAPH_TRUSTED_PROXY"):
        serve_config("127.0.0.1", dev=False, environ={"NETGRAPH_PROXY_FIX": "1"})


def test_netgraph_session_cookie_secure_overrides_the_default():
    settings = serve_config(
        "0.0.0.0", dev=False, environ={"NETGRAPH_SECRET_KEY": "k", "NETGRAPH_SESSION_COOKIE_SECURE": "0"}
    )
    assert create_app(settings=settings).config["SESSION_COOKIE_SECURE"] is False


@pytest.fixture
def users(tmp_path, monkeypatch):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    book = Accounts(tmp_path / "users.json")
    book.add("ada", "a long enough password", role="admin")
    return book


def test_users_unlock_counts_up_the_accounts_unlock_number(capsys, users):
    code, out, _ = run(capsys, "users", "unlock", "ada")
    assert code == 0 and "unlocked ada" in out and users.unlocks("ada") == 1


def test_users_unlock_of_an_unknown_name_is_an_error(capsys, users):
    code, _, err = run(capsys, "users", "unlock", "bob")
    assert code == 1 and "no user 'bob'" in err


def test_users_add_refuses_a_name_over_the_limit(tmp_path):
    from netgraph.accounts import Accounts
    from netgraph.errors import InvalidInput

    with pytest.raises(InvalidInput, match="at most 64 characters"):
        Accounts(tmp_path / "users.json").add("a" * 65, "a long passphrase", role="viewer")


def test_users_add_refuses_a_password_over_the_limit_or_with_nul(tmp_path):
    from netgraph.accounts import Accounts
    from netgraph.errors import InvalidInput

    for password in ("x" * 1025, "a long pass\x00phrase"):
        with pytest.raises(InvalidInput, match="no NUL"):
            Accounts(tmp_path / "users.json").add("ada", password, role="viewer")
