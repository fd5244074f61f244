"""``techmice-sandbox``: run the embedded 会引擎 sandbox gateway on its own.

For planners and trainers (a demo or a class without the real gateway) and for support
staff (``--enable-fault-api`` to break it on purpose). It prints the demo tenant so
anyone can sign in, serves until Ctrl+C or SIGTERM and then stops cleanly.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from desktop_app.gateway import signing
from desktop_app.gateway.profile import is_loopback_host
from desktop_app.sandbox.server import SandboxServer
from desktop_app.sandbox.tenant import DemoTenant, default_employees
from desktop_app.storage import paths

DEFAULT_PORT = 8765
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _employee(value: str) -> tuple[str, str]:
    user_name, _, name = value.partition("=")
    if not user_name.strip():
        raise argparse.ArgumentTypeError(f"expected 员工号=姓名, e.g. 100006=赵六, got {value!r}")
    return user_name.strip(), name.strip()


def build_parser() -> argparse.ArgumentParser:
    demo = DemoTenant()
    parser = argparse.ArgumentParser(
        prog="techmice-sandbox",
        description="会引擎沙箱网关：演示、培训与离线使用 / "
        "The 会引擎 sandbox gateway for demos, training and offline use.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 = any free)")
    parser.add_argument(
        "--allow-remote", action="store_true", help="allow a non-loopback --host (exposes demo credentials)"
    )
    parser.add_argument("--ent-id", default=demo.ent_id, help=f"企业 ID (default {demo.ent_id})")
    parser.add_argument("--client-id", default=demo.client_id, help=f"应用 ID (default {demo.client_id})")
    parser.add_argument("--client-secret", default=demo.client_secret, help="应用密钥 (default: the demo secret)")
    parser.add_argument("--scheme", choices=sorted(signing.SCHEMES), default=demo.scheme, help="signature scheme")
    parser.add_argument(
        "--employee",
        type=_employee,
        action="append",
        default=[],
        metavar="员工号=姓名",
        help="add an employee, e.g. --employee 100006=赵六 (repeatable)",
    )
    parser.add_argument("--in-memory", action="store_true", help="keep no data: nothing survives the stop")
    parser.add_argument("--access-ttl", type=int, default=3600, metavar="S", help="access token lifetime, seconds")
    parser.add_argument("--refresh-ttl", type=int, default=30 * 86400, metavar="S", help="refresh token lifetime")
    parser.add_argument("--import-field", default="file", help="multipart field name of import uploads")
    parser.add_argument("--enable-fault-api", action="store_true", help="enable POST /__sandbox__/faults")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request (DEBUG)")
    return parser


def _print_banner(server: SandboxServer, db_path: Path | None, out: TextIO) -> None:
    tenant = server.tenant
    lines = [
        "会引擎沙箱网关已启动 / 会引擎 sandbox gateway is running",
        "",
        f"  网关地址 Gateway URL    {server.base_url}",
        f"  H5 页面  H5 demo page   {server.base_url}/h5/",
        "",
        "  演示企业 Demo tenant (登录时填写 / enter these to sign in):",
        f"    企业 ID   ent_id         {tenant.ent_id}",
        f"    应用 ID   client_id      {tenant.client_id}",
        f"    应用密钥  client_secret  {tenant.client_secret}",
        f"    签名方式  scheme         {tenant.scheme}",
        "    员工号    user_name      姓名 name",
    ]
    lines += [f"              {user_name:<14} {name}" for user_name, name in tenant.employees.items()]
    lines.append("    （导入员工后，新员工号也可登录 / imported employees can sign in too）")
    lines.append("")
    if db_path is None:
        lines.append("  数据 Data  内存，停止后清空 / in memory, gone when stopped")
    else:
        lines.append(f"  数据 Data  {db_path}")
    if server.enable_fault_api:
        lines.append(f"  故障注入 Fault API  POST {server.base_url}/__sandbox__/faults  (enabled)")
    if server.host in ("0.0.0.0", "::", ""):
        lines.append(f"  注意 Note  监听所有网卡 / listening on all interfaces ({server.host}), --allow-remote")
    lines += ["", "按 Ctrl+C 停止 / Press Ctrl+C to stop."]
    print("\n".join(lines), file=out, flush=True)


def _install_stop_handlers(stop: threading.Event) -> dict[int, Any]:
    if threading.current_thread() is not threading.main_thread():
        return {}

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous: dict[int, Any] = {}
    names = ("SIGINT", "SIGTERM", "SIGBREAK")  # SIGBREAK: Ctrl+Break on Windows
    for signum in (getattr(signal, name) for name in names if hasattr(signal, name)):
        previous[signum] = signal.signal(signum, on_signal)
    return previous


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a legacy console must not crash the banner
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.DEBUG if args.verbose else logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )

    if not is_loopback_host(args.host) and not args.allow_remote:
        print(
            f"拒绝监听 {args.host}：沙箱包含演示账号和密钥，只应在本机（127.0.0.1）访问。"
            "确需从其他电脑访问时请加 --allow-remote。\n"
            f"Refusing to listen on {args.host}: the sandbox serves demo credentials and is meant "
            "for this computer only (127.0.0.1). Add --allow-remote if other machines really must reach it.",
            file=sys.stderr,
        )
        return EXIT_USAGE

    employees = default_employees()
    employees.update(dict(args.employee))
    try:
        tenant = DemoTenant(
            ent_id=args.ent_id,
            client_id=args.client_id,
            client_secret=args.client_secret,
            scheme=args.scheme,
            employees=employees,
        )
        db_path = None if args.in_memory else paths.sandbox_database_path()
        server = SandboxServer(
            db_path=db_path,
            host=args.host,
            port=args.port,
            tenant=tenant,
            access_ttl=args.access_ttl,
            refresh_ttl=args.refresh_ttl,
            import_field=args.import_field,
            enable_fault_api=args.enable_fault_api,
            allow_remote=args.allow_remote,
        )
    except ValueError as exc:
        print(f"参数有误 / invalid option: {exc}", file=sys.stderr)
        return EXIT_USAGE

    stop = threading.Event()
    previous = _install_stop_handlers(stop)
    try:
        try:
            server.start()
        except OSError as exc:
            print(f"无法启动：端口 {args.port} 可能已被占用 / cannot start on port {args.port}: {exc}", file=sys.stderr)
            return EXIT_FAILED
        _print_banner(server, db_path, sys.stdout)
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        print("正在停止… / Stopping…", flush=True)
    finally:
        server.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    print("沙箱已停止 / Sandbox stopped.", flush=True)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
