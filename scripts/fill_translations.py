"""Refresh the Simplified Chinese catalogue: lupdate, fill from the table below, lrelease.

    uv run python scripts/fill_translations.py            # update .ts, fill, compile .qm
    uv run python scripts/fill_translations.py --check    # exit 1 if a message lacks Chinese

Widgets carry English source strings (``self.tr``). When strings change, run this again: new
strings are listed as missing until they get a line in ``ZH`` (or, where one English word means
different things in different places, in ``ZH_BY_CONTEXT``). Translations that lupdate marks
obsolete are dropped, so the catalogue holds exactly what the code asks for.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "techmice_zh_CN.ts"
QM = TS.with_suffix(".qm")
SOURCES = ("desktop_app/ui/*.py", "desktop_app/web/*.py", "desktop_app/app.py")

# English source text -> Simplified Chinese. Placeholders in braces stay as they are.
ZH: dict[str, str] = {
    # -- app --
    "TechMICE Desktop": "TechMICE 桌面版",
    "Something unexpected went wrong. Your work is kept where possible. "
    "If it happens again, send the log file to support:\n{log}": (
        "发生了意外错误。已尽可能保留您的工作。如果再次出现，请将日志文件发送给技术支持：\n{log}"
    ),
    # -- environments --
    "Local sandbox": "本地沙箱",
    "Test": "测试环境",
    "Production": "正式环境",
    # -- login dialog --
    "Sign in to 会引擎": "登录会引擎",
    "Add environment…": "添加环境…",
    "Edit this environment…": "编辑此环境…",
    "Remove this environment": "删除此环境",
    "Environments…": "环境…",
    "Add or edit environments": "添加或编辑环境",
    "Your employee number": "您的员工号",
    "Show": "显示",
    "Hide": "隐藏",
    "Environment": "环境",
    "Enterprise ID (ent_id)": "企业编号 (ent_id)",
    "Employee no. (员工号)": "员工号",
    "Client ID": "应用 ID",
    "Client secret": "应用密钥",
    "The local sandbox is a practice gateway on this computer. Sign in with its demo tenant: "
    "enterprise {ent_id}, client {client_id}, secret {secret}, employee no. {users}.": (
        "本地沙箱是运行在本机上的练习网关。请使用演示租户登录：企业编号 {ent_id}，应用 ID {client_id}，"
        "应用密钥 {secret}，员工号 {users}。"
    ),
    "Fill demo values": "填入演示值",
    "Remember me on this computer": "在此电脑上记住我",
    "Your client secret is kept in the system keychain, never in a file.": "应用密钥保存在系统凭据库中，绝不写入文件。",
    "No system keychain found: nothing will be remembered.": "未找到系统凭据库：不会记住任何登录信息。",
    "Details": "详细信息",
    "Signing in…": "正在登录…",
    "Sign in": "登录",
    "Cancel": "取消",
    "Something went wrong while signing in. The details below help support.": (
        "登录时出错。下方的详细信息可帮助技术支持排查。"
    ),
    "Enterprise ID": "企业编号",
    "Employee no.": "员工号",
    "Please fill in: {fields}.": "请填写：{fields}。",
    "This environment has no usable gateway address yet. Enter it with “Environments…” → “Edit this environment…”.": (
        "此环境还没有可用的网关地址。请通过“环境…”→“编辑此环境…”填写。"
    ),
    "Sign-in cancelled.": "已取消登录。",
    # -- environment editor --
    "Edit environment": "编辑环境",
    "Add environment": "添加环境",
    "Gateway address": "网关地址",
    "Signature scheme": "签名方式",
    "Import field name": "导入文件字段名",
    "Allowed host suffixes": "允许的主机后缀",
    "Give the environment a name.": "请为环境命名。",
    "This environment cannot be used yet:": "此环境暂时无法使用：",
    # -- main window --
    "Meetings": "会议",
    "Imports": "导入",
    "会引擎 App": "会引擎应用",
    "Sign in…": "登录…",
    "Your remembered sign-in could not be used. Please sign in again.": "无法使用已记住的登录信息，请重新登录。",
    "&File": "文件(&F)",
    "Switch environment…": "切换环境…",
    "Sign out": "退出登录",
    "Quit": "退出",
    "&View": "视图(&V)",
    "Reload app": "重新加载应用",
    "&Language": "语言(&L)",
    "Follow system": "跟随系统",
    "&Help": "帮助(&H)",
    "Open log folder": "打开日志文件夹",
    "About TechMICE Desktop": "关于 TechMICE 桌面版",
    "Your session has expired. Sign in again to continue: your work is kept.": (
        "登录已过期。请重新登录以继续：您的工作已保留。"
    ),
    "Environment: {name}": "环境：{name}",
    "TechMICE Desktop — {environment}": "TechMICE 桌面版 — {environment}",
    "Environment: —": "环境：—",
    "Not signed in": "未登录",
    "{user}: sign-in needed": "{user}：需要重新登录",
    "Signed in as {user}": "已登录：{user}",
    "● Online": "● 在线",
    "● Offline": "● 离线",
    "Pending: {count}": "待发送：{count}",
    "Meetings and files waiting to be sent to the gateway": "等待发送到会引擎的会议和文件",
    "Language": "语言",
    "The new language applies the next time TechMICE Desktop starts.": "新语言将在下次启动 TechMICE 桌面版时生效。",
    "<h3>TechMICE Desktop {version}</h3>"
    "<p>The planner's desktop for the 会引擎 (Meeting Engine) gateway: meetings, imports "
    "and the 会引擎 app in one window.</p>"
    "<p>Data folder: {data}<br>Log file: {log}</p>": (
        "<h3>TechMICE 桌面版 {version}</h3>"
        "<p>会议策划人员使用会引擎网关的桌面工具：会议、导入和会引擎应用集中在一个窗口中。</p>"
        "<p>数据文件夹：{data}<br>日志文件：{log}</p>"
    ),
    # -- app page --
    "Open app": "打开应用",
    "Retry": "重试",
    "The app could not be opened.": "无法打开应用。",
    "The gateway sent an app address this app does not trust, so it was not opened.": (
        "会引擎返回的应用地址不受信任，因此未打开。"
    ),
    "The app view could not be started.": "无法启动应用视图。",
    "The 会引擎 H5 app opens here, already signed in as you.": "会引擎 H5 应用将在此打开，并已使用您的身份登录。",
    "Sign in to open the 会引擎 app.": "登录后即可打开会引擎应用。",
    "Opening the 会引擎 app…": "正在打开会引擎应用…",
    "The 会引擎 app could not be opened.": "无法打开会引擎应用。",
    # -- app view (web) --
    "Back": "后退",
    "Reload": "重新加载",
    "Open in browser": "在浏览器中打开",
    "Open this page in your web browser": "在您的网页浏览器中打开此页",
    "The page stopped unexpectedly.": "页面意外停止。",
    "Opened in your web browser: {host}": "已在浏览器中打开：{host}",
    "Downloads are not available in the app view. Use “Open in browser” to download.": (
        "应用视图中无法下载。请使用“在浏览器中打开”进行下载。"
    ),
    "The server's security certificate is not valid, so the connection was stopped to protect your account.": (
        "服务器的安全证书无效，为保护您的账号，连接已中止。"
    ),
    "The server's address could not be found. Check your network connection.": "找不到服务器地址，请检查网络连接。",
    "The 会引擎 app could not be reached. Check your network connection and retry.": (
        "无法连接会引擎应用，请检查网络连接后重试。"
    ),
    "Cannot open the page": "无法打开页面",
    "en": "zh-CN",
    # -- drop zone --
    "Drop employee, restaurant, hospital, car fleet or hotel lists here": (
        "将员工、餐厅、医院、车队或酒店名单拖放到这里"
    ),
    "Excel or CSV files (.xlsx .xls .csv), several at once, or choose them:": (
        "Excel 或 CSV 文件（.xlsx .xls .csv），可一次拖放多个，或点击选择："
    ),
    "Browse…": "浏览…",
    "Choose lists to import": "选择要导入的名单",
    "Lists (*.xlsx *.xls *.csv)": "名单文件 (*.xlsx *.xls *.csv)",
    "All files (*)": "所有文件 (*)",
    # -- imports page --
    "It is already in the queue.": "该文件已在队列中。",
    "Choose the kind…": "选择类型…",
    "Choose what this list is, then Upload": "请选择名单类型，然后点击上传",
    "Waiting for sign-in": "等待登录",
    "Ready to upload": "可以上传",
    "Already imported on {when}; uploading again imports it twice": "已于 {when} 导入过；再次上传将重复导入",
    "Cancelling…": "正在取消…",
    "Sent; waiting for the gateway's answer…": "已发送，正在等待会引擎应答…",
    "Uploading…": "正在上传…",
    "Imported: {msg}": "已导入：{msg}",
    "Imported": "已导入",
    "Cancelled": "已取消",
    "Failed": "失败",
    "Details: {detail}": "详细信息：{detail}",
    "{sent} / {total}": "{sent} / {total}",
    "{sent} / {total} · {speed}/s": "{sent} / {total} · {speed}/秒",
    "{size} in under a second": "{size}，用时不到 1 秒",
    "{size} in {seconds} s": "{size}，用时 {seconds} 秒",
    "Stopped at {sent} / {total}": "停止于 {sent} / {total}",
    "What this list is; it decides where the gateway imports it": "名单类型决定会引擎将其导入到何处",
    "The whole file has reached the gateway; it can no longer be cancelled": "文件已全部送达会引擎，无法再取消",
    "Remove": "移除",
    "Take this file off the list; the file itself is left alone": "从列表中移除此文件（不会删除文件本身）",
    "Uploading, {done} of {total} finished": "正在上传，已完成 {done}/{total}",
    "Ready to upload: {count}": "可以上传：{count} 个",
    "Choose a kind for: {count}": "需选择类型：{count} 个",
    "No files yet": "还没有文件",
    "Not added, nothing was uploaded for these files:": "以下文件未添加，也未上传：",
    "Select a file in the queue to see its first rows.": "在队列中选择一个文件以预览前几行。",
    "Reading {name}…": "正在读取 {name}…",
    "{name} has no rows.": "{name} 没有数据行。",
    "{name}: the first {count} rows": "{name}：前 {count} 行",
    "{name}: all {count} rows": "{name}：全部 {count} 行",
    "Done": "已完成",
    "Running": "进行中",
    "Files to import": "待导入文件",
    "Clear finished": "清除已结束",
    "Remove imported, failed and cancelled files from the list": "从列表中移除已导入、失败和已取消的文件",
    "Upload": "上传",
    "Upload the waiting files one after another": "依次上传等待中的文件",
    "Dismiss": "关闭",
    "File": "文件",
    "Kind": "类型",
    "Size": "大小",
    "Progress": "进度",
    "Status": "状态",
    "Time": "时间",
    "State": "状态",
    "Message": "消息",
    "Preview": "预览",
    "History": "历史记录",
    # -- meeting form --
    "e.g. 2025 sales kick-off": "例如：2025 年销售启动会",
    "e.g. Training, Conference": "例如：培训、年会",
    "Basics": "基本信息",
    "Name": "名称",
    "Type": "类型",
    "Organizer": "办会人",
    "Meeting ID": "会议 ID",
    "Where": "地点",
    "Country": "国家",
    "Region": "地区",
    "When": "时间",
    "Start": "开始",
    "End": "结束",
    "Attendees": "参会人数",
    "Internal": "内部",
    "External": "外部",
    "Agenda, venue notes, anything the team should know": "议程、场地说明，以及团队需要了解的其他事项",
    "Description": "备注",
    "Sign in to set the organizer": "登录后设置办会人",
    "{user} (you)": "{user}（您）",
    "User ID: {id}": "用户 ID：{id}",
    "not yet saved": "尚未保存",
    "Set time": "设置时间",
    # -- meetings page --
    "New meeting": "新建会议",
    "Save": "保存",
    "Dates": "日期",
    "City": "城市",
    "Delete draft": "删除草稿",
    "My meetings": "我的会议",
    "Start a new meeting (Ctrl+N)": "新建会议 (Ctrl+N)",
    "No meetings yet.\n\nFill in the form: a draft is kept here as you type, and Save sends it.": (
        "还没有会议。\n\n填写表单时会自动保存草稿，点击“保存”即发送到会引擎。"
    ),
    "Push again anyway": "仍然再次推送",
    "Only if the meeting is not in the 会引擎 app: pushing again may create it twice.": (
        "仅当会引擎应用中没有此会议时才这样做：再次推送可能会重复创建。"
    ),
    "Keep as draft": "保留为草稿",
    "Delete the draft “{name}”?": "删除草稿“{name}”？",
    "It has not been sent to the gateway; deleting it cannot be undone.": "该草稿尚未发送到会引擎，删除后无法恢复。",
    "The draft could not be stored on this computer.": "无法在此电脑上保存草稿。",
    "Sending to the gateway…": "正在发送到会引擎…",
    "Saved. Meeting ID: {mice_id}": "已保存。会议 ID：{mice_id}",
    "Not saved. The meeting is kept here as a draft.": "未保存。会议已作为草稿保留在这里。",
    "Saved offline; will be sent when the gateway is reachable.": "已离线保存；会引擎可访问时将自动发送。",
    "This meeting is already being sent.": "此会议正在发送中。",
    "The meeting could not be saved. What you typed is kept.": "无法保存会议。您输入的内容已保留。",
    "Sent. Meeting ID: {mice_id}": "已发送。会议 ID：{mice_id}",
    "Kept as a draft. Check the 会引擎 app before saving it again.": "已保留为草稿。再次保存前请先在会引擎应用中核对。",
    "Your session has expired. Sign in again; the meeting is kept and will be sent afterwards.": (
        "登录已过期。请重新登录；会议已保留，登录后将自动发送。"
    ),
    "New": "新建",
    "Draft": "草稿",
    "Queued": "待发送",
    "Sending": "发送中",
    "Saved": "已保存",
    "Outcome unknown": "结果未知",
    "Meeting ID: {id}": "会议 ID：{id}",
    "Untitled meeting": "未命名会议",
    "Delete this draft (Delete in the list)": "删除此草稿（在列表中按 Delete 键）",
    "Only drafts that were never saved to the gateway can be deleted.": "只能删除从未保存到会引擎的草稿。",
    "Sign in to save meetings.": "登录后才能保存会议。",
    "Cannot save yet: {problems}": "暂时无法保存：{problems}",
    "Decide above whether to push this meeting again.": "请在上方决定是否再次推送此会议。",
    "Sending…": "正在发送…",
    "Save and send to the gateway (Ctrl+S)": "保存并发送到会引擎 (Ctrl+S)",
    # -- region picker --
    "State or province": "省/州",
    "Province": "省份",
}

# Where one English text needs different Chinese in one context: (context, source) -> text.
ZH_BY_CONTEXT: dict[tuple[str, str], str] = {
    ("MeetingList", "Name"): "会议名称",
}


def run_tool(name: str, *args: str) -> None:
    tool = shutil.which(name)
    if tool is None:
        sys.exit(f"{name} not found: run this script with `uv run`")
    subprocess.run([tool, *args], cwd=ROOT, check=True)


def update_catalogue() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for pattern in SOURCES for p in ROOT.glob(pattern))
    run_tool("pyside6-lupdate", *sources, "-ts", str(TS), "-no-obsolete")


def fill() -> list[tuple[str, str]]:
    """Write Chinese into every message; return the (context, source) pairs left without."""
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            text = ZH_BY_CONTEXT.get((name, source), ZH.get(source))
            if text is None:
                missing.append((name, source))
                translation.set("type", "unfinished")
                continue
            translation.text = text
            translation.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report messages without Chinese")
    args = parser.parse_args()
    if not args.check:
        update_catalogue()
        missing = fill()
        run_tool("pyside6-lrelease", str(TS), "-qm", str(QM))
    else:
        tree = ET.parse(TS)
        missing = [
            (context.findtext("name", ""), message.findtext("source", ""))
            for context in tree.getroot().iter("context")
            for message in context.iter("message")
            if (message.find("translation") is None or message.find("translation").get("type") == "unfinished")
        ]
    for context, source in missing:
        print(f"missing: [{context}] {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
