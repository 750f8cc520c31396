"""Attachments: upload to a page, download, delete (files live in the database)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    now,
    redirect,
)
from sqlalchemy import func, select
from starlette.datastructures import UploadFile

from ..models import Attachment
from ..services import page_url
from .common import editable_page, not_found, viewable_page

__all__ = ["router", "MAX_FILE", "MAX_FILES"]

router = APIRouter(dependencies=[Depends(csrf_protect)])

MAX_FILE = 5 * 1024 * 1024
MAX_FILES = 30  # per page
_INLINE = {"text/plain", "text/csv", "image/png", "image/jpeg", "image/gif", "application/pdf"}


def _clean_name(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^A-Za-z0-9._ ()-]+", "_", name).strip(" .")
    return name[:150] or "file"


@router.post("/spaces/{key}/pages/{slug}/attachments")
async def upload(
    request: Request, db: DbSession, user: RequireUser, key: str, slug: str
) -> Response:
    space, page, _ = editable_page(request, db, user, key, slug)
    back = page_url(space.key, page.slug) + "#attachments"
    form = await request.form()
    upload = form.get("file")
    comment = str(form.get("comment") or "").strip()[:300]
    if not isinstance(upload, UploadFile) or not upload.filename:
        flash(request, "Choose a file to attach.", "error")
        return redirect(back)
    data = await upload.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        flash(
            request,
            f"“{upload.filename[:80]}” is too large: attachments are at most 5 MB.",
            "error",
        )
        return redirect(back)
    count = (
        db.scalar(select(func.count()).select_from(Attachment).where(Attachment.page_id == page.id))
        or 0
    )
    if count >= MAX_FILES:
        flash(request, f"A page can hold at most {MAX_FILES} attachments.", "error")
        return redirect(back)
    name = _clean_name(upload.filename)
    content_type = (upload.content_type or "application/octet-stream").split(";")[0][:120]
    db.add(
        Attachment(
            page_id=page.id,
            filename=name,
            content_type=content_type,
            size=len(data),
            data=data,
            comment=comment,
            uploaded_by_id=user.id,
            created_at=now(),
        )
    )
    db.commit()
    flash(request, f"Attached “{name}”.", "success")
    return redirect(back)


@router.get("/spaces/{key}/pages/{slug}/attachments/{attachment_id}/{filename}")
def download(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    key: str,
    slug: str,
    attachment_id: int,
    filename: str,
    inline: int = 0,
) -> Response:
    _space, page, _ = viewable_page(request, db, user, key, slug)
    att = db.get(Attachment, attachment_id)
    if att is None or att.page_id != page.id:
        raise not_found("The attachment")
    show = inline and att.content_type in _INLINE
    disposition = "inline" if show else "attachment"
    return Response(
        att.data,
        media_type=att.content_type if show else "application/octet-stream",
        headers={
            "Content-Disposition": f'{disposition}; filename="{att.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
        },
    )


@router.post("/spaces/{key}/pages/{slug}/attachments/{attachment_id}/delete")
def delete(
    request: Request, db: DbSession, user: RequireUser, key: str, slug: str, attachment_id: int
) -> Response:
    space, page, _ = editable_page(request, db, user, key, slug)
    att = db.get(Attachment, attachment_id)
    if att is None or att.page_id != page.id:
        raise not_found("The attachment")
    name = att.filename
    db.delete(att)
    db.commit()
    flash(request, f"Deleted “{name}”.", "success")
    return redirect(page_url(space.key, page.slug) + "#attachments")
