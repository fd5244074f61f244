"""Which URLs the app view loads and which requests carry the planner's token (no Qt)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app.web.error_page import ERROR_PAGE_ID, RETRY_LINK_ID, render_error_page
from desktop_app.web.origins import (
    AllowedOrigins,
    OriginError,
    is_loopback_host,
    origin_of,
    redact_url,
    should_add_auth,
)

GATEWAY = "https://gateway.smarteventcloud.cn"
SANDBOX = "http://127.0.0.1:8765"
ALLOWED = AllowedOrigins(
    origins=frozenset({GATEWAY, "https://h5.partner.example", SANDBOX}),
    host_suffixes=(".smarteventcloud.cn",),
)


# -- origin_of -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://gateway.smarteventcloud.cn/app/#/home?x=1", "https://gateway.smarteventcloud.cn"),
        ("HTTPS://GateWay.SmartEventCloud.CN/", "https://gateway.smarteventcloud.cn"),
        ("https://gateway.smarteventcloud.cn:443/", "https://gateway.smarteventcloud.cn"),
        ("http://127.0.0.1:80/", "http://127.0.0.1"),
        ("https://a.example:8443", "https://a.example:8443"),
        ("https://a.example:/path", "https://a.example"),  # empty port means the default
        ("https://a.example:0443/", "https://a.example"),
        ("http://a.example:443/", "http://a.example:443"),  # 443 is only https's default
        ("https://gateway.smarteventcloud.cn./x", "https://gateway.smarteventcloud.cn"),
        ("https://user:pw@a.example/", "https://a.example"),  # user info is not origin
        ("https://gateway@evil.example/", "https://evil.example"),
        ("https://gateway.smarteventcloud.cn:443@evil.example/", "https://evil.example"),
        ("https://a.example?@evil.example", "https://a.example"),
        ("https://a.example#@evil.example", "https://a.example"),
        ("https://bücher.example/", "https://xn--bcher-kva.example"),
        ("https://xn--bcher-kva.example/", "https://xn--bcher-kva.example"),
        ("https://例子.测试/", "https://xn--fsqu00a.xn--0zwm56d"),
        ("https://a。smarteventcloud。cn/", "https://a.smarteventcloud.cn"),  # ideographic dots
        ("https://127.0.0.1:8765/x", "https://127.0.0.1:8765"),
        ("http://[::1]:8765/", "http://[::1]:8765"),
        ("http://[0:0:0:0:0:0:0:1]/", "http://[::1]"),
        ("https://[2001:DB8::1]:443/", "https://[2001:db8::1]"),
        ("https://under_score.example/", "https://under_score.example"),
    ],
)
def test_origin_of_normalises(url: str, origin: str) -> None:
    assert origin_of(url) == origin


@pytest.mark.parametrize(
    "url",
    [
        "",
        "/relative/path",
        "//gateway.smarteventcloud.cn/",  # scheme-relative
        "gateway.smarteventcloud.cn",
        "file:///etc/passwd",
        "file://gateway.smarteventcloud.cn/etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "about:blank",
        "blob:https://gateway.smarteventcloud.cn/0b7c",
        "ftp://gateway.smarteventcloud.cn/",
        "wss://gateway.smarteventcloud.cn/",
        "mailto:planner@example.com",
        "https:gateway.smarteventcloud.cn",  # no authority
        "https:///gateway.smarteventcloud.cn",
        "https://",
        "https://:443/",
        "https://user@/",
        "https://a.example:99999/",
        "https://a.example:0/",
        "https://a.example:-1/",
        "https://a.example:+443/",
        "https://a.example:44 3/",
        "https://a.example:443:443/",
        "https://a..example/",
        "https://.a.example/",
        "https://a.example../",
        "https://-a.example/",
        "https://a-.example/",
        "https://%65vil.example/",
        "https://evil.example%2f.smarteventcloud.cn/",
        "https://evil.example;.smarteventcloud.cn/",
        "https://evil.example\\.smarteventcloud.cn/",
        "https://evil.example\\@gateway.smarteventcloud.cn/",  # Chromium: host is evil.example
        "https://gateway.smarteventcloud.cn\t/",
        "https://gate\nway.smarteventcloud.cn/",
        " https://gateway.smarteventcloud.cn/",
        "https://gateway.smarteventcloud.cn /",
        "https://gateway.smarteventcloud.cn\x00.evil.example/",
        "https://" + "a" * 64 + ".example/",  # label too long
        "https://127.1/",  # browsers read these as 127.0.0.1; we refuse the ambiguity
        "https://0x7f.0.0.1/",
        "https://0177.0.0.1/",
        "https://2130706433/",
        "https://127.0.0.01/",
        "https://256.0.0.1/",
        "https://a.example.0x/",
        "https://[::1/",
        "https://[::1]x/",
        "https://[fe80::1%25eth0]/",  # zone ids
        "https://[not-ipv6]/",
        "https://[127.0.0.1]/",
    ],
)
def test_origin_of_refuses_what_has_no_single_origin(url: str) -> None:
    with pytest.raises(OriginError):
        origin_of(url)


def test_origin_error_is_a_value_error() -> None:
    assert issubclass(OriginError, ValueError)


# -- AllowedOrigins.allows and should_add_auth ------------------------------------------------

ALLOWED_URLS = [
    "https://gateway.smarteventcloud.cn/api/foundation/application/getentry",
    "HTTPS://GATEWAY.SMARTEVENTCLOUD.CN/",
    "https://gateway.smarteventcloud.cn:443/x",
    "https://gateway.smarteventcloud.cn./x",
    "https://h5.partner.example/app?lang=zh#/meeting/1",
    "https://a.smarteventcloud.cn/",  # via the suffix
    "https://deep.er.smarteventcloud.cn/",
    "https://a.smarteventcloud.cn:8443/",  # suffix matching is per host, any port
    "https://A.SmartEventCloud.CN./",
    "https://a。smarteventcloud。cn/",
    "http://127.0.0.1:8765/h5/index.html",  # the sandbox: exact http origin on loopback
]

REFUSED_URLS = [
    # the suffix only on a label boundary, never the bare domain, never http
    "https://evilsmarteventcloud.cn/",
    "https://smarteventcloud.cn/",
    "https://smarteventcloud.cn.evil.example/",
    "https://a.smarteventcloud.cn.evil.example/",
    "https://a.smarteventcloud.cnn/",
    "http://a.smarteventcloud.cn/",
    "http://gateway.smarteventcloud.cn/",  # exact host, wrong scheme
    "ws://gateway.smarteventcloud.cn/",
    "wss://gateway.smarteventcloud.cn/",
    # same host, other port = other origin (hosts under the suffix match on any port)
    "https://h5.partner.example:444/",
    "http://127.0.0.1:8766/",
    "http://127.0.0.1/",
    "https://127.0.0.1:8765/",  # other scheme is other origin
    "http://localhost:8765/",  # same machine, but a different origin
    "http://[::1]:8765/",
    # user info tricks
    "https://gateway.smarteventcloud.cn@evil.example/",
    "https://gateway.smarteventcloud.cn:443@evil.example/",
    "https://user:pw@gateway.smarteventcloud.cn/",  # even when the host is right
    "https://a@a.smarteventcloud.cn/",
    "http://x@127.0.0.1:8765/",
    # parser differentials and junk
    "https://evil.example\\@gateway.smarteventcloud.cn/",
    "https://evil.example\\.smarteventcloud.cn/",
    "https://evil.example%2f.smarteventcloud.cn/",
    "https://evil.example%2e.smarteventcloud.cn/",
    "https://gateway.smarteventcloud.cn%2f@evil.example/",
    "https://gateway.smarteventcloud.cn\t/",
    "https://1.2.3.4/",
    "https://2130706433/",
    # other schemes
    "file:///C:/Users/planner/secret.xlsx",
    "data:text/html;base64,PHNjcmlwdD4=",
    "javascript:fetch('https://gateway.smarteventcloud.cn')",
    "about:blank",
    "blob:https://gateway.smarteventcloud.cn/uuid",
    "",
    "not a url",
]


@pytest.mark.parametrize("url", ALLOWED_URLS)
def test_allows_listed_origins_and_suffix_hosts(url: str) -> None:
    assert ALLOWED.allows(url)
    assert should_add_auth(url, ALLOWED)


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_refuses_everything_else(url: str) -> None:
    assert not ALLOWED.allows(url)
    assert not should_add_auth(url, ALLOWED)


def test_nothing_is_allowed_by_an_empty_policy() -> None:
    assert not AllowedOrigins().allows("https://gateway.smarteventcloud.cn/")


def test_http_on_loopback_needs_the_exact_origin() -> None:
    allowed = AllowedOrigins(frozenset({"http://localhost:9000", "http://[::1]:9000"}))
    assert allowed.allows("http://localhost:9000/")
    assert allowed.allows("http://LOCALHOST.:9000/")
    assert allowed.allows("http://[::1]:9000/x")
    assert not allowed.allows("http://localhost:9001/")
    assert not allowed.allows("http://127.0.0.1:9000/")


def test_suffixes_are_for_domain_names_not_ip_literals() -> None:
    with pytest.raises(ValueError):
        AllowedOrigins(host_suffixes=(".0.0.1",))
    assert not ALLOWED.allows("https://10.0.0.1/")


def test_policy_is_normalised_on_construction() -> None:
    allowed = AllowedOrigins(
        origins=frozenset({"HTTPS://Gateway.SmartEventCloud.CN:443/some/path?q=1", "http://127.0.0.1:80"}),
        host_suffixes=("SmartEventCloud.CN", ".smarteventcloud.cn.", " .partner.example "),
    )
    assert allowed.origins == frozenset({"https://gateway.smarteventcloud.cn", "http://127.0.0.1"})
    assert allowed.host_suffixes == (".smarteventcloud.cn", ".partner.example")


def test_from_urls_takes_the_origins_of_full_urls() -> None:
    allowed = AllowedOrigins.from_urls(
        ["https://gateway.smarteventcloud.cn/api/", "https://h5.example/entry?ticket=abc"],
        host_suffixes=[".smarteventcloud.cn"],
    )
    assert allowed.origins == frozenset({"https://gateway.smarteventcloud.cn", "https://h5.example"})
    assert allowed.host_suffixes == (".smarteventcloud.cn",)


def test_allowed_origins_is_frozen_and_hashable() -> None:
    with pytest.raises(AttributeError):
        ALLOWED.origins = frozenset()  # type: ignore[misc]
    assert hash(ALLOWED) == hash(AllowedOrigins(frozenset(ALLOWED.origins), tuple(ALLOWED.host_suffixes)))


@pytest.mark.parametrize(
    "origin",
    [
        "http://gateway.smarteventcloud.cn",  # http only on loopback
        "http://10.0.0.5:8080",
        "https://user@gateway.smarteventcloud.cn",
        "file:///tmp",
        "gateway.smarteventcloud.cn",
        "https://127.1",
    ],
)
def test_bad_origins_fail_at_configuration_time(origin: str) -> None:
    with pytest.raises(ValueError):
        AllowedOrigins(origins=frozenset({origin}))


@pytest.mark.parametrize("suffix", [".cn", "cn", ".com.", ".", "", ".127.0.0.1", ".a..b.cn", ".evil%2e.cn"])
def test_too_broad_or_bad_suffixes_fail_at_configuration_time(suffix: str) -> None:
    with pytest.raises(ValueError):
        AllowedOrigins(host_suffixes=(suffix,))


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("LOCALHOST.", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("[::1]", True),
        ("::1", True),
        ("10.0.0.1", False),
        ("localhost.evil.example", False),
        ("127.0.0.1.evil.example", False),
        ("[::2]", False),
    ],
)
def test_is_loopback_host(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


# -- redact_url -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "redacted"),
    [
        ("https://u:secret@h.example:8443/p/a?token=abc#frag", "https://h.example:8443/p/a"),
        ("http://[::1]:8765/x?ticket=1", "http://[::1]:8765/x"),
        ("data:text/html,<p>secret</p>", "data:…"),
        ("javascript:alert(1)", "javascript:…"),
        ("/relative?x", "<relative URL>"),
        ("https://[::1/", "<unparsable URL>"),
    ],
)
def test_redact_url_drops_credentials_query_and_fragment(url: str, redacted: str) -> None:
    assert redact_url(url) == redacted


# -- error page -------------------------------------------------------------------------------


def test_error_page_escapes_everything_and_links_retry() -> None:
    html = render_error_page(
        title="无法打开页面 <b>",
        message="<script>alert(1)</script>",
        detail="net::ERR <strong>$1</strong>",
        retry_label="重试",
        retry_url='http://127.0.0.1:1/a?b=1&c="x"',
        lang="zh-CN",
    )
    assert "<script>" not in html
    assert "<strong>" not in html
    assert "无法打开页面 &lt;b&gt;" in html
    assert f'id="{ERROR_PAGE_ID}"' in html
    assert f'id="{RETRY_LINK_ID}" class="button" href="http://127.0.0.1:1/a?b=1&amp;c=&quot;x&quot;"' in html
    assert '<html lang="zh-CN">' in html


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"])
def test_error_page_retry_link_is_never_script(bad: str) -> None:
    html = render_error_page(title="t", message="m", detail="d", retry_label="r", retry_url=bad)
    assert 'href="about:blank"' in html
    assert bad.split(":")[0] + ":" not in html.split("<main")[1]


# -- import cost --------------------------------------------------------------------------------


def test_web_package_and_its_plain_modules_do_not_load_qtwebengine() -> None:
    """The main window imports ``desktop_app.web`` early; Chromium must load only with the view."""
    code = (
        "import sys, desktop_app.web, desktop_app.web.origins, desktop_app.web.error_page;"
        "loaded = [m for m in sys.modules if m.startswith('PySide6')];"
        "print(','.join(loaded))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == ""
