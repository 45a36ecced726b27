"""The first load of a CSV folder, read record by record: checked and turned into the importer's files as it goes.

``db local load FILE.json`` parses the whole document, then validates and
writes it (:mod:`netgraph.localdb.bulk_load`): at a million people that is
more than 10 GB of dicts. A CSV folder needs none of that. Each section file
is read one record at a time (:func:`~netgraph.io.csv_folder.iter_section`);
each record is checked (:class:`~netgraph.model.stream_check.StreamCheck`,
which keeps the ids as integers and the trees as arrays for the checks that
need the whole graph) and, normalized and completed with the defaults,
written at once as its rows of the importer's files. Only the skills' links
wait for the end, as numbers: a skill's record number follows every position,
and the positions are read after the people.

A folder that is refused gets the problems ``netgraph import`` reports for
it, word for word and in the same order (the files' structure first, then
the records'); nothing has been imported then, and the files are thrown away.

Example (Python)::

    with BulkLoad(LocalNeo4j(home, port=7687)) as load:
        report = load.run_folder(Path("org/"))
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import IO, Any

from netgraph.errors import InvalidInput
from netgraph.io.csv_folder import MAX_STRUCTURE_PROBLEMS, folder_problems, iter_section, no_files
from netgraph.localdb.bulk_load import (
    _NODE_HEADERS,
    _REL_HEADERS,
    LoadReport,
    _n,
    _path,
    holds_row,
    introduction_row,
    knows_row,
    mentors_row,
    person_row,
    position_row,
    skill_row,
    successor_row,
    unit_row,
)
from netgraph.model.stream_check import StreamCheck
from netgraph.model.validate import with_defaults
from netgraph.model.vocabulary import SECTIONS


def write_folder_import_files(source: Path, folder: Path, report: LoadReport) -> dict[str, dict[str, Path]]:
    """Check the CSV folder ``source`` and write the importer's files into ``folder`` as it is read.

    Returns what :func:`~netgraph.localdb.bulk_load.write_import_files` returns; raises
    ``InvalidInput`` with the problems ``import`` finds in the same folder.
    """
    source = Path(source)
    structure = folder_problems(source)
    check = StreamCheck()
    present = [section for section in SECTIONS if (source / f"{section}.csv").exists()]
    with ImportFiles(folder, check, report) as files:
        for section in SECTIONS:
            files.begin(section)
            if section not in present:
                continue
            for label, record in iter_section(source / f"{section}.csv", section, structure):
                clean = check.record(section, label, record)
                if clean is not None:
                    files.add(section, clean)
        if not present and not structure:
            structure.append(no_files(source))
        if structure:
            raise InvalidInput(structure[:MAX_STRUCTURE_PROBLEMS], total=len(structure))
        check.finish()
        return files.finish()


class ImportFiles:
    """The importer's files, open while a folder is read: each record's rows written as it comes.

    Node numbers (the importer's ``:ID``, see ``bulk_load``) are the checker's interned ids
    plus the count of the labels numbered before: units, people, positions, skills,
    introductions. In a valid folder every interned id is declared, so the numbers are
    0, 1, 2... without a gap; in a refused one they do not matter.
    """

    def __init__(self, folder: Path, check: StreamCheck, report: LoadReport):
        self.folder, self.check, self.report = folder, check, report
        self._out: dict[str, IO[str]] = {}
        self._rows: dict[str, int] = {}
        self._base = {"org_units": 0, "people": 0, "positions": 0, "skills": 0, "introductions": 0}
        self._skills: dict[str, int] = {}  # name -> number among the skills
        # the links to skills, written at the end: (person or position, skill[, level])
        self._has_skill = (array("q"), array("q"), array("q"))
        self._wants = (array("q"), array("q"))
        self._requires = (array("q"), array("q"))

    def __enter__(self) -> ImportFiles:
        for name, header in (*_NODE_HEADERS.items(), *_REL_HEADERS.items()):
            handle = self._out[name] = open(_path(self.folder, name), "w", encoding="utf-8", newline="")
            handle.write(header + "\n")
            self._rows[name] = 0
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in self._out.values():
            handle.close()

    def begin(self, section: str) -> None:
        """Fix the numbers the sections before ``section`` take (a section file may be missing)."""
        ids = self.check.ids
        if section == "people":
            self._base["people"] = len(ids["org_units"])
        elif section == "positions":
            self._base["positions"] = self._base["people"] + len(ids["people"])
        elif section == "knows":
            self._base["skills"] = self._base["positions"] + len(ids["positions"])
            self._base["introductions"] = self._base["skills"] + len(self._skills)

    def _write(self, name: str, row: str) -> None:
        self._out[name].write(row)
        self._rows[name] += 1

    def _number(self, section: str, key: str) -> int:
        return self._base[section] + self.check.ids[section].get(key)

    def _skill(self, name: str) -> int:
        number = self._skills.get(name)
        if number is None:
            number = self._skills[name] = len(self._skills)
        return number

    def add(self, section: str, normalized: dict[str, Any]) -> None:
        """Write the rows of one record the schema accepted (normalized, not yet completed)."""
        r = with_defaults(section, normalized)  # the database is empty: a field left out takes its default
        write, number = self._write, self._number
        if section == "org_units":
            me = number("org_units", r["id"])
            write("OrgUnit", unit_row(r, me))
            if r["parent"] is not None:
                write("PART_OF", f"{me},{number('org_units', r['parent'])}\n")
        elif section == "people":
            me = number("people", r["id"])
            write("Person", person_row(r, me))
            if r["org_unit"] is not None:
                write("MEMBER_OF", f"{me},{number('org_units', r['org_unit'])}\n")
            people, skills, levels = self._has_skill
            for name, level in r["skills"].items():
                people.append(me)
                skills.append(self._skill(name))
                levels.append(level)
            for name in r["wants_to_grow"]:
                self._wants[0].append(me)
                self._wants[1].append(self._skill(name))
        elif section == "positions":
            me = number("positions", r["id"])
            write("Position", position_row(r, me))
            if r["org_unit"] is not None:
                write("IN", f"{me},{number('org_units', r['org_unit'])}\n")
            if r["reports_to"] is not None:
                write("REPORTS_TO", f"{me},{number('positions', r['reports_to'])}\n")
            for name in r["requires"]:
                self._requires[0].append(me)
                self._requires[1].append(self._skill(name))
            for holder in r["holders"]:
                write("HOLDS", holds_row(number("people", holder["person"]), me, holder))
        elif section == "knows":
            rel_type = "KNOWS" if r["retired_on"] is None else "KNEW"
            write(rel_type, knows_row(number("people", r["a"]), number("people", r["b"]), r))
        elif section == "mentorships":
            write("MENTORS", mentors_row(number("people", r["mentor"]), number("people", r["mentee"]), r))
        elif section == "successors":
            write("SUCCESSOR_FOR", successor_row(number("people", r["person"]), number("positions", r["position"]), r))
        elif section == "introductions":
            me = number("introductions", r["id"])
            write("Introduction", introduction_row(r, me))
            write("MADE", f"{number('people', r['by'])},{me}\n")
            write("INTRODUCES", f"{me},{number('people', r['introduce'])}\n")
            write("TO", f"{me},{number('people', r['to'])}\n")

    def finish(self) -> dict[str, dict[str, Path]]:
        """Write the skills and their links; close the files; fill the report's counts. Returns the files
        to import: every node file, and the relationship files with rows."""
        base = self._base["skills"]
        for name, n in self._skills.items():
            self._write("Skill", skill_row(name, base + n))
        people, skills, levels = self._has_skill
        for person, skill, level in zip(people, skills, levels, strict=True):
            self._write("HAS_SKILL", f"{person},{base + skill},{_n(level)}\n")
        for name, (owners, targets) in (("WANTS_TO_GROW", self._wants), ("REQUIRES", self._requires)):
            for owner, skill in zip(owners, targets, strict=True):
                self._write(name, f"{owner},{base + skill}\n")
        for handle in self._out.values():
            handle.close()
        self.report.nodes.update({label: self._rows[label] for label in _NODE_HEADERS})
        self.report.relationships.update({name: self._rows[name] for name in _REL_HEADERS})
        empty = [name for name in _REL_HEADERS if not self._rows[name]]
        for name in empty:
            _path(self.folder, name).unlink()
        return {
            "nodes": {label: _path(self.folder, label) for label in _NODE_HEADERS},
            "relationships": {name: _path(self.folder, name) for name in _REL_HEADERS if name not in empty},
        }


__all__ = ["ImportFiles", "write_folder_import_files"]
