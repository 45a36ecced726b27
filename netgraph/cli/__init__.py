"""The ``netgraph`` command line: ``netgraph --help`` lists the commands.

Exit codes: 0 success, 1 a user error (one line on stderr, no traceback),
2 a usage error (argparse's own).
"""

from netgraph.cli.main import main

__all__ = ["main"]
