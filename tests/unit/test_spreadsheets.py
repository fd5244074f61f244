"""Row reading without openpyxl: the xlsx shapes real spreadsheet programs write."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop_app.spreadsheets import UnreadableFile, count_data_rows, employees_in, read_table

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
 <sheets><sheet name="名单" sheetId="1" r:id="rId7"/><sheet name="b" sheetId="2" r:id="rId8"/></sheets>
</workbook>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="rId8" Type="worksheet" Target="worksheets/other.xml"/>
 <Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/first.xml"/>
</Relationships>"""
SHARED = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
 <si><t>员工号</t></si><si><r><t>姓</t></r><r><t>名</t></r></si><si><t>张三</t></si>
</sst>"""
SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
 <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
 <row r="2"><c r="A2"><v>300001</v></c><c r="C2" t="s"><v>2</v></c></row>
 <row r="3"><c r="A3" s="1"/></row>
 <row r="4"><c r="A4" t="inlineStr"><is><t>300002</t></is></c><c r="C4" t="inlineStr"><is><t>李四</t></is></c></row>
</sheetData></worksheet>"""


def test_hand_written_xlsx_with_shared_inline_and_relocated_sheet(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/sharedStrings.xml", SHARED)
        archive.writestr("xl/worksheets/first.xml", SHEET)
        archive.writestr("xl/worksheets/other.xml", SHEET.replace("300001", "999999"))
    rows = read_table(path)
    assert rows is not None
    assert list(rows) == [["员工号", "", "姓名"], ["300001", "", "张三"], ["300002", "", "李四"]]
    assert count_data_rows(path) == 2
    assert employees_in(path) == [("300001", "张三"), ("300002", "李四")]


def test_openpyxl_workbook_with_several_sheets_reads_the_first(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.append(["名称"])
    first.append(["A"])
    second = workbook.create_sheet("second")
    for index in range(5):
        second.append([index])
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    assert count_data_rows(path) == 1


def test_xls_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert read_table(path) is None
    assert count_data_rows(path) is None
    assert employees_in(path) is None


def test_broken_xlsx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>")
    with pytest.raises(UnreadableFile):
        count_data_rows(path)
