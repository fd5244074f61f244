"""The five master-data imports: accepted types, refusals, row counts, history, employees."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import openpyxl
import pytest
from sandbox_client import TIMEOUT, SandboxClient

from desktop_app.gateway.endpoints import ImportKind
from desktop_app.sandbox import SandboxServer

XLS_BYTES = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504  # OLE2 header of a legacy .xls


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def assert_ok(body: dict[str, object], msg: str) -> None:
    assert body == {"success": True, "code": 0, "content": "", "msg": msg, "error": ""}


def assert_refused(body: dict[str, object], error_part: str) -> None:
    assert (body["success"], body["code"], body["content"]) == (False, 500, None)
    assert error_part in str(body["error"])
    assert body["msg"]


@pytest.mark.parametrize("kind", list(ImportKind))
def test_each_kind_accepts_csv_xlsx_and_xls(peer: SandboxClient, token: str, kind: ImportKind) -> None:
    first = "员工号" if kind is ImportKind.EMPLOYEES else "名称"
    table = [[first, "城市"], ["200001", "上海"], ["200002", "北京"], ["200003", "广州"]]
    csv_body = peer.upload(kind, token, "list.csv", csv_bytes([",".join(r) for r in table])).json()
    assert_ok(csv_body, "导入成功，共 3 行" + ("，新增或更新员工 3 名" if kind is ImportKind.EMPLOYEES else ""))
    xlsx_body = peer.upload(kind, token, "list.xlsx", xlsx_bytes(table)).json()
    assert xlsx_body["success"] is True
    assert xlsx_body["msg"].startswith("导入成功，共 3 行")
    xls_body = peer.upload(kind, token, "list.XLS", XLS_BYTES).json()
    assert xls_body["success"] is True
    assert ".xls" in xls_body["msg"]
    history = peer.h5_api("imports", token).json()["content"]
    assert [(r["kind"], r["filename"], r["rows"]) for r in history] == [
        (kind.slug, "list.XLS", None),
        (kind.slug, "list.xlsx", 3),
        (kind.slug, "list.csv", 3),
    ]


@pytest.mark.parametrize(
    ("filename", "content", "error_part"),
    [
        ("list.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("list.xlsx.exe", b"MZ", "unsupported file type '.exe'"),
        ("list", b"a,b", "without extension"),
        ("list.csv", b"", "empty file"),
        ("list.xlsx", b"this is not a zip", "not an .xlsx (zip) file"),
    ],
)
def test_refused_files(peer: SandboxClient, token: str, filename: str, content: bytes, error_part: str) -> None:
    response = peer.upload(ImportKind.HOTELS, token, filename, content)
    assert response.status_code == 200
    assert_refused(response.json(), error_part)
    assert peer.h5_api("imports", token).json()["content"] == []


def test_unsupported_type_message_is_for_planners(peer: SandboxClient, token: str) -> None:
    body = peer.upload(ImportKind.HOTELS, token, "酒店.docx", b"PK").json()
    assert body["msg"] == "不支持的文件类型 .docx，请上传 .xlsx、.xls 或 .csv 文件"


def test_missing_file_part_is_refused(peer: SandboxClient, token: str) -> None:
    body = peer.upload(ImportKind.HOSPITALS, token, "list.csv", b"a\n1\n", field="upload").json()
    assert_refused(body, "no file part named 'file'")


def test_form_field_without_a_file_is_refused(peer: SandboxClient, token: str) -> None:
    response = peer.session.post(
        peer.url(ImportKind.HOSPITALS.path),
        files={"file": (None, "a,b")},
        headers=peer.bearer(token),
        timeout=TIMEOUT,
    )
    assert_refused(response.json(), "no file part named 'file'")


def test_two_files_are_refused(peer: SandboxClient, token: str) -> None:
    files = [("file", ("a.csv", b"a\n1\n")), ("file", ("b.csv", b"a\n1\n"))]
    response = peer.session.post(
        peer.url(ImportKind.RESTAURANTS.path), files=files, headers=peer.bearer(token), timeout=TIMEOUT
    )
    assert_refused(response.json(), "2 file parts")


def test_non_multipart_body_is_refused(peer: SandboxClient, token: str) -> None:
    response = peer.session.post(
        peer.url(ImportKind.CAR_FLEETS.path), json={"file": "x"}, headers=peer.bearer(token), timeout=TIMEOUT
    )
    assert_refused(response.json(), "expected multipart/form-data")


def test_field_name_is_a_server_setting() -> None:
    with SandboxServer(import_field="upload") as server:
        gateway = SandboxClient(server)
        token = gateway.token()
        ok = gateway.upload(ImportKind.HOTELS, token, "h.csv", b"name\nA\n", field="upload").json()
        assert ok["success"] is True
        refused = gateway.upload(ImportKind.HOTELS, token, "h.csv", b"name\nA\n").json()
        assert_refused(refused, "no file part named 'upload'")
        gateway.close()


@pytest.mark.parametrize(
    ("content", "rows"),
    [
        (csv_bytes(["名称,城市", "和平饭店,上海", "北京饭店,北京"], "utf-8"), 2),
        (b"\xef\xbb\xbf" + csv_bytes(["名称,城市", "和平饭店,上海"], "utf-8"), 1),
        (csv_bytes(["名称,城市", "和平饭店,上海", "北京饭店,北京", "白天鹅宾馆,广州"], "gbk"), 3),
        (csv_bytes(["名称,备注", '和平饭店,"两行\n备注"', "", ",", "北京饭店,"]), 2),
        (csv_bytes(["名称"]), 0),
    ],
    ids=["utf-8", "utf-8-sig", "gbk", "quoted-newline-and-blank-rows", "header-only"],
)
def test_csv_row_counts(peer: SandboxClient, token: str, content: bytes, rows: int) -> None:
    body = peer.upload(ImportKind.HOTELS, token, "酒店.csv", content).json()
    assert body["msg"] == f"导入成功，共 {rows} 行"


def test_history_records_the_upload(peer: SandboxClient, token: str, sandbox: SandboxServer, data_dir: Path) -> None:
    content = xlsx_bytes([["名称", "城市"], ["瑞金医院", "上海"], ["协和医院", "北京"]])
    assert peer.upload(ImportKind.HOSPITALS, token, "资料/医院 名单.xlsx", content).json()["success"]
    (record,) = peer.h5_api("imports", token).json()["content"]
    assert record["kind"] == "hospitals"
    assert record["kind_name_zh"] == "医院"
    assert record["filename"] == "医院 名单.xlsx"
    assert record["size"] == len(content)
    assert record["rows"] == 2
    assert record["sha256"] == hashlib.sha256(content).hexdigest()
    assert record["user_name"] == "100001"
    assert record["user_id"] == peer.user_id(token)
    assert record["created_at"] > 0


def test_uploads_are_kept_in_the_sandbox_data_dir(data_dir: Path) -> None:
    db_path = data_dir / "sandbox" / "sandbox.sqlite3"
    content = csv_bytes(["名称", "A", "B"])
    with SandboxServer(db_path=db_path) as server:
        gateway = SandboxClient(server)
        assert gateway.upload(ImportKind.HOTELS, gateway.token(), "h.csv", content).json()["success"]
        gateway.close()
    stored = list((data_dir / "sandbox" / "uploads").iterdir())
    assert len(stored) == 1
    assert stored[0].suffix == ".csv"
    assert stored[0].read_bytes() == content


def test_a_large_upload_is_streamed_and_counted(peer: SandboxClient, token: str) -> None:
    lines = ["名称,城市,地址"] + [f"餐厅{i},上海,某路{i}号" for i in range(60_000)]
    content = csv_bytes(lines)
    assert len(content) > 1_500_000
    body = peer.upload(ImportKind.RESTAURANTS, token, "餐厅.csv", content).json()
    assert body["msg"] == "导入成功，共 60000 行"


def test_employee_import_enables_sign_in(peer: SandboxClient, token: str) -> None:
    refused = peer.post_token(peer.sign_in_form("100006")).json()
    assert refused["success"] is False
    content = csv_bytes(["员工号,姓名,部门", "100006,赵六,销售", "100007,钱七,市场"], "gbk")
    body = peer.upload(ImportKind.EMPLOYEES, token, "员工.csv", content).json()
    assert body["msg"] == "导入成功，共 2 行，新增或更新员工 2 名"
    new_token = peer.token("100006")
    me = peer.h5_api("me", new_token).json()["content"]
    assert (me["user_name"], me["name"]) == ("100006", "赵六")


@pytest.mark.parametrize("column", ["工号", "user_name", "employee_id", "Employee_ID"])
def test_employee_import_from_xlsx_with_numeric_ids(peer: SandboxClient, token: str, column: str) -> None:
    content = xlsx_bytes([[column, "name"], [100008, "孙八"], [None, None], [100009, None]])
    body = peer.upload(ImportKind.EMPLOYEES, token, "staff.xlsx", content).json()
    assert body["msg"] == "导入成功，共 2 行，新增或更新员工 2 名"
    assert peer.h5_api("me", peer.token("100008")).json()["content"]["name"] == "孙八"
    # Without a name the employee is still known; the H5 page shows the 员工号.
    assert peer.h5_api("me", peer.token("100009")).json()["content"]["name"] == "100009"


def test_employee_import_keeps_existing_names_when_the_file_has_none(peer: SandboxClient, token: str) -> None:
    content = csv_bytes(["员工号", "100002"])
    assert peer.upload(ImportKind.EMPLOYEES, token, "e.csv", content).json()["success"]
    assert peer.h5_api("me", peer.token("100002")).json()["content"]["name"] == "王芳"


def test_employee_import_without_an_id_column_is_refused(peer: SandboxClient, token: str) -> None:
    body = peer.upload(ImportKind.EMPLOYEES, token, "e.csv", csv_bytes(["姓名", "赵六"])).json()
    assert_refused(body, "no employee id column")
    assert "员工号" in body["msg"]
    assert peer.h5_api("imports", token).json()["content"] == []


def test_employee_import_of_xls_adds_nobody(peer: SandboxClient, token: str) -> None:
    body = peer.upload(ImportKind.EMPLOYEES, token, "e.xls", XLS_BYTES).json()
    assert body["success"] is True
    assert body["msg"].endswith("未添加员工")
