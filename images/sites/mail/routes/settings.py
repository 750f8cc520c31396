"""Account settings of a mailbox: the name shown to recipients and the signature."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from guigym.images.sites.kit import DbSession, RequireUser, csrf_protect, flash, redirect

from ..models import User
from .common import mail_page

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])

MAX_NAME = 128
MAX_SIGNATURE = 1000


@router.get("/settings")
def settings_page(request: Request, db: DbSession, user: RequireUser) -> Response:
    """The settings form."""
    values = {"display_name": user.display_name, "signature": user.signature}
    return mail_page(
        request,
        db,
        user,
        "mail/settings.html",
        title="Settings",
        values=values,
        errors={},
        active="settings",
    )


@router.post("/settings")
def save_settings(
    request: Request,
    db: DbSession,
    user: RequireUser,
    display_name: str = Form(""),
    signature: str = Form(""),
) -> Response:
    """Save the display name and signature (used for new messages from now on)."""
    values = {"display_name": display_name.strip(), "signature": signature.strip("\n")}
    errors = {}
    if not values["display_name"]:
        errors["display_name"] = "Please enter the name recipients see."
    elif len(values["display_name"]) > MAX_NAME:
        errors["display_name"] = f"The name can be at most {MAX_NAME} characters."
    if len(values["signature"]) > MAX_SIGNATURE:
        errors["signature"] = f"The signature can be at most {MAX_SIGNATURE:,} characters."
    if errors:
        return mail_page(
            request,
            db,
            user,
            "mail/settings.html",
            title="Settings",
            values=values,
            errors=errors,
            active="settings",
            status_code=400,
        )
    account = db.get(User, user.id)
    account.display_name = values["display_name"]
    account.signature = values["signature"]
    db.commit()
    request.state.user = account
    flash(request, "Settings saved.", "success")
    return redirect("/settings")
