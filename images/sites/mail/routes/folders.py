"""Message lists (folders, starred, labels) and managing folders and labels."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from guigym.images.sites.kit import DbSession, RequireUser, csrf_protect, flash, paginate, redirect
from sqlalchemy import select, update

from ..mailbox import folder_by_slug, system_folder
from ..models import Filter, Folder, Label, MailboxItem
from .common import PER_PAGE, list_query, mail_page, not_found, owned_folder, owned_label

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])

_NAME_RE = re.compile(r"^[\w &'().,-]{1,40}$")
_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


@router.get("/")
def home(user: RequireUser) -> Response:
    """The mailbox opens on the inbox."""
    return redirect("/folders/inbox")


@router.get("/folders/{slug}")
def folder_view(
    request: Request, db: DbSession, user: RequireUser, slug: str, page: int = 1
) -> Response:
    """A folder's messages, newest first, 25 a page."""
    folder = folder_by_slug(db, user.id, slug)
    if folder is None:
        raise not_found("folder")
    result = paginate(db, list_query(user, folder=folder), page, PER_PAGE)
    return mail_page(
        request,
        db,
        user,
        "mail/list.html",
        title=folder.name,
        folder=folder,
        page=result,
        active=folder.slug,
    )


@router.get("/starred")
def starred_view(request: Request, db: DbSession, user: RequireUser, page: int = 1) -> Response:
    """Starred messages from every folder except Trash."""
    trash = system_folder(db, user.id, "trash")
    stmt = list_query(user, starred=True, exclude_trash_ids=[trash.id])
    result = paginate(db, stmt, page, PER_PAGE)
    return mail_page(
        request,
        db,
        user,
        "mail/list.html",
        title="Starred",
        folder=None,
        page=result,
        active="starred",
    )


@router.get("/labels/{label_id}")
def label_view(
    request: Request, db: DbSession, user: RequireUser, label_id: int, page: int = 1
) -> Response:
    """Messages carrying one label."""
    label = owned_label(db, user, label_id)
    result = paginate(db, list_query(user, label=label), page, PER_PAGE)
    return mail_page(
        request,
        db,
        user,
        "mail/list.html",
        title=f"Label: {label.name}",
        folder=None,
        label=label,
        page=result,
        active=f"label-{label.id}",
    )


@router.get("/manage")
def manage(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Create, rename and delete folders and labels."""
    return mail_page(
        request,
        db,
        user,
        "mail/manage.html",
        title="Folders and labels",
        active="manage",
        errors={},
    )


def _manage_error(request: Request, db: DbSession, user, key: str, message: str) -> Response:
    return mail_page(
        request,
        db,
        user,
        "mail/manage.html",
        title="Folders and labels",
        active="manage",
        errors={key: message},
        status_code=400,
    )


def _check_name(name: str, kind: str) -> str | None:
    if not name:
        return f"Please give the {kind} a name."
    if not _NAME_RE.match(name):
        return f"A {kind} name has 1-40 letters, digits, spaces or & ' ( ) . , -"
    return None


@router.post("/folders")
def create_folder(
    request: Request, db: DbSession, user: RequireUser, name: str = Form("")
) -> Response:
    """Create a user folder (names are unique per mailbox, system names included)."""
    name = name.strip()
    error = _check_name(name, "folder")
    existing = db.scalars(select(Folder).where(Folder.owner_id == user.id)).all()
    if error is None and any(f.name.lower() == name.lower() for f in existing):
        error = f'You already have a folder called "{name}".'
    if error:
        return _manage_error(request, db, user, "folder", error)
    folder = Folder(owner_id=user.id, name=name, kind="custom", position=10 + len(existing))
    db.add(folder)
    db.commit()
    flash(request, f'Folder "{name}" created.', "success")
    return redirect(f"/folders/{folder.id}")


@router.post("/folders/{folder_id}/rename")
def rename_folder(
    request: Request, db: DbSession, user: RequireUser, folder_id: int, name: str = Form("")
) -> Response:
    """Rename a user folder (system folders keep their names)."""
    folder = owned_folder(db, user, folder_id)
    name = name.strip()
    error = (
        "System folders cannot be renamed."
        if folder.kind != "custom"
        else _check_name(name, "folder")
    )
    others = db.scalars(
        select(Folder).where(Folder.owner_id == user.id, Folder.id != folder.id)
    ).all()
    if error is None and any(f.name.lower() == name.lower() for f in others):
        error = f'You already have a folder called "{name}".'
    if error:
        return _manage_error(request, db, user, f"folder-{folder.id}", error)
    folder.name = name
    db.commit()
    flash(request, f'Folder renamed to "{name}".', "success")
    return redirect("/manage")


@router.post("/folders/{folder_id}/delete")
def delete_folder(request: Request, db: DbSession, user: RequireUser, folder_id: int) -> Response:
    """Delete a user folder; its messages go back to the Inbox, filters into it are removed."""
    folder = owned_folder(db, user, folder_id)
    if folder.kind != "custom":
        return _manage_error(
            request, db, user, f"folder-{folder.id}", "System folders cannot be deleted."
        )
    inbox = system_folder(db, user.id, "inbox")
    moved = db.execute(
        update(MailboxItem).where(MailboxItem.folder_id == folder.id).values(folder_id=inbox.id)
    ).rowcount
    for rule in db.scalars(select(Filter).where(Filter.folder_id == folder.id)).all():
        db.delete(rule)
    db.delete(folder)
    db.commit()
    flash(request, f'Folder "{folder.name}" deleted; {moved} message(s) moved to Inbox.', "success")
    return redirect("/manage")


@router.post("/labels")
def create_label(
    request: Request,
    db: DbSession,
    user: RequireUser,
    name: str = Form(""),
    color: str = Form("#5b6b7f"),
) -> Response:
    """Create a label."""
    name = name.strip()
    error = _check_name(name, "label")
    if error is None and not _COLOR_RE.match(color):
        error = "Pick a colour like #1a73e8."
    existing = db.scalars(select(Label).where(Label.owner_id == user.id)).all()
    if error is None and any(lab.name.lower() == name.lower() for lab in existing):
        error = f'You already have a label called "{name}".'
    if error:
        return _manage_error(request, db, user, "label", error)
    label = Label(owner_id=user.id, name=name, color=color.lower())
    db.add(label)
    db.commit()
    flash(request, f'Label "{name}" created.', "success")
    return redirect("/manage")


@router.post("/labels/{label_id}/delete")
def delete_label(request: Request, db: DbSession, user: RequireUser, label_id: int) -> Response:
    """Delete a label (messages keep their folders; filters applying it are removed)."""
    label = owned_label(db, user, label_id)
    for rule in db.scalars(select(Filter).where(Filter.label_id == label.id)).all():
        db.delete(rule)
    db.delete(label)
    db.commit()
    flash(request, f'Label "{label.name}" deleted.', "success")
    return redirect("/manage")
