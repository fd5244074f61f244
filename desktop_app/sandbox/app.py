"""The sandbox's Flask application: routes, envelope error handling and fault hooks.

``create_app`` builds a fresh app per server (several sandboxes can run in one process).
Faults are applied at three points of a request: before the view (latency, code500,
html502), in the token guard (expired_token) and the import view (slow_upload), and on
the finished reply (drop_connection, empty_body, truncated_json), where the view has
already done its work, as when a reply is lost on its way back to the client.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import HTTPException

from desktop_app.sandbox.context import EXTENSION_KEY, SandboxContext, current
from desktop_app.sandbox.control import control, fault_api
from desktop_app.sandbox.h5 import h5
from desktop_app.sandbox.imports import ServerStopping
from desktop_app.sandbox.replies import CODE_ERROR, business_error, envelope
from desktop_app.sandbox.routes import gateway

logger = logging.getLogger("techmice.sandbox")

_PROXY_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
_HTTP_MESSAGES = {
    400: "请求格式有误",
    404: "接口不存在",
    405: "请求方式不被支持",
    413: "文件过大",
}


def create_app(ctx: SandboxContext, *, max_upload_bytes: int) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_upload_bytes
    json_provider = DefaultJSONProvider(app)
    json_provider.ensure_ascii = False  # readable Chinese in replies and logs of replies
    json_provider.sort_keys = False  # the contract's field order
    app.json = json_provider
    app.extensions[EXTENSION_KEY] = ctx

    app.register_blueprint(gateway)
    app.register_blueprint(h5)
    app.register_blueprint(control)
    if ctx.enable_fault_api:
        app.register_blueprint(fault_api)

    app.before_request(_before_view)
    app.after_request(_after_view)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app


def _before_view() -> Response | None:
    g.started = time.monotonic()
    faults = current().faults
    path = request.path
    latency = faults.take("latency", path)
    if latency is not None:
        current().stopping.wait(latency.params["seconds"])
    if faults.take("code500", path) is not None:
        g.fault_replied = True
        return envelope(
            None,
            success=False,
            code=CODE_ERROR,
            msg="服务器内部错误，请稍后重试",
            error="injected fault code500",
        )
    if faults.take("html502", path) is not None:
        g.fault_replied = True
        return Response(_PROXY_502, status=502, mimetype="text/html")
    return None


def _after_view(response: Response) -> Response:
    if not g.get("fault_replied"):
        faults = current().faults
        path = request.path
        if faults.take("drop_connection", path) is not None:
            _drop_connection(response)
        elif faults.take("empty_body", path) is not None:
            _empty_body(response)
        elif faults.take("truncated_json", path) is not None:
            _truncate(response)
    started = g.get("started")
    elapsed = (time.monotonic() - started) * 1000 if started else 0.0
    # Path only: no query string, no headers (they may carry the bearer token).
    logger.debug("%s %s -> %s (%.0f ms)", request.method, request.path, response.status_code, elapsed)
    return response


def _body(response: Response) -> bytes:
    response.direct_passthrough = False  # files (H5 assets) are read into memory here
    return response.get_data()


def _truncate(response: Response) -> None:
    # Cut on a character boundary: the client must see a JSON error, not a UTF-8 one.
    text = _body(response).decode("utf-8", errors="ignore")
    response.set_data(text[: len(text) // 2].encode("utf-8"))


def _empty_body(response: Response) -> None:
    response.set_data(b"")
    response.status_code = 200
    response.mimetype = "application/json"


def _drop_connection(response: Response) -> None:
    """Promise the full body, send half, end the reply.

    waitress closes the connection when an application sends fewer bytes than its
    Content-Length says ("application returned too few bytes"), so the client reads
    the headers and part of the body and then meets the end of the stream: requests
    raises ChunkedEncodingError (urllib3 IncompleteRead), as for a proxy that dies mid-reply.
    """
    body = _body(response)
    prefix = body[: len(body) // 2]
    response.response = [prefix] if prefix else []
    response.headers["Content-Length"] = str(max(len(body), len(prefix) + 1))


def _http_error(exc: HTTPException) -> Response:
    code = exc.code or 500
    return envelope(
        None,
        success=False,
        code=code,
        msg=_HTTP_MESSAGES.get(code, "请求失败"),
        error=f"{code} {exc.name}",
        status=code,
    )


def _unexpected_error(exc: Exception) -> Response:
    if isinstance(exc, ServerStopping):
        return business_error("沙箱正在停止，请稍后重试", "sandbox stopping")
    logger.exception("unexpected error in %s %s", request.method, request.path)
    # The gateway answers exceptions as HTTP 200 with code 500 (全局码 500 调用发生异常).
    return business_error("服务器内部错误，请稍后重试", f"{type(exc).__name__}: {exc}")
