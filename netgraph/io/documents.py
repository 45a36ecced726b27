"""Read and write interchange documents in every supported format.

``json`` is the full-fidelity format (one file, see ``dataset.schema.json``);
``csv`` is a folder of one file per section for spreadsheet users;
``graphml`` and ``gexf`` are export-only views of the graph for Gephi or yEd.

Examples
--------
>>> guess_format("org.json"), guess_format("hr-export/"), guess_format("net.graphml")
('json', 'csv', 'graphml')
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from netgraph.errors import InvalidInput, Problem
from netgraph.io.csv_folder import read_csv_folder, write_csv_folder
from netgraph.io.graph_formats import write_gexf, write_graphml
from netgraph.model.json_text import read_json
from netgraph.model.validate import Where

IMPORT_FORMATS = ("json", "csv")
EXPORT_FORMATS = ("json", "csv", "graphml", "gexf")
_NOT_JSON = ("not written: the store holds a number JSON cannot carry "
             "(NaN or infinity, stored before imports refused them)")


def guess_format(path: str | Path) -> str:
    """The format a path implies: its suffix, or ``csv`` for a folder."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in EXPORT_FORMATS:
        return suffix
    if Path(path).is_dir() or str(path).endswith(os.sep) or not suffix:
        return "csv"
    return suffix


def read_document(path: str | Path, fmt: str | None = None) -> tuple[object, Where]:
    """Parse a file or folder; return the raw document and how to name its places."""
    path = Path(path)
    fmt = fmt or guess_format(path)
    if fmt == "csv":
        document, labels = read_csv_folder(path)
        return document, Where(str(path), labels)
    if fmt != "json":
        raise InvalidInput([Problem(str(path), "", f"cannot import format {fmt!r} (use json or csv)")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput([Problem(str(path), "", "no such file")]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(str(path), "", "is a folder (use --format csv for a CSV folder)")]) from None
    except UnicodeDecodeError as exc:
        raise InvalidInput([Problem(str(path), "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    return read_json(text, path.name, records=True), Where(path.name)


def write_document(document: dict, path: str | Path, fmt: str | None = None) -> None:
    """Write a normalized document; files are replaced atomically."""
    path = Path(path)
    fmt = fmt or guess_format(path)
    if fmt == "csv":
        write_csv_folder(document, path)
    elif fmt == "json":
        try:  # NaN or infinity (stored before they were refused) would make the file invalid JSON
            _atomic_write(path, lambda handle: json.dump(document, handle, ensure_ascii=False, indent=1,
                                                         allow_nan=False))
        except ValueError:
            raise InvalidInput([Problem(str(path), "", _NOT_JSON)]) from None
    elif fmt == "graphml":
        _atomic_write(path, lambda handle: write_graphml(document, handle), binary=True)
    elif fmt == "gexf":
        _atomic_write(path, lambda handle: write_gexf(document, handle), binary=True)
    else:
        raise InvalidInput([Problem(str(path), "", f"unknown export format {fmt!r} "
                                    f"(use one of {', '.join(EXPORT_FORMATS)})")])


def _atomic_write(path: Path, write, *, binary: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
