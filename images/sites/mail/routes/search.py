"""Search the mailbox: free text, sender, recipient, subject, date range, folder, flags."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response
from guigym.images.sites.kit import DbSession, RequireUser, paginate

from ..mailbox import folder_by_slug, system_folder
from .common import PER_PAGE, list_query, mail_page

__all__ = ["router"]

router = APIRouter()

_FIELDS = ("q", "from", "to", "subject", "after", "before", "folder", "unread", "attachments")


def _date(value: str, field: str, errors: dict[str, str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[field] = f"Use a date like 2026-05-01 (got {value[:20]!r})."
        return None


@router.get("/search")
def search(request: Request, db: DbSession, user: RequireUser, page: int = 1) -> Response:
    """Results across folders (Trash only when asked for); every filter is optional."""
    params = {k: request.query_params.get(k, "").strip()[:200] for k in _FIELDS}
    errors: dict[str, str] = {}
    after = _date(params["after"], "after", errors)
    before = _date(params["before"], "before", errors)
    if after and before and after > before:
        errors["before"] = "The end date is before the start date."
    folder = None
    if params["folder"]:
        folder = folder_by_slug(db, user.id, params["folder"])
        if folder is None:
            errors["folder"] = "Unknown folder."
    searched = any(params[k] for k in _FIELDS)
    result = None
    if searched and not errors:
        trash = system_folder(db, user.id, "trash")
        stmt = list_query(
            user,
            folder=folder,
            text=params["q"],
            sender=params["from"],
            recipient=params["to"],
            subject=params["subject"],
            after=datetime.combine(after, datetime.min.time()) if after else None,
            before=datetime.combine(before + timedelta(days=1), datetime.min.time())
            if before
            else None,
            unread_only=params["unread"] == "1",
            with_attachments=params["attachments"] == "1",
            exclude_trash_ids=None if folder is not None else [trash.id],
        )
        result = paginate(db, stmt, page, PER_PAGE)
    return mail_page(
        request,
        db,
        user,
        "mail/search.html",
        title="Search",
        params=params,
        errors=errors,
        page=result,
        searched=searched,
        active="search",
        status_code=400 if errors else 200,
    )
