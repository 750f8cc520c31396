"""The toy site: notes with owners, enough to exercise every kit feature."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireAdmin,
    RequireUser,
    SeedContext,
    SiteSpec,
    UserMixin,
    csrf_protect,
    default_password,
    flash,
    hash_password,
    now,
    paginate,
    redirect,
    render,
    world_people,
)
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    """The toy's own base."""


class User(UserMixin, Base):
    """A toy user."""

    __tablename__ = "users"


class Note(Base):
    """A note."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


def seed(session: Session, ctx: SeedContext) -> None:
    """Six users and 45 notes."""
    users = [
        User(
            username="admin",
            email="admin@mail.test",
            display_name="Admin",
            password_hash=hash_password(default_password("admin")),
            is_admin=True,
        )
    ]
    for person in world_people(ctx.seed)[:5]:
        users.append(
            User(
                username=person.username,
                email=person.email,
                display_name=person.display_name,
                password_hash=hash_password(default_password(person.username)),
            )
        )
    session.add_all(users)
    session.flush()
    for i in range(45):
        session.add(
            Note(
                owner_id=ctx.rng.choice(users).id,
                title=ctx.faker.sentence(nb_words=4).rstrip("."),
                body=ctx.faker.paragraph(),
                created_at=ctx.now - timedelta(hours=i * 7),
            )
        )


router = APIRouter(dependencies=[Depends(csrf_protect)])


@router.get("/")
def home(request: Request, db: DbSession, user: CurrentUser, page: str = "1") -> Response:
    """All notes, newest first."""
    stmt = select(Note).order_by(Note.created_at.desc(), Note.id.desc())
    return render(request, "toy/home.html", page=paginate(db, stmt, page, per_page=10))


@router.get("/notes/{note_id}")
def note(request: Request, db: DbSession, note_id: int) -> Response:
    """One note."""
    item = db.get(Note, note_id)
    if item is None:
        raise HTTPException(404, f"There is no note #{note_id}.")
    return render(request, "toy/note.html", note=item)


@router.post("/notes")
def add_note(request: Request, db: DbSession, user: RequireUser, title: str = Form("")) -> Response:
    """Create a note (title required, at most 120 characters)."""
    title = title.strip()
    if not title or len(title) > 120:
        flash(request, "A title of 1 to 120 characters is required.", "error")
        return redirect("/account")
    db.add(Note(owner_id=user.id, title=title, body="", created_at=now()))
    db.commit()
    flash(request, "Note saved.", "success")
    return redirect("/")


@router.get("/account")
def account(request: Request, user: RequireUser) -> Response:
    """The logged-in user's page with a form."""
    return render(request, "toy/account.html")


@router.get("/admin")
def admin(request: Request, user: RequireAdmin) -> Response:
    """Admins only."""
    return render(request, "toy/account.html", admin=True)


@router.get("/boom")
def boom() -> Response:
    """Always fails (tests the 500 page)."""
    raise RuntimeError("boom")


SITE = SiteSpec(
    name="toy",
    title="Toy Notes",
    package="kit_toy",
    metadata=Base.metadata,
    user_model=User,
    seed=seed,
    routers=[router],
    logins={"user": "becky.gill", "admin": "admin"},
    exec_tables={"notes"},
    max_body_bytes=64 * 1024,
)
