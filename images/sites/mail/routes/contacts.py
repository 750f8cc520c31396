"""The address book, and the JSON endpoint behind the compose form's autocomplete."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse, Response
from guigym.images.sites.kit import DbSession, RequireUser, csrf_protect, flash, paginate, redirect
from sqlalchemy import func, or_, select

from ..models import Contact, User
from .common import mail_page, not_found

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])

_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def _owned(db, user, contact_id: int) -> Contact:
    contact = db.get(Contact, contact_id)
    if contact is None or contact.owner_id != user.id:
        raise not_found("contact")
    return contact


@router.get("/contacts")
def contacts(
    request: Request, db: DbSession, user: RequireUser, q: str = "", page: int = 1
) -> Response:
    """The user's contacts, searchable by name, email or company."""
    stmt = select(Contact).where(Contact.owner_id == user.id)
    q = q.strip()[:100]
    if q:
        like = f"%{q}%"
        stmt = stmt.where(
            or_(Contact.name.ilike(like), Contact.email.ilike(like), Contact.company.ilike(like))
        )
    result = paginate(db, stmt.order_by(Contact.name, Contact.id), page, 30)
    return mail_page(
        request,
        db,
        user,
        "mail/contacts.html",
        title="Contacts",
        page=result,
        q=q,
        active="contacts",
    )


def _form(
    request,
    db,
    user,
    contact: Contact | None,
    values: dict[str, str],
    errors: dict[str, str],
    status_code: int = 200,
) -> Response:
    return mail_page(
        request,
        db,
        user,
        "mail/contact_form.html",
        title="Edit contact" if contact else "New contact",
        contact=contact,
        values=values,
        errors=errors,
        active="contacts",
        status_code=status_code,
    )


@router.get("/contacts/new")
def new_contact(
    request: Request, db: DbSession, user: RequireUser, email: str = "", name: str = ""
) -> Response:
    """Empty form (prefilled from ?email=&name= when adding a sender)."""
    return _form(
        request,
        db,
        user,
        None,
        {"name": name[:120], "email": email[:200], "phone": "", "company": "", "notes": ""},
        {},
    )


def _validate(db, user, values: dict[str, str], contact_id: int | None) -> dict[str, str]:
    errors = {}
    if not values["name"]:
        errors["name"] = "Please enter a name."
    elif len(values["name"]) > 120:
        errors["name"] = "Names can be at most 120 characters."
    if not _EMAIL_RE.match(values["email"]):
        errors["email"] = "Please enter an email address like name@mail.test."
    else:
        clash = db.scalars(
            select(Contact).where(
                Contact.owner_id == user.id, func.lower(Contact.email) == values["email"].lower()
            )
        ).first()
        if clash is not None and clash.id != contact_id:
            errors["email"] = f"{clash.name} already has this address in your contacts."
    if len(values["phone"]) > 40:
        errors["phone"] = "Phone numbers can be at most 40 characters."
    if len(values["company"]) > 120:
        errors["company"] = "Company names can be at most 120 characters."
    if len(values["notes"]) > 2000:
        errors["notes"] = "Notes can be at most 2,000 characters."
    return errors


def _values(name: str, email: str, phone: str, company: str, notes: str) -> dict[str, str]:
    return {
        "name": name.strip(),
        "email": email.strip().lower(),
        "phone": phone.strip(),
        "company": company.strip(),
        "notes": notes.strip(),
    }


@router.post("/contacts")
def create_contact(
    request: Request,
    db: DbSession,
    user: RequireUser,
    name: str = Form(""),
    email: str = Form(""),
    phone: str = Form(""),
    company: str = Form(""),
    notes: str = Form(""),
) -> Response:
    """Add a contact."""
    values = _values(name, email, phone, company, notes)
    errors = _validate(db, user, values, None)
    if errors:
        return _form(request, db, user, None, values, errors, 400)
    contact = Contact(owner_id=user.id, **values)
    db.add(contact)
    db.commit()
    flash(request, f"{contact.name} added to your contacts.", "success")
    return redirect(f"/contacts/{contact.id}")


@router.get("/contacts/{contact_id}")
def show_contact(request: Request, db: DbSession, user: RequireUser, contact_id: int) -> Response:
    """One contact, with a link to write to them and their recent mail."""
    contact = _owned(db, user, contact_id)
    return mail_page(
        request,
        db,
        user,
        "mail/contact.html",
        title=contact.name,
        contact=contact,
        active="contacts",
    )


@router.get("/contacts/{contact_id}/edit")
def edit_contact(request: Request, db: DbSession, user: RequireUser, contact_id: int) -> Response:
    """The edit form."""
    contact = _owned(db, user, contact_id)
    values = {k: getattr(contact, k) for k in ("name", "email", "phone", "company", "notes")}
    return _form(request, db, user, contact, values, {})


@router.post("/contacts/{contact_id}/edit")
def update_contact(
    request: Request,
    db: DbSession,
    user: RequireUser,
    contact_id: int,
    name: str = Form(""),
    email: str = Form(""),
    phone: str = Form(""),
    company: str = Form(""),
    notes: str = Form(""),
) -> Response:
    """Save changes to a contact."""
    contact = _owned(db, user, contact_id)
    values = _values(name, email, phone, company, notes)
    errors = _validate(db, user, values, contact.id)
    if errors:
        return _form(request, db, user, contact, values, errors, 400)
    for key, value in values.items():
        setattr(contact, key, value)
    db.commit()
    flash(request, "Contact saved.", "success")
    return redirect(f"/contacts/{contact.id}")


@router.post("/contacts/{contact_id}/delete")
def delete_contact(request: Request, db: DbSession, user: RequireUser, contact_id: int) -> Response:
    """Remove a contact."""
    contact = _owned(db, user, contact_id)
    db.delete(contact)
    db.commit()
    flash(request, f"{contact.name} removed from your contacts.", "success")
    return redirect("/contacts")


@router.get("/api/contacts")
def autocomplete(db: DbSession, user: RequireUser, q: str = "") -> JSONResponse:
    """Up to 8 suggestions for the compose fields: the user's contacts, then the directory."""
    q = q.strip()[:100]
    if not q:
        return JSONResponse({"results": []})
    like = f"%{q}%"
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for c in db.scalars(
        select(Contact)
        .where(
            Contact.owner_id == user.id, or_(Contact.name.ilike(like), Contact.email.ilike(like))
        )
        .order_by(Contact.name)
        .limit(8)
    ):
        if c.email not in seen:
            seen.add(c.email)
            out.append({"name": c.name, "email": c.email, "source": "contact"})
    for u in db.scalars(
        select(User)
        .where(or_(User.display_name.ilike(like), User.email.ilike(like)))
        .order_by(User.display_name)
        .limit(8)
    ):
        if u.email not in seen and len(out) < 8:
            seen.add(u.email)
            out.append({"name": u.display_name, "email": u.email, "source": "directory"})
    return JSONResponse({"results": out[:8]})
