"""What every command prints the same way."""

from __future__ import annotations

import json


def print_json(data) -> None:
    """``--json`` output: indented, names in their own letters (not \\u escapes)."""
    print(json.dumps(data, indent=2, ensure_ascii=False))
