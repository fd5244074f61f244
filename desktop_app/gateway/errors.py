"""Every way a gateway call can fail, as one small hierarchy.

Each error carries a short message for the planner in Chinese and English (``text``) and a
developer ``detail`` that goes to the log only. The UI and the CLI show ``text``; nobody
shows a traceback.
"""

from __future__ import annotations

from desktop_app.logging_setup import redact
from desktop_app.text import Text


class GatewayError(Exception):
    """Base class; ``text`` is for people, ``detail`` for the log."""

    def __init__(self, text: Text, detail: str = "") -> None:
        # Details end up in logs, tooltips and "Details" panels; they quote server replies, which
        # on the token call carry tokens. Redacted once, here, so no caller can forget.
        detail = redact(detail)
        super().__init__(detail or text.en)
        self.text = text
        self.detail = detail

    def user_message(self, language: str = "zh") -> str:
        return self.text.in_language(language)


class BusinessError(GatewayError):
    """The gateway answered ``success: false``: it understood and refused."""

    def __init__(self, *, code: int | None, msg: str, error: str = "", http_status: int = 200) -> None:
        shown = msg.strip() or error.strip() or f"code {code}"
        text = Text(f"会引擎拒绝了请求：{shown}", f"The gateway refused: {shown}")
        super().__init__(text, f"business error code={code} http={http_status} msg={msg!r} error={error!r}")
        self.code = code
        self.msg = msg
        self.error = error


class AuthError(GatewayError):
    """HTTP 401 or envelope code 401: the token is missing, bad or expired, or sign-in failed."""

    def __init__(self, detail: str = "", *, text: Text | None = None) -> None:
        super().__init__(
            text or Text("登录已失效，请重新登录。", "Your session has expired. Please sign in again."),
            detail,
        )


class SignInRefused(AuthError):
    """The token call itself was refused (wrong secret, unknown employee, bad signature)."""

    def __init__(self, msg: str, detail: str = "") -> None:
        shown = msg.strip() or "—"
        super().__init__(detail, text=Text(f"登录失败：{shown}", f"Sign-in failed: {shown}"))
        self.msg = msg


class ProtocolError(GatewayError):
    """A reply that breaks the contract: HTML, empty body, truncated JSON, missing fields."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            Text(
                "会引擎返回了无法识别的应答，请稍后重试或联系支持。",
                "The gateway sent a reply the app cannot understand. Try again later or contact support.",
            ),
            detail,
        )


class TransportError(GatewayError):
    """The request did not complete: DNS, refused, reset, timeout, TLS."""

    def __init__(self, text: Text, detail: str) -> None:
        super().__init__(text, detail)


class Cancelled(GatewayError):
    """The planner cancelled the operation (an upload, usually)."""

    def __init__(self, detail: str = "cancelled") -> None:
        super().__init__(Text("已取消。", "Cancelled."), detail)


NETWORK_DOWN = Text("无法连接会引擎，请检查网络。", "Cannot reach the gateway. Check the network connection.")
TIMED_OUT = Text("会引擎响应超时，请稍后重试。", "The gateway did not answer in time. Try again later.")
CONNECTION_LOST = Text(
    "与会引擎的连接中断，结果未知，请稍后核对。",
    "The connection to the gateway broke off; the outcome is unknown. Please check before retrying.",
)
TLS_FAILED = Text(
    "无法验证会引擎的安全证书，连接已中止。",
    "The gateway's security certificate could not be verified; the connection was stopped.",
)
