"""Filters: rules applied to new incoming mail (if a field contains text, do something)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from guigym.images.sites.kit import DbSession, RequireUser, csrf_protect, flash, redirect
from sqlalchemy import func, select

from ..models import FILTER_ACTIONS, FILTER_FIELDS, Filter, Folder, Label
from .common import mail_page, not_found

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])


def _page(
    request, db, user, values: dict[str, str], errors: dict[str, str], status_code: int = 200
) -> Response:
    rules = db.scalars(
        select(Filter).where(Filter.owner_id == user.id).order_by(Filter.position, Filter.id)
    ).all()
    folders = db.scalars(
        select(Folder)
        .where(Folder.owner_id == user.id, Folder.kind.not_in(["sent", "drafts"]))
        .order_by(Folder.position, Folder.name)
    ).all()
    labels = db.scalars(select(Label).where(Label.owner_id == user.id).order_by(Label.name)).all()
    return mail_page(
        request,
        db,
        user,
        "mail/filters.html",
        title="Filters",
        rules=rules,
        folders=folders,
        labels=labels,
        fields=FILTER_FIELDS,
        actions=FILTER_ACTIONS,
        values=values,
        errors=errors,
        active="filters",
        status_code=status_code,
    )


@router.get("/filters")
def filters_page(request: Request, db: DbSession, user: RequireUser) -> Response:
    """The user's filters and a form to add one."""
    return _page(request, db, user, {"field": "from", "action": "move"}, {})


def _owned(db, user, filter_id: int) -> Filter:
    rule = db.get(Filter, filter_id)
    if rule is None or rule.owner_id != user.id:
        raise not_found("filter")
    return rule


@router.post("/filters")
def create_filter(
    request: Request,
    db: DbSession,
    user: RequireUser,
    name: str = Form(""),
    field: str = Form(""),
    value: str = Form(""),
    action: str = Form(""),
    folder_id: str = Form(""),
    label_id: str = Form(""),
) -> Response:
    """Add a filter; it applies to mail that arrives from now on."""
    values = {
        "name": name.strip(),
        "field": field,
        "value": value.strip(),
        "action": action,
        "folder_id": folder_id,
        "label_id": label_id,
    }
    errors: dict[str, str] = {}
    if field not in FILTER_FIELDS:
        errors["field"] = "Choose which part of the message to look at."
    if not values["value"]:
        errors["value"] = "Enter the text to look for."
    elif len(values["value"]) > 200:
        errors["value"] = "The text can be at most 200 characters."
    if action not in FILTER_ACTIONS:
        errors["action"] = "Choose what the filter does."
    folder = label = None
    if action == "move":
        folder = db.get(Folder, int(folder_id)) if folder_id.isdigit() else None
        if folder is None or folder.owner_id != user.id or folder.kind in {"sent", "drafts"}:
            errors["folder_id"] = "Choose the folder to move matching mail to."
    if action == "label":
        label = db.get(Label, int(label_id)) if label_id.isdigit() else None
        if label is None or label.owner_id != user.id:
            errors["label_id"] = "Choose the label to apply."
    if len(values["name"]) > 80:
        errors["name"] = "Names can be at most 80 characters."
    if errors:
        return _page(request, db, user, values, errors, 400)
    position = (
        db.scalar(select(func.max(Filter.position)).where(Filter.owner_id == user.id)) or 0
    ) + 1
    rule = Filter(
        owner_id=user.id,
        name=values["name"] or f"{FILTER_FIELDS[field]} contains {values['value']}",
        field=field,
        value=values["value"],
        action=action,
        folder_id=folder.id if folder else None,
        label_id=label.id if label else None,
        position=position,
    )
    db.add(rule)
    db.commit()
    flash(request, f'Filter "{rule.name}" created. It applies to new incoming mail.', "success")
    return redirect("/filters")


@router.post("/filters/{filter_id}/toggle")
def toggle_filter(request: Request, db: DbSession, user: RequireUser, filter_id: int) -> Response:
    """Turn a filter on or off."""
    rule = _owned(db, user, filter_id)
    rule.is_active = not rule.is_active
    db.commit()
    flash(request, f'Filter "{rule.name}" turned {"on" if rule.is_active else "off"}.', "success")
    return redirect("/filters")


@router.post("/filters/{filter_id}/delete")
def delete_filter(request: Request, db: DbSession, user: RequireUser, filter_id: int) -> Response:
    """Delete a filter."""
    rule = _owned(db, user, filter_id)
    db.delete(rule)
    db.commit()
    flash(request, f'Filter "{rule.name}" deleted.', "success")
    return redirect("/filters")
