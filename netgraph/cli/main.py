"""Parse the command line, run one command, map errors to exit codes in one place."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import redirect_stdout
from functools import cached_property

from netgraph import __version__
from netgraph.cli import (
    audit_commands,
    data_commands,
    db_commands,
    evaluate_commands,
    insights_commands,
    intro_commands,
    lifecycle_commands,
    match_commands,
    network_commands,
    outbox_commands,
    succession_commands,
    sync_commands,
    ties_commands,
    web_commands,
)
from netgraph.cli.output import DisplayText
from netgraph.errors import NetgraphError
from netgraph.settings import Settings, load_settings
from netgraph.store import Store, open_store

#: Modules that add sub-commands; each has ``register(subparsers)``.
COMMAND_MODULES = (
    data_commands,
    db_commands,
    intro_commands,
    network_commands,
    succession_commands,
    lifecycle_commands,
    sync_commands,
    ties_commands,
    insights_commands,
    match_commands,
    outbox_commands,
    audit_commands,
    web_commands,
    evaluate_commands,
)


class Context:
    """What a command gets: its arguments, the settings, and (opened on first use) the store.

    The settings are read from the environment here, once, and only here.
    """

    def __init__(self, args: argparse.Namespace, settings: Settings | None = None):
        self.args = args
        self._settings = settings

    @cached_property
    def settings(self) -> Settings:
        return self._settings or load_settings(data=self.args.data)

    @cached_property
    def store(self) -> Store:
        # a command (or `netgraph start`'s server) keeps the graph it opens until it ends
        return open_store(self.settings.with_store(freeze_graph=True).store)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netgraph",
        description="Explore a graph of people, mentorships and introductions.",
        epilog="Store: the embedded file store by default; set NEO4J_URI to use Neo4j.",
    )
    parser.add_argument("--version", action="version", version=f"netgraph {__version__}")
    parser.add_argument(
        "--data",
        metavar="PATH",
        help="embedded store (default: $NETGRAPH_DATA or ~/.local/share/netgraph/graph.json, "
        "kept in graph.sqlite beside it); given explicitly, it wins over NEO4J_URI",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


#: The exit code when whoever reads the output stops early (``netgraph succession | head``): 128 + SIGPIPE, as
#: for any command a closed pipe ends.
EXIT_PIPE_CLOSED = 141


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code; a reader that closes the pipe ends it quietly."""
    try:
        try:
            return _run(sys.argv[1:] if argv is None else argv)
        finally:
            sys.stdout.flush()  # a closed pipe shows here, not as a traceback when Python exits
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_PIPE_CLOSED


def _run(argv: list[str]) -> int:
    for number, argument in enumerate(argv, 1):
        if any("\ud800" <= char <= "\udfff" for char in argument):  # bytes that were not UTF-8
            print(f"netgraph: error: argument {number} is not UTF-8 text", file=sys.stderr)
            return 1
    args = build_parser().parse_args(argv)
    context = Context(args)
    try:
        with redirect_stdout(DisplayText(sys.stdout)):
            return args.run(context) or 0  # a command may return its own exit code (``db check``)
    except NetgraphError as exc:
        print(f"netgraph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("netgraph: interrupted", file=sys.stderr)
        return 130
    finally:
        context.close()


def _stdout_to_devnull() -> None:
    """Point standard output at /dev/null, so that nothing left in its buffer fails again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture it)
        pass


if __name__ == "__main__":
    sys.exit(main())
