"""Reading the rows of a planner's spreadsheet (.csv, .xlsx) without third-party libraries.

The import panel previews a dropped file with it; the sandbox counts an import's data rows
and reads the 员工号 column of an employee import. openpyxl is only a development dependency, and the frozen app should
not carry it for a demo server, so .xlsx is read with ``zipfile`` + ``xml.etree``
(streaming ``iterparse``), .csv with ``csv`` (UTF-8 with or without BOM, else GB18030,
the superset of GBK that Excel on Chinese Windows writes). Legacy binary .xls is not
parsed: its rows are unknown (``None``).
"""

from __future__ import annotations

import csv
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]+)")
# A sheet bigger than this uncompressed is treated as a zip bomb, not a planner's list.
MAX_SHEET_BYTES = 512 * 1024 * 1024

EMPLOYEE_ID_COLUMNS = ("员工号", "工号", "user_name", "employee_id")
EMPLOYEE_NAME_COLUMNS = ("姓名", "name")


class UnreadableFile(ValueError):
    """The file does not match its extension (e.g. an .xlsx that is not a zip)."""


def read_table(path: Path) -> Iterator[list[str]] | None:
    """Rows of the first sheet as lists of strings, blank rows skipped; None for .xls."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    return None


def count_data_rows(path: Path) -> int | None:
    """Rows below the header row; None when the format cannot be read (.xls)."""
    rows = read_table(path)
    if rows is None:
        return None
    return max(sum(1 for _ in rows) - 1, 0)


def employees_in(path: Path) -> list[tuple[str, str]] | None:
    """``(user_name, name)`` pairs of an employee list; None when the format cannot be read.

    Raises :class:`UnreadableFile` when no 员工号 column is found in the header row.
    """
    rows = read_table(path)
    if rows is None:
        return None
    header = [cell.strip().lower() for cell in next(rows, [])]
    id_column = _find_column(header, EMPLOYEE_ID_COLUMNS)
    if id_column is None:
        raise UnreadableFile(f"no employee id column; expected one of: {', '.join(EMPLOYEE_ID_COLUMNS)}")
    name_column = _find_column(header, EMPLOYEE_NAME_COLUMNS)
    found: list[tuple[str, str]] = []
    for row in rows:
        user_name = _cell(row, id_column)
        if user_name:
            found.append((user_name, _cell(row, name_column) if name_column is not None else ""))
    return found


def _find_column(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name.lower() in header:
            return header.index(name.lower())
    return None


def _cell(row: list[str], index: int) -> str:
    value = row[index].strip() if index < len(row) else ""
    # Excel stores 100006 typed as a number as "100006" but some writers add ".0".
    if value.endswith(".0") and value[:-2].isdigit():
        value = value[:-2]
    return value


# CSV --------------------------------------------------------------------------------


def _csv_encoding(path: Path) -> str:
    """utf-8-sig if the whole file decodes as UTF-8, else gb18030 (GBK superset)."""
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as stream:
            while stream.read(1 << 16):
                pass
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _csv_rows(path: Path) -> Iterator[list[str]]:
    encoding = _csv_encoding(path)
    with path.open("r", encoding=encoding, errors="replace", newline="") as stream:
        for row in csv.reader(stream):
            if any(cell.strip() for cell in row):
                yield row


# XLSX -------------------------------------------------------------------------------


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(f"not an .xlsx (zip) file: {exc}") from None
    with archive:
        sheet = _first_sheet_path(archive)
        try:
            info = archive.getinfo(sheet)
        except KeyError:
            raise UnreadableFile(f"worksheet {sheet} missing") from None
        if info.file_size > MAX_SHEET_BYTES:
            raise UnreadableFile("worksheet too large")
        shared = _shared_strings(archive)
        try:
            with archive.open(info) as stream:
                yield from _sheet_rows(stream, shared)
        except ElementTree.ParseError as exc:
            raise UnreadableFile(f"worksheet XML is broken: {exc}") from None


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    fallback = "xl/worksheets/sheet1.xml"
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return fallback
    first = workbook.find(f"{_MAIN_NS}sheets/{_MAIN_NS}sheet")
    if first is None:
        return fallback
    rel_id = first.get(f"{_REL_NS}id")
    for rel in rels.iter(f"{_PKG_REL_NS}Relationship"):
        if rel.get("Id") == rel_id and rel.get("Target"):
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return fallback


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    try:
        info = archive.getinfo("xl/sharedStrings.xml")
    except KeyError:
        return []
    if info.file_size > MAX_SHEET_BYTES:
        raise UnreadableFile("shared strings too large")
    strings: list[str] = []
    with archive.open(info) as stream:
        for _, element in ElementTree.iterparse(stream):
            if element.tag == f"{_MAIN_NS}si":
                # Rich text splits a string into runs: <si><r><t>..</t></r>...</si>
                strings.append("".join(t.text or "" for t in element.iter(f"{_MAIN_NS}t")))
                element.clear()
    return strings


def _column_index(reference: str | None, fallback: int) -> int:
    match = _CELL_REF.match(reference or "")
    if not match:
        return fallback
    index = 0
    for letter in match.group(1):
        index = index * 26 + (ord(letter) - ord("A") + 1)
    return index - 1


def _sheet_rows(stream: IO[bytes], shared: list[str]) -> Iterator[list[str]]:
    for _, element in ElementTree.iterparse(stream):
        if element.tag != f"{_MAIN_NS}row":
            continue
        cells: dict[int, str] = {}
        for position, cell in enumerate(element.iter(f"{_MAIN_NS}c")):
            value = _cell_value(cell, shared)
            if value:
                cells[_column_index(cell.get("r"), position)] = value
        element.clear()
        if cells:
            row = [""] * (max(cells) + 1)
            for index, value in cells.items():
                row[index] = value
            yield row


def _cell_value(cell: ElementTree.Element, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN_NS}t")).strip()
    value = cell.find(f"{_MAIN_NS}v")
    text = (value.text or "") if value is not None else ""
    if kind == "s" and text.isdigit():
        index = int(text)
        return shared[index].strip() if index < len(shared) else ""
    return text.strip()
