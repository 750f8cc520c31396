"""Compose, reply, reply all, forward and drafts (multipart form with attachments)."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from guigym.images.sites.kit import DbSession, RequireUser, csrf_protect, flash, redirect
from sqlalchemy.orm import Session

from ..mailbox import AddressError, NewAttachment, resolve_recipients, save_draft, send_message
from ..models import Attachment, Message, User
from ..seeding.plan import forward_subject, quote, reply_subject
from .common import current_now, mail_page, not_found, owned_item

__all__ = ["router", "MAX_FILE_BYTES", "MAX_TOTAL_BYTES", "MAX_FILES"]

router = APIRouter(dependencies=[Depends(csrf_protect)])

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TOTAL_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
MAX_SUBJECT = 300
MAX_BODY = 100_000


def _mb(n: int) -> int:
    return n // (1024 * 1024)


@dataclass
class Draft:
    """What the compose form shows."""

    to: str = ""
    cc: str = ""
    bcc: str = ""
    subject: str = ""
    body: str = ""
    draft_id: int | None = None
    reply_to: int | None = None
    forward_of: int | None = None
    kept: list[Attachment] = field(default_factory=list)  # attachments already on the draft
    forwarded: list[Attachment] = field(default_factory=list)  # the original's, for forwards


def _join(recipients) -> str:
    return ", ".join(r.address for r in recipients)


def _prefill(db: Session, user: User, params: dict[str, str]) -> tuple[Draft, str]:
    form = Draft(to=params.get("to", "")[:1000], subject=params.get("subject", "")[:MAX_SUBJECT])
    signature = f"\n\n-- \n{user.signature}" if user.signature else ""
    mode = "New message"
    for key in ("reply", "reply_all", "forward", "draft"):
        value = params.get(key, "")
        if not value:
            continue
        if not value.isdigit():
            raise not_found()
        item = owned_item(db, user, int(value))
        original = item.message
        if key == "draft":
            if not original.is_draft or original.sender_id != user.id:
                raise not_found("draft")
            form = Draft(
                to=_join(original.addresses("to")),
                cc=_join(original.addresses("cc")),
                bcc=_join(original.addresses("bcc")),
                subject=original.subject,
                body=original.body,
                draft_id=original.id,
                reply_to=original.in_reply_to_id,
                kept=list(original.attachments),
            )
            return form, "Edit draft"
        quoted = quote(
            original.body,
            original.sender_name,
            original.sender,
            original.sent_at or original.created_at,
        )
        if key in {"reply", "reply_all"}:
            mine = original.sender_id == user.id
            to = _join(original.addresses("to")) if mine else original.sender
            cc = ""
            if key == "reply_all":
                others = [
                    r.address
                    for r in original.recipients
                    if r.kind in {"to", "cc"} and r.address != user.email
                ]
                if mine:
                    to = ", ".join(a for a in others if a)
                else:
                    cc = ", ".join(dict.fromkeys(a for a in others if a != original.sender))
            form = Draft(
                to=to,
                cc=cc,
                subject=reply_subject(original.subject),
                body=f"{signature}\n\n{quoted}",
                reply_to=original.id,
            )
            mode = "Reply all" if key == "reply_all" else "Reply"
        else:
            header = (
                "---------- Forwarded message ----------\n"
                f"From: {original.sender_name} <{original.sender}>\n"
                f"Date: {(original.sent_at or original.created_at):%a, %b %-d, %Y at %H:%M}\n"
                f"Subject: {original.subject}\n"
                f"To: {_join(original.addresses('to'))}\n"
            )
            form = Draft(
                subject=forward_subject(original.subject),
                body=f"{signature}\n\n{header}\n{original.body}",
                forward_of=original.id,
                forwarded=list(original.attachments),
            )
            mode = "Forward"
        return form, mode
    if signature:
        form.body = signature
    return form, mode


@router.get("/compose")
def compose_page(request: Request, db: DbSession, user: RequireUser) -> Response:
    """The compose form, empty or prefilled (?to=, ?reply=, ?reply_all=, ?forward=, ?draft=)."""
    form, mode = _prefill(db, user, dict(request.query_params))
    return mail_page(
        request,
        db,
        user,
        "mail/compose.html",
        title=mode,
        mode=mode,
        form=form,
        errors={},
        active="compose",
    )


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


@router.post("/compose")
async def compose_submit(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Send the message or save it as a draft; errors come back in the form (400)."""
    data = await request.form()
    text = {k: str(data.get(k) or "") for k in ("to", "cc", "bcc", "subject", "body", "action")}
    form = Draft(
        to=text["to"],
        cc=text["cc"],
        bcc=text["bcc"],
        subject=text["subject"].strip(),
        body=text["body"],
        draft_id=_int(data.get("draft_id")),
        reply_to=_int(data.get("reply_to")),
        forward_of=_int(data.get("forward_of")),
    )
    errors: dict[str, str] = {}
    draft: Message | None = None
    if form.draft_id is not None:
        draft_item = owned_item(db, user, form.draft_id)
        draft = draft_item.message
        if not draft.is_draft or draft.sender_id != user.id:
            raise not_found("draft")
        removed = {_int(v) for v in data.getlist("remove_attachment")}
        for attachment in list(draft.attachments):
            if attachment.id in removed:
                draft.attachments.remove(attachment)
        form.kept = list(draft.attachments)
    reply_thread = None
    if form.reply_to is not None:
        reply_thread = owned_item(db, user, form.reply_to).message.thread_id
    carried: list[NewAttachment] = []
    if form.forward_of is not None:
        original = owned_item(db, user, form.forward_of).message
        form.forwarded = list(original.attachments)
        chosen = {_int(v) for v in data.getlist("forward_attachment")}
        carried = [
            NewAttachment(a.filename, a.content_type, a.data)
            for a in original.attachments
            if a.id in chosen
        ]

    uploads: list[NewAttachment] = []
    files = [
        f
        for f in data.getlist("attachments")
        if not isinstance(f, str) and getattr(f, "filename", "")
    ]
    total = sum(a.size for a in form.kept) + sum(len(a.data) for a in carried)
    if len(files) + len(form.kept) + len(carried) > MAX_FILES:
        errors["attachments"] = f"At most {MAX_FILES} attachments per message."
    for upload in files:
        content = await upload.read(MAX_FILE_BYTES + 1)
        name = (upload.filename or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]
        if len(content) > MAX_FILE_BYTES:
            errors["attachments"] = (
                f'"{name}" is too large: attachments can be at most {_mb(MAX_FILE_BYTES)} MB each.'
            )
            continue
        total += len(content)
        uploads.append(
            NewAttachment(name, upload.content_type or "application/octet-stream", content)
        )
    if total > MAX_TOTAL_BYTES and "attachments" not in errors:
        errors["attachments"] = (
            f"Attachments add up to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MB; remove some."
        )
    if len(form.subject) > MAX_SUBJECT:
        errors["subject"] = f"The subject can be at most {MAX_SUBJECT} characters."
    if len(form.body) > MAX_BODY:
        errors["body"] = f"The message can be at most {MAX_BODY:,} characters."

    fields = {"to": form.to, "cc": form.cc, "bcc": form.bcc}
    now = current_now()
    if text["action"] == "save":
        if errors:
            return _form_error(request, db, user, form, errors)
        saved = save_draft(
            db,
            user,
            recipients_text=fields,
            subject=form.subject,
            body=form.body,
            now=now,
            attachments=carried + uploads,
            draft=draft,
            thread_id=reply_thread,
            in_reply_to_id=form.reply_to,
        )
        db.commit()
        flash(request, "Draft saved.", "success")
        return redirect(f"/compose?draft={saved.id}")
    try:
        recipients = resolve_recipients(db, fields)
    except AddressError as exc:
        errors["to"] = str(exc)
        recipients = []
    if errors:
        return _form_error(request, db, user, form, errors)
    message = send_message(
        db,
        user,
        recipients,
        subject=form.subject,
        body=form.body,
        now=now,
        attachments=carried + uploads,
        draft=draft,
        thread_id=reply_thread,
        in_reply_to_id=form.reply_to,
    )
    db.commit()
    names = ", ".join(dict.fromkeys(u.display_name for _k, _a, u in recipients))
    flash(request, f"Message sent to {names}.", "success")
    return redirect(f"/messages/{message.id}")


def _form_error(
    request: Request, db: Session, user: User, form: Draft, errors: dict[str, str]
) -> Response:
    db.rollback()
    mode = "Edit draft" if form.draft_id else "New message"
    if form.draft_id is not None:  # reload what the draft really holds after the rollback
        form.kept = list(owned_item(db, user, form.draft_id).message.attachments)
    return mail_page(
        request,
        db,
        user,
        "mail/compose.html",
        title=mode,
        mode=mode,
        form=form,
        errors=errors,
        active="compose",
        status_code=400,
    )


@router.post("/drafts/{message_id}/delete")
def discard_draft(request: Request, db: DbSession, user: RequireUser, message_id: int) -> Response:
    """Discard a draft for good."""
    item = owned_item(db, user, message_id)
    if not item.message.is_draft:
        raise not_found("draft")
    db.delete(item.message)
    db.delete(item)
    db.commit()
    flash(request, "Draft discarded.", "success")
    return redirect("/folders/drafts")
