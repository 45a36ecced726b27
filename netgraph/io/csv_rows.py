"""Small CSV files read row by row, every problem one located line.

The mentoring platforms' exports and a round's pool are both small CSV files
with a few named columns in any order: this module holds what reading them
shares (the header, the row limit, the encoding and CSV errors), and each
format parses its own row.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from netgraph.errors import InvalidInput, Problem
from netgraph.model.validate import MAX_PROBLEMS

#: Parses one row's cells (stripped, only the known columns) at ``where``; appends problems, returns the row or None.
RowParser = Callable[[dict[str, str], str, list[Problem]], "dict | None"]


def read_located_rows(
    path: str | Path,
    *,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    max_rows: int,
    parse_row: RowParser,
    what: str = "the file",
    skip_blank: bool = False,
) -> list[dict]:
    """The parsed rows of ``path``, or InvalidInput naming every problem (file, line, column).

    ``what`` names the file in the message for a file with a header and no rows;
    ``skip_blank`` passes over rows whose cells are all empty.
    """
    path = Path(path)
    problems: list[Problem] = []
    rows: list[dict] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, strict=True)
            header = [h.strip() for h in reader.fieldnames or []]
            if not header:
                needed = ", ".join(required)
                raise InvalidInput([Problem(path.name, "", f"empty file: a header row is needed ({needed})")])
            missing = [c for c in required if c not in header]
            if missing:
                raise InvalidInput([Problem(f"{path.name} line 1", c, "missing column") for c in missing])
            reader.fieldnames = header
            for raw in reader:
                where = f"{path.name} line {reader.line_num}"
                if len(rows) >= max_rows:
                    problems.append(Problem(where, "", f"more than {max_rows} rows"))
                    break
                cells = {k: (v or "").strip() for k, v in raw.items() if k in (*required, *optional)}
                if skip_blank and not any(cells.values()):
                    continue
                row = parse_row(cells, where, problems)
                if row is not None:
                    rows.append(row)
    except FileNotFoundError:
        raise InvalidInput([Problem(str(path), "", "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise InvalidInput([Problem(path.name, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    except csv.Error as exc:
        problems.append(Problem(path.name, "", f"malformed CSV: {exc}"))
    if not rows and not problems:
        problems.append(Problem(path.name, "", f"no rows: {what} has only its header"))
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS], total=len(problems))
    return rows
