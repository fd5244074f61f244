"""``techmice-cli``: headless commands for admins who script nightly imports, and for support.

Credentials come from the environment (TECHMICE_ENT_ID, TECHMICE_USER, TECHMICE_CLIENT_ID,
TECHMICE_CLIENT_SECRET), never from argv, which other users of the machine can read.
Exit codes: 0 ok, 2 usage or invalid input, 3 authentication failed, 4 the gateway refused,
5 network failure or a reply that breaks the contract. One line on stderr, no traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Any, NoReturn

from desktop_app import __version__, logging_setup
from desktop_app.gateway.endpoints import ImportKind
from desktop_app.gateway.errors import AuthError, BusinessError, Cancelled, GatewayError
from desktop_app.gateway.meeting import Meeting, MeetingInvalid
from desktop_app.gateway.profile import GatewayProfile, base_url_problem
from desktop_app.gateway.tokens import Credentials
from desktop_app.services import imports
from desktop_app.services.session import Session, stop_embedded_sandbox
from desktop_app.services.settings import Settings
from desktop_app.storage.database import Database
from desktop_app.text import Text

log = logging.getLogger("techmice.cli")

EXIT_OK, EXIT_USAGE, EXIT_AUTH, EXIT_REFUSED, EXIT_NETWORK = 0, 2, 3, 4, 5
EXIT_CANCELLED = 130
ENV_VARS = {
    "ent_id": "TECHMICE_ENT_ID",
    "user_name": "TECHMICE_USER",
    "client_id": "TECHMICE_CLIENT_ID",
    "client_secret": "TECHMICE_CLIENT_SECRET",
}


def user_language() -> str:
    for name in ("TECHMICE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class Failure(Exception):
    def __init__(self, code: int, text: Text) -> None:
        super().__init__(text.en)
        self.code = code
        self.text = text


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 as well; keep its one line
        self.print_usage(sys.stderr)
        raise Failure(EXIT_USAGE, Text(f"用法错误：{message}", f"usage error: {message}"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="techmice-cli", description="TechMICE Desktop, headless: sign in, meetings, imports.")
    parser.add_argument("--version", action="version", version=f"techmice-cli {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--env", metavar="NAME", help="environment profile (default: last used, else sandbox)")
    where.add_argument("--base-url", metavar="URL", help="gateway address (https, or http on this computer)")
    parser.add_argument("--json", action="store_true", help="print results as JSON on stdout")
    parser.add_argument("--timeout", type=float, metavar="S", help="network timeout in seconds")
    parser.add_argument("--verbose", action="store_true", help="also log to stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("login", help="sign in and keep the session in the keychain when there is one")
    commands.add_parser("logout", help="forget the stored session")
    commands.add_parser("entry", help="print the 会引擎 H5 app's entry URL")
    meeting = commands.add_parser("meeting", help="meetings")
    meeting_commands = meeting.add_subparsers(dest="meeting_command", required=True, parser_class=_Parser)
    save = meeting_commands.add_parser("save", help="create or edit (miceId in the file) a meeting")
    save.add_argument("form", type=Path, metavar="FORM.json")
    imp = commands.add_parser("import", help="import a master-data file")
    imp.add_argument("kind", metavar="KIND", help=" | ".join(k.slug for k in ImportKind))
    imp.add_argument("file", type=Path, metavar="FILE")
    return parser


def _profile(args: argparse.Namespace, settings: Settings) -> GatewayProfile:
    if args.base_url:
        problem = base_url_problem(args.base_url)
        if problem:
            raise Failure(EXIT_USAGE, Text(f"网关地址无效：{problem}", f"invalid gateway address: {problem}"))
        profile = GatewayProfile(name="url:" + args.base_url.rstrip("/"), kind="custom", base_url=args.base_url)
    else:
        name = args.env or settings.get("last_environment") or "sandbox"
        found = settings.profile(name)
        if found is None:
            known = ", ".join(p.name for p in settings.profiles())
            raise Failure(
                EXIT_USAGE, Text(f"未知环境 {name}（可选：{known}）", f"unknown environment {name} ({known})")
            )
        profile = found
        if not profile.is_sandbox and base_url_problem(profile.base_url):
            raise Failure(
                EXIT_USAGE,
                Text(f"环境 {name} 尚未设置网关地址", f"environment {name} has no gateway address; use --base-url"),
            )
    if args.timeout:
        if not 0 < args.timeout <= 3600:
            raise Failure(EXIT_USAGE, Text("--timeout 应在 0 到 3600 秒之间", "--timeout must be 0 to 3600 seconds"))
        profile = dataclasses.replace(
            profile, connect_timeout=args.timeout, read_timeout=args.timeout, upload_read_timeout=max(args.timeout, 60)
        )
    return profile


def _credentials(profile: GatewayProfile) -> Credentials:
    values = {field: os.environ.get(var, "").strip() for field, var in ENV_VARS.items()}
    values["ent_id"] = values["ent_id"] or profile.ent_id
    values["client_id"] = values["client_id"] or profile.client_id
    missing = [ENV_VARS[f] for f, v in values.items() if not v]
    if missing:
        names = ", ".join(missing)
        raise Failure(EXIT_USAGE, Text(f"缺少环境变量：{names}", f"missing environment variables: {names}"))
    return Credentials(**values)


def _signed_in(session: Session, profile: GatewayProfile, *, fresh: bool = False) -> None:
    if not fresh:
        try:
            if session.restore(profile) is not None:
                return
        except AuthError:
            log.info("stored session refused; signing in with the environment's credentials")
    session.sign_in(profile, _credentials(profile), remember=True)


def _progress_printer(enabled: bool) -> Any:
    if not enabled:
        return None

    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        sys.stderr.write(f"\r{imports.human_size(done)} / {imports.human_size(total)} ({percent}%)")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def run(args: argparse.Namespace, language: str) -> dict[str, Any]:
    settings = Settings()
    session = Session(settings)
    profile = _profile(args, settings)
    if args.command == "logout":
        session.keychain.forget(profile.name)
        return {"message": Text("已退出登录", "signed out").in_language(language)}

    # Validate local input before any network traffic.
    meeting: Meeting | None = None
    kind: ImportKind | None = None
    if args.command == "meeting":
        meeting = _read_form(args.form)
    if args.command == "import":
        try:
            kind = ImportKind.from_slug(args.kind)
        except ValueError:
            names = " ".join(k.slug for k in ImportKind)
            raise Failure(
                EXIT_USAGE, Text(f"未知导入类型 {args.kind}（可选：{names}）", f"unknown kind {args.kind} ({names})")
            ) from None
        check = imports.check_file(args.file)
        if not check.ok:
            assert check.problem is not None
            raise Failure(EXIT_USAGE, check.problem)

    _signed_in(session, profile, fresh=args.command == "login")
    client = session.require_client()
    assert session.signed_in is not None
    if args.command == "login":
        remembered = session.signed_in.remembered
        note = (
            Text("已登录", "signed in")
            if remembered
            else Text("已登录（无系统钥匙串，未保存）", "signed in (no keychain; not kept)")
        )
        return {"userId": session.signed_in.user_id, "remembered": remembered, "message": note.in_language(language)}
    if args.command == "entry":
        return {"entry": client.get_entry()}
    if meeting is not None:
        if not meeting.tuUserId:
            meeting = dataclasses.replace(meeting, tuUserId=session.signed_in.user_id)
            if meeting.problems():
                raise Failure(EXIT_USAGE, MeetingInvalid(meeting.problems()).text())
        mice_id = client.save_meeting(meeting)
        return {"miceId": mice_id, "edited": meeting.is_edit}
    assert kind is not None
    db = Database()
    try:
        history = imports.ImportHistory(db, profile.name, session.signed_in.user_id)
        cancel = threading.Event()
        try:
            result = imports.upload(
                client, history, kind, args.file, on_progress=_progress_printer(sys.stderr.isatty()), cancel=cancel
            )
        except KeyboardInterrupt:
            cancel.set()
            raise
    finally:
        db.close()
    return {"kind": kind.slug, "file": result.file_name, "size": result.size, "msg": result.msg}


def _read_form(path: Path) -> Meeting:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise Failure(EXIT_USAGE, Text(f"找不到文件 {path}", f"file not found: {path}")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise Failure(EXIT_USAGE, Text(f"无法读取 {path}", f"cannot read {path}: {exc}")) from None
    except json.JSONDecodeError as exc:
        raise Failure(
            EXIT_USAGE,
            Text(f"{path} 不是有效的 JSON（第 {exc.lineno} 行）", f"{path} is not valid JSON (line {exc.lineno})"),
        ) from None
    if not isinstance(data, dict):
        raise Failure(EXIT_USAGE, Text(f"{path} 应是一个 JSON 对象", f"{path} must hold a JSON object"))
    try:
        meeting = Meeting.from_json_dict(data)
    except MeetingInvalid as exc:
        raise Failure(EXIT_USAGE, exc.text()) from None
    problems = [p for p in meeting.problems() if p.field != "tuUserId" or meeting.tuUserId]
    if problems:
        raise Failure(EXIT_USAGE, MeetingInvalid(problems).text())
    return meeting


def _exit_code(error: GatewayError) -> int:
    if isinstance(error, AuthError):
        return EXIT_AUTH
    if isinstance(error, BusinessError):
        return EXIT_REFUSED
    if isinstance(error, Cancelled):
        return EXIT_CANCELLED
    if type(error) is GatewayError:  # refused locally (file checks)
        return EXIT_USAGE
    return EXIT_NETWORK


def main(argv: list[str] | None = None) -> int:
    language = user_language()
    args: argparse.Namespace | None = None
    code = EXIT_OK
    result: dict[str, Any] = {}
    message: str | None = None
    try:
        args = build_parser().parse_args(argv)
        logging_setup.configure(verbose=args.verbose, console=args.verbose)
        log.info("techmice-cli %s: %s", __version__, args.command)
        result = run(args, language)
    except Failure as exc:
        code, message = exc.code, exc.text.in_language(language)
    except GatewayError as exc:
        log.warning("command failed: %s: %s", type(exc).__name__, exc.detail)
        code, message = _exit_code(exc), exc.user_message(language)
    except KeyboardInterrupt:
        code, message = EXIT_CANCELLED, Text("已取消", "cancelled").in_language(language)
    except Exception:
        log.exception("unexpected error")
        code = EXIT_NETWORK
        message = Text(
            f"内部错误，详情见日志 {logging_setup.log_file()}", f"internal error; details in {logging_setup.log_file()}"
        ).in_language(language)
    finally:
        stop_embedded_sandbox()
    if message is not None:
        print(f"techmice-cli: {message}", file=sys.stderr)
    if args is not None and getattr(args, "json", False):
        print(
            json.dumps(
                {"ok": code == EXIT_OK, "exit": code, **result, **({"error": message} if message else {})},
                ensure_ascii=False,
            )
        )
    elif code == EXIT_OK:
        for key in ("entry", "miceId", "msg", "message"):
            if key in result and (result[key] or key != "msg"):
                print(result[key])
                break
        else:
            if "kind" in result:
                print(Text("导入成功", "imported").in_language(language))
    return code


if __name__ == "__main__":
    sys.exit(main())
