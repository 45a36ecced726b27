"""Parse the command line, run one command, map errors to exit codes in one place."""

from __future__ import annotations

import argparse
import sys
from functools import cached_property

from netgraph import __version__
from netgraph.cli import (data_commands, db_commands, intro_commands, network_commands, succession_commands,
                          web_commands)
from netgraph.errors import NetgraphError
from netgraph.store import Store, open_store

#: Modules that add sub-commands; each has ``register(subparsers)``.
COMMAND_MODULES = (data_commands, db_commands, intro_commands, network_commands, succession_commands,
                   web_commands)


class Context:
    """What a command gets: its arguments and, opened on first use, the store."""

    def __init__(self, args: argparse.Namespace):
        self.args = args

    @cached_property
    def store(self) -> Store:
        return open_store(self.args.data)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netgraph",
        description="Explore a graph of people, mentorships and introductions.",
        epilog="Store: the embedded file store by default; set NEO4J_URI to use Neo4j.")
    parser.add_argument("--version", action="version", version=f"netgraph {__version__}")
    parser.add_argument("--data", metavar="PATH",
                        help="embedded store file (default: $NETGRAPH_DATA or ~/.local/share/netgraph/graph.json); "
                             "given explicitly, it wins over NEO4J_URI")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    context = Context(args)
    try:
        args.run(context)
        return 0
    except NetgraphError as exc:
        print(f"netgraph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("netgraph: interrupted", file=sys.stderr)
        return 130
    finally:
        context.close()


if __name__ == "__main__":
    sys.exit(main())
