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
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from netgraph.errors import InvalidInput, Problem
from netgraph.io.csv_folder import read_csv_folder, write_csv_folder
from netgraph.io.graph_formats import write_gexf, write_graphml
from netgraph.model.json_text import read_json
from netgraph.model.validate import Where

IMPORT_FORMATS = ("json", "csv")
EXPORT_FORMATS = ("json", "csv", "graphml", "gexf")
#: Formats that can go to a stream (standard output, a pipe, a terminal): one document, not a folder of files.
STREAM_FORMATS = ("json", "graphml", "gexf")
#: The path that means standard output.
STDOUT = "-"
_NOT_JSON = (
    "not written: the store holds a number JSON cannot carry (NaN or infinity, stored before imports refused them)"
)


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


def export_target(path: str | Path) -> str:
    """What kind of place an export goes to, through any symlinks.

    ``stdout`` (the path ``-``), ``stream`` (a character device such as
    ``/dev/stdout`` or a terminal, or a FIFO: written as they are, never
    replaced), ``folder``, ``file`` (a regular file, or nothing yet) or
    ``other`` (a socket, a block device, a loop of symlinks: not an export's place).

    >>> export_target("-"), export_target("/dev/null"), export_target("/"), export_target("/no/such/file.json")
    ('stdout', 'stream', 'folder', 'file')
    """
    if str(path) == STDOUT:
        return "stdout"
    try:
        mode = os.stat(path).st_mode  # follows symlinks: a link to a FIFO is a FIFO
    except FileNotFoundError:
        return "file"
    except OSError:  # a loop of symlinks, a folder on the way that may not be searched
        return "other"
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "stream"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def export_format(path: str | Path, fmt: str | None = None) -> str:
    """The format of an export: ``fmt`` if given; to a stream, the path's suffix if a stream can carry it, else
    json; else the path's (:func:`guess_format`).

    >>> export_format("-"), export_format("-", "gexf"), export_format("out.graphml"), export_format("out")
    ('json', 'gexf', 'graphml', 'csv')
    """
    if fmt:
        return fmt
    if export_target(path) in ("stdout", "stream"):
        suffix = Path(path).suffix.lower().lstrip(".")
        return suffix if suffix in STREAM_FORMATS else "json"
    return guess_format(path)


def write_document(document: dict, path: str | Path, fmt: str | None = None) -> None:
    """Write a normalized document to the place :func:`export_target` says ``path`` is.

    A regular file is replaced atomically: the new one is written beside it
    and renamed over it. Through a symlink that is beside the link's target,
    so the link stays a link. ``-`` (standard output), a character device
    and a FIFO are written as a stream (json, graphml or gexf): replacing
    ``/dev/stdout`` with a file would break the system for everyone. A CSV
    export is a folder: it cannot go to a stream or over a file.
    """
    fmt = checked_export_format(path, fmt)
    target = export_target(path)
    if fmt == "csv":
        write_csv_folder(document, path)
    elif target == "stdout":
        sys.stdout.flush()
        _write_stream(document, fmt, sys.stdout.buffer, str(path))
    elif target == "stream":
        with open(path, "wb") as handle:
            _write_stream(document, fmt, handle, str(path))
    else:
        real = Path(os.path.realpath(path))  # a symlink's target (every link of a chain followed), or path itself
        if fmt == "json":
            try:  # NaN or infinity (stored before they were refused) would make the file invalid JSON
                _atomic_write(
                    real, lambda handle: json.dump(document, handle, ensure_ascii=False, indent=1, allow_nan=False)
                )
            except ValueError:
                raise InvalidInput([Problem(str(path), "", _NOT_JSON)]) from None
        else:
            writer = write_graphml if fmt == "graphml" else write_gexf
            _atomic_write(real, lambda handle: writer(document, handle), binary=True)


def checked_export_format(path: str | Path, fmt: str | None = None) -> str:
    """The format a document written to ``path`` takes (:func:`export_format`), once it is known that it can
    go there; else InvalidInput, one line saying why (nothing is written).

    >>> checked_export_format("out/"), checked_export_format("org.json")
    ('csv', 'json')
    """
    fmt = export_format(path, fmt)
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(
            [Problem(str(path), "", f"unknown export format {fmt!r} (use one of {', '.join(EXPORT_FORMATS)})")]
        )
    problem = _target_problem(path, export_target(path), fmt)
    if problem:
        raise InvalidInput([Problem(str(path), "", problem)])
    return fmt


def _target_problem(path: str | Path, target: str, fmt: str) -> str | None:
    """Why an export in ``fmt`` cannot go to ``path``, a place of this kind (None: it can).

    >>> _target_problem("-", "stdout", "csv")
    'a CSV export is a folder of files and cannot go to a stream (use --format json, graphml or gexf)'
    """
    if fmt == "csv" and target in ("stdout", "stream"):
        return (
            "a CSV export is a folder of files and cannot go to a stream "
            f"(use --format {', '.join(STREAM_FORMATS[:-1])} or {STREAM_FORMATS[-1]})"
        )
    if fmt == "csv" and target == "file" and os.path.exists(path):
        return "is a file: a CSV export is a folder of files (name a folder, or use --format json)"
    if fmt != "csv" and target == "folder":
        return f"is a folder (a {fmt} export is one file: name a file, or use --format csv for a CSV folder)"
    if target == "other":
        return (
            "is not a regular file, a folder, a FIFO or a character device, or cannot be reached (a loop of "
            "symlinks, a folder that may not be searched): nothing is exported there"
        )
    return None


def _json_text(document: dict, where: str) -> str:
    """The whole JSON text first: a stream cannot take back half a document when a NaN turns up."""
    try:
        return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)
    except ValueError:
        raise InvalidInput([Problem(where, "", _NOT_JSON)]) from None


def _write_stream(document: dict, fmt: str, handle: BinaryIO, where: str) -> None:
    """One document to a binary stream, as it goes (a stream cannot be replaced, only written)."""
    if fmt == "json":
        handle.write(_json_text(document, where).encode("utf-8") + b"\n")
    elif fmt == "graphml":
        write_graphml(document, handle)
    else:
        write_gexf(document, handle)
    handle.flush()


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
