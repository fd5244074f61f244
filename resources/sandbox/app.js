// The H5 demo page of the TechMICE sandbox gateway.
// It never handles a token: the desktop web view adds the Authorization header to every
// request to this origin, so a plain same-origin fetch is authorised (contract-notes §7).
"use strict";

class SignedOut extends Error {}

const $ = (selector) => document.querySelector(selector);

function setStatus(state) {
  const status = $("#status");
  status.dataset.state = state;
  status.textContent = state;
}

async function api(path) {
  const response = await fetch(path, {
    headers: { Accept: "application/json" },
    cache: "no-store",
    credentials: "same-origin",
  });
  if (response.status === 401) {
    throw new SignedOut();
  }
  let body;
  try {
    body = await response.json();
  } catch (error) {
    throw new Error(`HTTP ${response.status}: 无法解析的回复 / unreadable reply`);
  }
  if (body.code === 401) {
    throw new SignedOut();
  }
  if (!body.success) {
    throw new Error(body.msg || body.error || `HTTP ${response.status}`);
  }
  return body.content;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function renderUser(me) {
  $("#user-name").textContent = me.name;
  $("#user-employee").textContent = me.user_name;
  $("#user-ent").textContent = me.ent_id;
  $("#user-id").textContent = me.userId;
  $("#user").hidden = false;
}

function renderMeetings(meetings) {
  const list = $("#meetings");
  list.replaceChildren();
  for (const meeting of meetings) {
    const item = element("li", "meeting");
    item.dataset.miceId = meeting.miceId;
    item.append(element("div", "meeting-name", meeting.name));
    const meta = element("div", "meeting-meta");
    meta.append(
      element("span", "meeting-dates", `${meeting.dtStart} → ${meeting.dtEnd}`),
      element("span", "meeting-city", `${meeting.province} · ${meeting.city}`),
      element("span", "meeting-type", meeting.type),
      element("span", "meeting-attenders", `内部 ${meeting.qtyAttenderInt} / 外部 ${meeting.qtyAttenderExt} 人`),
    );
    item.append(meta, element("div", "meeting-id mono", `miceId ${meeting.miceId}`));
    list.append(item);
  }
  $("#meeting-count").textContent = meetings.length;
  $("#meetings-empty").hidden = meetings.length > 0;
  $("#meetings-card").hidden = false;
}

function renderImports(imports) {
  const body = $("#imports");
  body.replaceChildren();
  for (const record of imports) {
    const row = element("tr", "import");
    row.dataset.importId = record.id;
    row.dataset.kind = record.kind;
    row.append(
      element("td", "import-kind", `${record.kind_name_zh} ${record.kind_name_en}`),
      element("td", "import-file file", record.filename),
      element("td", "import-rows num", record.rows === null ? "—" : record.rows),
      element("td", "num", formatSize(record.size)),
      element("td", "", record.user_name),
      element("td", "", new Date(record.created_at * 1000).toLocaleString("zh-CN", { hour12: false })),
    );
    body.append(row);
  }
  $("#import-count").textContent = imports.length;
  $("#imports-empty").hidden = imports.length > 0;
  $("#imports-card").hidden = false;
}

function showOnly(...ids) {
  for (const id of ["signed-out", "error", "user", "meetings-card", "imports-card"]) {
    document.getElementById(id).hidden = !ids.includes(id);
  }
}

async function load() {
  setStatus("loading");
  try {
    const me = await api("/h5/api/me");
    const [meetings, imports] = await Promise.all([api("/h5/api/meetings"), api("/h5/api/imports")]);
    showOnly();
    renderUser(me);
    renderMeetings(meetings);
    renderImports(imports);
    document.body.dataset.auth = "signed-in";
    setStatus("ready");
  } catch (error) {
    if (error instanceof SignedOut) {
      showOnly("signed-out");
      document.body.dataset.auth = "signed-out";
      setStatus("ready");
      return;
    }
    showOnly("error");
    $("#error-text").textContent = error.message;
    setStatus("error");
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("#refresh").addEventListener("click", load);
  load();
});
