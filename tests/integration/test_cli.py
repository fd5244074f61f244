"""techmice-cli as a planner's admin runs it: a real subprocess against the real sandbox.

Checks exit codes, the one-line messages, that no traceback or secret is printed, and
afterwards that no secret reached the data dir (logs, settings, SQLite).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.gateway import endpoints
from desktop_app.sandbox import SandboxServer

REPO = Path(__file__).resolve().parents[2]
SECRET = "sandbox-secret"


@pytest.fixture
def cli_env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TECHMICE_")}
    env.update(
        TECHMICE_DATA_DIR=str(data_dir),
        TECHMICE_ENT_ID="ent-demo",
        TECHMICE_USER="100001",
        TECHMICE_CLIENT_ID="planner.desktop",
        TECHMICE_CLIENT_SECRET=SECRET,
        TECHMICE_LANG="en",
        PYTHON_KEYRING_BACKEND="tests.support.file_keyring.FileKeyring",
        TEST_KEYRING_FILE=str(tmp_path / "keychain.json"),
        PYTHONPATH=str(REPO),
    )
    return env


def cli(
    env: dict[str, str], *args: str, base_url: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    where = ["--base-url", base_url] if base_url else []
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *where, "--timeout", "5", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        check=False,
    )


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert SECRET not in out
    assert "eyJ" not in out  # no JWT
    assert len(result.stderr.strip().splitlines()) <= 1, result.stderr


def write_form(path: Path, **kw: object) -> Path:
    form = {
        "name": "华东区学术会",
        "type": "学术会议",
        "country": "中国",
        "province": "上海市",
        "city": "上海市",
        "dtStart": "2026-06-01",
        "dtEnd": "2026-06-02 17:00:00",
        "qtyAttenderInt": 10,
        "qtyAttenderExt": 3,
    }
    form.update(kw)
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return path


def test_full_admin_session(sandbox: SandboxServer, cli_env: dict[str, str], tmp_path: Path, data_dir: Path) -> None:
    url = sandbox.base_url
    login = cli(cli_env, "login", base_url=url)
    assert login.returncode == 0, login.stderr
    keychain = json.loads(Path(cli_env["TEST_KEYRING_FILE"]).read_text())
    refresh_tokens = [v for k, v in keychain.items() if k.endswith("refresh_token")]
    assert refresh_tokens and any(v == SECRET for v in keychain.values())

    entry = cli(cli_env, "entry", base_url=url)
    assert entry.returncode == 0 and entry.stdout.strip().startswith(url + "/h5")

    saved = cli(cli_env, "--json", "meeting", "save", str(write_form(tmp_path / "m.json")), base_url=url)
    assert saved.returncode == 0, saved.stderr
    mice_id = json.loads(saved.stdout)["miceId"]
    edited = cli(
        cli_env, "meeting", "save", str(write_form(tmp_path / "e.json", miceId=mice_id, name="改期")), base_url=url
    )
    assert edited.returncode == 0 and edited.stdout.strip() == mice_id

    for slug in ("employees", "restaurants", "hospitals", "car-fleets", "hotels"):
        file = tmp_path / f"{slug}.csv"
        file.write_text("员工号,姓名\n100900,测试\n", encoding="utf-8")
        result = cli(cli_env, "import", slug, str(file), base_url=url)
        assert result.returncode == 0, (slug, result.stderr)
        assert_clean(result)

    for result in (login, entry, saved, edited):
        assert_clean(result)

    # The secrets check: nothing the CLI wrote under the data dir holds a secret or a token.
    keychain = json.loads(Path(cli_env["TEST_KEYRING_FILE"]).read_text())
    secrets = {SECRET, *(v for k, v in keychain.items() if k.endswith("refresh_token"))}
    written = [p for p in data_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".log" for p in written)
    for path in written:
        blob = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in blob, path
        assert b"eyJhbGciOi" not in blob, path


def test_stored_session_is_reused_without_the_secret(sandbox: SandboxServer, cli_env: dict[str, str]) -> None:
    assert cli(cli_env, "login", base_url=sandbox.base_url).returncode == 0
    del cli_env["TECHMICE_CLIENT_SECRET"]  # the keychain holds it now
    result = cli(cli_env, "entry", base_url=sandbox.base_url)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["import", "boats", "x.csv"], "unknown kind"),
        (["import", "hotels", "/no/such/file.csv"], "does not exist"),
        (["meeting", "save", "/no/such/form.json"], "not found"),
        (["frobnicate"], "usage"),
        ([], "usage"),
    ],
)
def test_usage_errors_exit_2(sandbox: SandboxServer, cli_env: dict[str, str], args: list[str], needle: str) -> None:
    result = cli(cli_env, *args, base_url=sandbox.base_url)
    assert result.returncode == 2, result.stderr
    assert needle in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_invalid_form_exits_2_before_any_network(cli_env: dict[str, str], tmp_path: Path) -> None:
    bad = write_form(tmp_path / "bad.json", dtStart="2026-06-05", dtEnd="2026-06-01", qtyAttenderInt=-1)
    result = cli(cli_env, "meeting", "save", str(bad), base_url="http://127.0.0.1:9")
    assert result.returncode == 2
    assert "end cannot be before the start" in result.stderr.lower()
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    assert cli(cli_env, "meeting", "save", str(broken), base_url="http://127.0.0.1:9").returncode == 2


def test_missing_credentials_exit_2(sandbox: SandboxServer, cli_env: dict[str, str]) -> None:
    del cli_env["TECHMICE_CLIENT_SECRET"]
    result = cli(cli_env, "entry", base_url=sandbox.base_url)
    assert result.returncode == 2 and "TECHMICE_CLIENT_SECRET" in result.stderr


def test_wrong_secret_exits_3(sandbox: SandboxServer, cli_env: dict[str, str]) -> None:
    cli_env["TECHMICE_CLIENT_SECRET"] = "wrong-secret"
    result = cli(cli_env, "login", base_url=sandbox.base_url)
    assert result.returncode == 3
    assert "sign-in failed" in result.stderr.lower()
    assert "wrong-secret" not in result.stdout + result.stderr


def test_gateway_refusal_exits_4_with_its_msg(sandbox: SandboxServer, cli_env: dict[str, str]) -> None:
    sandbox.faults.inject("code500", path=endpoints.ENTRY)
    result = cli(cli_env, "entry", base_url=sandbox.base_url)
    assert result.returncode == 4
    assert "refused" in result.stderr.lower()


@pytest.mark.parametrize("fault", ["html502", "truncated_json", "empty_body", "drop_connection", "expired_token"])
def test_faults_exit_with_their_code(sandbox: SandboxServer, cli_env: dict[str, str], fault: str) -> None:
    sandbox.faults.inject(fault, path=endpoints.ENTRY)
    result = cli(cli_env, "entry", base_url=sandbox.base_url)
    assert result.returncode == (3 if fault == "expired_token" else 5), result.stderr
    assert_clean(result)
    assert result.stderr.strip()


def test_network_down_exits_5(cli_env: dict[str, str]) -> None:
    with SandboxServer() as server:
        url = server.base_url
    result = cli(cli_env, "entry", base_url=url)
    assert result.returncode == 5
    assert "cannot reach" in result.stderr.lower()


def test_chinese_messages(sandbox: SandboxServer, cli_env: dict[str, str]) -> None:
    cli_env["TECHMICE_LANG"] = "zh_CN.UTF-8"
    cli_env["TECHMICE_CLIENT_SECRET"] = "wrong-secret"
    result = cli(cli_env, "login", base_url=sandbox.base_url)
    assert result.returncode == 3 and "登录失败" in result.stderr


def test_base_url_does_not_become_the_default_environment(sandbox: SandboxServer, cli_env: dict[str, str]) -> None:
    assert cli(cli_env, "login", base_url=sandbox.base_url).returncode == 0
    settings = json.loads((Path(cli_env["TECHMICE_DATA_DIR"]) / "settings.json").read_text(encoding="utf-8"))
    assert not str(settings.get("last_environment", "")).startswith("url:")
