"""The page the app view shows when the H5 app cannot be loaded. No Qt here.

Chromium's own error page is English-only and offers nothing to click, so ``AppView`` turns it
off and shows this one instead, with texts it translated through ``self.tr()`` and a Retry
link. Everything inserted is HTML-escaped: the error text comes from the network stack and the
URL from the gateway. The page has no script; Retry is a plain link back to the failed URL,
which the page's navigation policy lets through because that URL is an allowed origin.
"""

from __future__ import annotations

from html import escape

ERROR_PAGE_ID = "techmice-load-error"
RETRY_LINK_ID = "techmice-retry"

_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<style>
  body {{ font-family: system-ui, "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
         sans-serif; margin: 0; display: flex; min-height: 100vh; align-items: center;
         justify-content: center; }}
  main {{ max-width: 34em; padding: 2em; text-align: center; }}
  h1 {{ font-size: 1.4em; font-weight: 600; }}
  p {{ line-height: 1.6; }}
  .detail {{ color: GrayText; font-size: .85em; word-break: break-all; }}
  a.button {{ display: inline-block; margin-top: 1em; padding: .5em 1.6em; border-radius: 4px;
             background: #1677ff; color: #fff; text-decoration: none; }}
</style>
</head>
<body>
<main id="{page_id}">
  <h1>{title}</h1>
  <p>{message}</p>
  <p class="detail">{detail}</p>
  <a id="{retry_id}" class="button" href="{retry_url}">{retry_label}</a>
</main>
</body>
</html>
"""


def render_error_page(
    *,
    title: str,
    message: str,
    detail: str,
    retry_label: str,
    retry_url: str,
    lang: str = "zh-CN",
) -> str:
    """HTML for the load-error page; every argument is plain text and gets escaped.

    ``retry_url`` must be an http(s) URL: anything else (``javascript:``, ``data:``) is
    replaced by ``about:blank`` so a crafted URL can never become script in the link.
    """
    if not retry_url.lower().startswith(("https://", "http://")):
        retry_url = "about:blank"
    return _TEMPLATE.format(
        lang=escape(lang),
        title=escape(title),
        message=escape(message),
        detail=escape(detail),
        retry_label=escape(retry_label),
        retry_url=escape(retry_url, quote=True),
        page_id=ERROR_PAGE_ID,
        retry_id=RETRY_LINK_ID,
    )
