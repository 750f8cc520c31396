"""Pages that try to crash or wedge an episode: dialogs, popups, downloads, outside hosts, hangs.

Used by ``test_agent_cannot_crash.py``: every control here is something a real site might do,
and no agent action on it may raise out of ``WebEnv.step``.
"""

from __future__ import annotations

import asyncio
import html

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

router = APIRouter(prefix="/nasty")

OUT = "http://example.com/"

# (id, label, onclick script) for buttons on the index page
_BUTTONS = [
    ("alert", "Alert", "alert('hello')"),
    (
        "confirm",
        "Confirm",
        "document.getElementById('out').textContent = 'confirm ' + confirm('Sure?')",
    ),
    (
        "prompt",
        "Prompt",
        "document.getElementById('out').textContent = 'prompt ' + prompt('Name?', 'x')",
    ),
    ("print", "Print", "window.print(); document.getElementById('out').textContent = 'printed'"),
    ("open-out", "Open outside", f"window.open('{OUT}')"),
    ("open-same", "Open same", "window.open('/list')"),
    ("open-many", "Open many", "for (let i = 0; i < 4; i++) window.open('/list?n=' + i)"),
    ("open-blank", "Open blank", "const w = window.open(''); w.document.write('<p>written</p>')"),
    ("close-me", "Close window", "window.close()"),
    ("go-out", "Script to outside", f"location.href = '{OUT}'"),
    ("fullscreen", "Fullscreen", "document.documentElement.requestFullscreen()"),
    ("push", "Push state", "for (let i = 0; i < 50; i++) history.pushState({i}, '', '?p=' + i)"),
    ("history-back", "History back", "history.go(-5)"),
]

# (label, href, target) for links on the index page
_LINKS = [
    ("Outside", OUT, ""),
    ("Outside in new tab", OUT, "_blank"),
    ("Same in new tab", "/list", "_blank"),
    ("Download", "/nasty/file.csv", ""),
    ("Download in new tab", "/nasty/file.csv", "_blank"),
    ("Download attribute", "/list", ""),
    ("Https self", "https://gymtest.test/", ""),
    ("Wrong port", "http://gymtest.test:1/", ""),
    ("Javascript", "javascript:alert(1)", ""),
    ("Data url", "data:text/html,<h1>data</h1>", ""),
    ("Mail to", "mailto:someone@mail.test", ""),
    ("File url", "file:///etc/passwd", ""),
    ("Chrome url", "chrome://version", ""),
    ("About blank", "about:blank", ""),
    ("Missing page", "/nasty/missing", ""),
    ("No content", "/nasty/empty", ""),
    ("Redirect outside", "/nasty/302-out", ""),
    ("Script redirect outside", "/nasty/js-out", ""),
    ("Meta refresh outside", "/nasty/meta-out", ""),
    ("Alert on load", "/nasty/alert-on-load", ""),
    ("Leave guard", "/nasty/leave", ""),
    ("Slow page", "/nasty/slow", ""),
    ("Hanging page", "/nasty/hang", ""),
    ("Busy page", "/nasty/busy", ""),
    ("Self closing popup", "/nasty/self-close", "_blank"),
    ("Reload loop", "/nasty/reload", ""),
    ("Frames", "/nasty/frames", ""),
]


def _page(title: str, body: str, script: str = "", head: str = "") -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>"
        f"{head}</head><body>{body}<script>{script}</script></body></html>"
    )


@router.get("")
def index() -> Response:
    """One button or link per nasty thing; a form per nasty submit."""
    buttons = "".join(
        f'<button id={bid} onclick="{html.escape(js)}">{label}</button> '
        for bid, label, js in _BUTTONS
    )
    links = "".join(
        f'<li><a href="{html.escape(href)}"{f" target={t}" if t else ""}'
        f"{' download' if label == 'Download attribute' else ''}>{label}</a></li>"
        for label, href, t in _LINKS
    )
    forms = (
        "<form method=post action='/items' target=_blank><input name=name value=popup-item>"
        "<button>Submit in new tab</button></form>"
        f"<form method=get action='{OUT}'><input name=q value=x><button>Submit outside</button>"
        "</form>"
        "<input id=focus-alert onfocus=\"alert('focused')\" aria-label='Focus alert'>"
        "<div contenteditable=true aria-label=Editable style='height:30px;border:1px solid'></div>"
        "<select id=off disabled aria-label=Disabled><option>a</option></select>"
        "<input type=file id=files multiple aria-label=Files>"
        "<div draggable=true id=drag style='width:60px;height:30px;background:#cdc'>drag me</div>"
    )
    return _page(
        "Nasty",
        f"<h1>Nasty</h1><p id=out>-</p>{buttons}<ul>{links}</ul>{forms}",
    )


@router.get("/file.csv")
def download() -> Response:
    """An attachment (Chromium downloads it; downloads are off in the env)."""
    return Response(
        "a,b\n1,2\n",
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="file.csv"'},
    )


@router.get("/empty")
def empty() -> Response:
    """204: the click navigates nowhere."""
    return Response(status_code=204)


@router.get("/302-out")
def redirect_out() -> Response:
    """A server redirect to a host outside the task."""
    return RedirectResponse(OUT, status_code=302)


@router.get("/js-out")
def js_out() -> Response:
    """A page that sends the browser to an outside host as soon as it loads."""
    return _page("Leaving", "<p>leaving</p>", f"location.replace('{OUT}')")


@router.get("/meta-out")
def meta_out() -> Response:
    """A meta refresh to an outside host."""
    return _page(
        "Refresh", "<p>refresh</p>", head=f"<meta http-equiv=refresh content='0;url={OUT}'>"
    )


@router.get("/alert-on-load")
def alert_on_load() -> Response:
    """An alert while the page loads."""
    return _page("Alerting", "<p id=after>loaded</p>", "alert('welcome'); confirm('really?')")


@router.get("/leave")
def leave() -> Response:
    """A page that asks before it is left (after any user gesture)."""
    return _page(
        "Leave guard",
        "<h1>Unsaved</h1><input id=t aria-label=Draft><a href='/list'>Away</a>",
        "addEventListener('beforeunload', (e) => { e.preventDefault(); e.returnValue = 'x'; });",
    )


@router.get("/slow")
async def slow_page() -> Response:
    """A page that takes longer than the env's settle bound."""
    await asyncio.sleep(4.0)
    return _page("Slow", "<h1>Slow</h1>")


@router.get("/hang")
async def hang() -> Response:
    """A page that never answers within an episode step."""
    await asyncio.sleep(60.0)
    return _page("Hang", "<h1>Hang</h1>")


@router.get("/busy")
def busy() -> Response:
    """A page that never stops changing its DOM."""
    return _page(
        "Busy",
        "<h1>Busy</h1><p id=n>0</p>",
        "let n = 0; setInterval(() => { document.getElementById('n').textContent = ++n; }, 5);",
    )


@router.get("/self-close")
def self_close() -> Response:
    """A popup that closes itself as soon as it loads."""
    return _page("Closing", "<p>bye</p>", "window.close()")


@router.get("/reload")
def reload_loop() -> Response:
    """A page that reloads itself forever."""
    return _page("Reload", "<p>again</p>", "setTimeout(() => location.reload(), 50)")


@router.get("/frames")
def frames() -> Response:
    """Frames from the site and from outside."""
    return _page(
        "Frames",
        f"<iframe src='/list' title=inner></iframe><iframe src='{OUT}' title=outer></iframe>"
        "<iframe src='/nasty/alert-on-load' title=alerting></iframe>",
    )


@router.get("/frozen-keys")
def frozen_keys() -> Response:
    """A text box whose key handler blocks the page for 20 s: the page stops taking input."""
    return _page(
        "Frozen keys",
        "<label>Frozen <input id=frozen autofocus></label>",
        "document.getElementById('frozen').addEventListener('keydown', () => {"
        " const end = Date.now() + 20000; while (Date.now() < end) {} });",
    )
