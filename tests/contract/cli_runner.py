"""Run the real command line against a test store (embedded or Neo4j), as a user would.

The store is handed to the CLI in place of the one the environment names;
the CLI does not close it (the Neo4j one serves the whole session). A test
module makes it a fixture::

    @pytest.fixture
    def cli(store, monkeypatch, capsys):
        return cli_on(store, monkeypatch, capsys)
"""

from __future__ import annotations

from netgraph.cli import main
from netgraph.cli.main import Context


def cli_on(store, monkeypatch, capsys):
    """``run(*argv) -> (exit code, stdout, stderr)`` of the command line on ``store``."""
    monkeypatch.setattr(Context, "store", property(lambda self: store))

    def run(*argv):
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
