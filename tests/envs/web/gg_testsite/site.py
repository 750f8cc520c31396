"""The WebEnv test site: widgets, a scroll area, re-renders, delayed fetches, a DB to check."""

from __future__ import annotations

import asyncio
import html

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    SeedContext,
    SiteSpec,
    UserMixin,
    default_password,
    hash_password,
)
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from gg_testsite.nasty import router as nasty_router


class Base(DeclarativeBase):
    """The test site's base."""


class User(UserMixin, Base):
    """A user."""

    __tablename__ = "users"


class Item(Base):
    """A row the tasks' checks read."""

    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Submission(Base):
    """What the widgets form sent."""

    __tablename__ = "submissions"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(500))
    color: Mapped[str] = mapped_column(String(50))
    agree: Mapped[bool]
    size: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(String(2000))


def seed(session: Session, ctx: SeedContext) -> None:
    """One admin and three items."""
    session.add(
        User(
            username="admin",
            email="admin@mail.test",
            display_name="Admin",
            password_hash=hash_password(default_password("admin")),
            is_admin=True,
        )
    )
    for name in ("apple", "banana", "cherry"):
        session.add(Item(name=name))


def _page(title: str, body: str, script: str = "") -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:8px} .tall{height:2400px}"
        " #box{height:150px;overflow:auto;border:1px solid #000} #box div{height:60px}"
        " #keys,#mouse,#hovered{height:20px;margin:0}"
        " .spin{animation:spin 1s linear infinite} @keyframes spin{to{transform:rotate(360deg)}}"
        f"</style></head><body>{body}<script>{script}</script></body></html>"
    )


router = APIRouter()


@router.get("/")
def home(db: DbSession, user: CurrentUser) -> Response:
    """Links, the item list and a form that adds an item."""
    items = db.scalars(select(Item).order_by(Item.id)).all()
    who = user.username if user else "anonymous"
    lis = "".join(f"<li>{html.escape(i.name)}</li>" for i in items)
    return _page(
        "Home",
        f"<h1>Test home</h1><p id=who>Signed in as {who}</p>"
        "<nav><a href='/form'>Widgets</a> <a href='/scroll'>Scroll</a> "
        "<a href='/rerender'>Rerender</a> <a href='/list' target=_blank>List in new tab</a>"
        " <a href='http://example.com/'>Outside</a></nav>"
        f"<ul id=items>{lis}</ul>"
        "<form method=post action='/items'><label for=name>New item</label>"
        "<input id=name name=name><button type=submit>Add</button></form>"
        "<div class=spin style='width:20px;height:20px;background:red'></div>",
    )


@router.post("/items")
def add_item(db: DbSession, name: str = Form("")) -> Response:
    """Add an item and go home."""
    if name.strip():
        db.add(Item(name=name.strip()))
        db.commit()
    return RedirectResponse("/", status_code=303)


@router.get("/list")
def item_list(db: DbSession) -> Response:
    """Items only."""
    items = db.scalars(select(Item).order_by(Item.id)).all()
    return _page(
        "List", "<h1>List</h1><ol>" + "".join(f"<li>{i.name}</li>" for i in items) + "</ol>"
    )


@router.get("/form")
def form() -> Response:
    """One of every widget."""
    return _page(
        "Widgets",
        "<h1>Widgets</h1><form method=post action='/form' enctype='multipart/form-data'>"
        "<label for=text>Text</label><input id=text name=text>"
        "<label for=notes>Notes</label><textarea id=notes name=notes></textarea>"
        "<label for=color>Color</label><select id=color name=color>"
        "<option value=''>Pick one</option><option value=r>Red</option>"
        "<option value=g>Green</option><option value=b>Blue</option></select>"
        "<label><input type=checkbox id=agree name=agree value=yes> I agree</label>"
        "<fieldset><legend>Size</legend>"
        "<label><input type=radio name=size value=S id=sizeS> Small</label>"
        "<label><input type=radio name=size value=L id=sizeL> Large</label></fieldset>"
        "<label for=file>File</label><input type=file id=file name=file>"
        "<button type=submit id=send>Send</button></form>"
        "<p id=keys></p><p id=mouse></p><p id=hovered></p>"
        "<div id=target style='width:200px;height:80px;background:#ccd' "
        "ondblclick=\"this.textContent='double'\" "
        "oncontextmenu=\"event.preventDefault();this.textContent='context'\" "
        "onmouseenter=\"document.getElementById('hovered').textContent='hovered'\">target</div>"
        "<a href='/list' id=listlink>Go to list</a>",
        "document.addEventListener('keydown', e => { if (e.ctrlKey && e.key === 'k') "
        "document.getElementById('keys').textContent = 'ctrl-k'; });"
        "document.addEventListener('mouseup', e => { document.getElementById('mouse').textContent"
        " = 'up ' + e.clientX + ',' + e.clientY; });",
    )


@router.post("/form")
async def submit(
    db: DbSession,
    text: str = Form(""),
    notes: str = Form(""),
    color: str = Form(""),
    agree: str = Form(""),
    size: str = Form(""),
    file: UploadFile | None = File(None),
) -> Response:
    """Store what the form sent and show it."""
    filename = file.filename if file is not None and file.filename else ""
    db.add(
        Submission(
            text=text, notes=notes, color=color, agree=agree == "yes", size=size, filename=filename
        )
    )
    db.commit()
    return _page(
        "Sent",
        f"<h1>Sent</h1><p id=result>{html.escape(text)}|{color}|{agree}|{size}|"
        f"{html.escape(filename)}</p>",
    )


@router.get("/scroll")
def scroll() -> Response:
    """A tall page and a scrolling box."""
    rows = "".join(f"<div>row {i}</div>" for i in range(30))
    return _page(
        "Scroll",
        f"<h1>Scroll</h1><div id=box>{rows}<button id=deep onclick=\"this.textContent='pressed'\">"
        "Deep button</button></div><div class=tall></div><p id=bottom>Bottom</p>",
    )


@router.get("/rerender")
def rerender() -> Response:
    """A list re-rendered by script, and a delayed fetch that adds a line."""
    return _page(
        "Rerender",
        "<h1>Rerender</h1><button id=again>Render again</button><button id=later>Load later"
        "</button><ul id=list></ul><p id=status>idle</p>",
        "const draw = () => { document.getElementById('list').innerHTML = "
        "['one','two','three'].map(x => `<li><button class=item>${x}</button></li>`).join(''); };"
        "draw(); document.getElementById('again').onclick = draw;"
        "document.getElementById('later').onclick = () => "
        "fetch('/api/slow').then(r => r.json()).then(d => "
        "{ document.getElementById('status').textContent = d.status; });",
    )


@router.get("/api/slow")
async def slow() -> Response:
    """A JSON answer after 150 ms (settling must wait for it)."""
    await asyncio.sleep(0.15)
    return JSONResponse({"status": "loaded"})


SITE = SiteSpec(
    name="gymtest",
    title="Gym Test",
    package="gg_testsite",
    metadata=Base.metadata,
    user_model=User,
    seed=seed,
    routers=[router, nasty_router],
    logins={"admin": "admin"},
)
