"""Account: overview, settings, password, address book and registration."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    log_in,
    now,
    redirect,
    render,
)
from guigym.images.sites.shop.models import Address, Order, User, Wishlist
from guigym.images.sites.shop.routes._common import FormErrors, not_found, read_form
from guigym.images.sites.shop.routes.checkout import address_from_form
from sqlalchemy import func, select

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")


@router.get("/account")
def account(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Overview: recent orders, counts, shortcuts."""
    recent = db.scalars(
        select(Order)
        .where(Order.user_id == user.id)
        .order_by(Order.created_at.desc(), Order.id.desc())
        .limit(5)
    ).all()
    n_orders = db.scalar(select(func.count()).where(Order.user_id == user.id))
    n_wish = db.scalar(select(func.count()).where(Wishlist.user_id == user.id))
    return render(
        request,
        "shop/account.html",
        recent=recent,
        n_orders=n_orders,
        n_wish=n_wish,
        n_addresses=len(user.addresses),
    )


def _settings(
    request: Request,
    form: dict,
    errors: dict,
    status_code: int = 200,
    pw_errors: dict | None = None,
) -> Response:
    return render(
        request,
        "shop/settings.html",
        status_code=status_code,
        form=form,
        errors=errors,
        pw_errors=pw_errors or {},
    )


@router.get("/account/settings")
def settings_page(request: Request, user: RequireUser) -> Response:
    """Profile form and password form."""
    form = {
        "display_name": user.display_name,
        "email": user.email,
        "phone": user.phone,
        "marketing_opt_in": "1" if user.marketing_opt_in else "",
    }
    return _settings(request, form, {})


@router.post("/account/settings")
async def settings_submit(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Save name, email, phone and newsletter choice."""
    form = await read_form(request)
    errors = FormErrors()
    name = errors.need("display_name", form.get("display_name", ""), "Name", 120)
    email = errors.need("email", form.get("email", ""), "Email", 254).lower()
    phone = errors.optional("phone", form.get("phone", ""), "Phone", 40)
    if email and "email" not in errors and not _EMAIL.match(email):
        errors["email"] = "Enter a valid email address like name@example.com."
    if errors:
        return _settings(request, form, errors, status.HTTP_400_BAD_REQUEST)
    user.display_name, user.email, user.phone = name, email, phone
    user.marketing_opt_in = bool(form.get("marketing_opt_in"))
    db.commit()
    flash(request, "Your settings were saved.", "success")
    return redirect("/account/settings")


@router.post("/account/password")
async def password_submit(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Change the password (current password required)."""
    form = await read_form(request)
    errors: dict[str, str] = {}
    new = form.get("new_password", "")
    if not user.check_password(form.get("current_password", "")[:254]):
        errors["current_password"] = "Your current password is wrong."
    if len(new) < 8:
        errors["new_password"] = "The new password must have at least 8 characters."
    elif len(new) > 128:
        errors["new_password"] = "The new password must have at most 128 characters."
    elif new != form.get("confirm_password", ""):
        errors["confirm_password"] = "The two new passwords do not match."
    if errors:
        profile = {
            "display_name": user.display_name,
            "email": user.email,
            "phone": user.phone,
            "marketing_opt_in": "1" if user.marketing_opt_in else "",
        }
        return _settings(request, profile, {}, status.HTTP_400_BAD_REQUEST, errors)
    user.set_password(new)
    db.commit()
    flash(request, "Your password was changed.", "success")
    return redirect("/account/settings")


@router.get("/account/addresses")
def addresses(request: Request, user: RequireUser) -> Response:
    """The address book with a form for a new address."""
    return render(
        request, "shop/addresses.html", addresses=user.addresses, form={}, errors={}, editing=None
    )


def _address_or_404(db: DbSession, user, address_id: int) -> Address:
    address = db.get(Address, address_id)
    if address is None or address.user_id != user.id:
        raise not_found("That address")
    return address


@router.post("/account/addresses")
async def address_add(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Add an address (the first one becomes the default)."""
    form = await read_form(request)
    errors = FormErrors()
    fields = address_from_form(form, errors)
    label = errors.need("label", form.get("label", "Home"), "Label", 40)
    if errors:
        return render(
            request,
            "shop/addresses.html",
            status_code=status.HTTP_400_BAD_REQUEST,
            addresses=user.addresses,
            form=form,
            errors=errors,
            editing=None,
        )
    first = not user.addresses
    make_default = first or bool(form.get("is_default"))
    if make_default:
        for a in user.addresses:
            a.is_default = False
    user.addresses.append(Address(label=label, is_default=make_default, **fields))
    db.commit()
    flash(request, f"Address “{label}” added.", "success")
    return redirect("/account/addresses")


@router.get("/account/addresses/{address_id}/edit")
def address_edit(request: Request, db: DbSession, user: RequireUser, address_id: int) -> Response:
    """Edit form for one address."""
    address = _address_or_404(db, user, address_id)
    form = {
        k: getattr(address, k)
        for k in ("label", "full_name", "street", "city", "postcode", "country", "phone")
    }
    return render(request, "shop/address_edit.html", address=address, form=form, errors={})


@router.post("/account/addresses/{address_id}/edit")
async def address_update(
    request: Request, db: DbSession, user: RequireUser, address_id: int
) -> Response:
    """Save an edited address."""
    address = _address_or_404(db, user, address_id)
    form = await read_form(request)
    errors = FormErrors()
    fields = address_from_form(form, errors)
    label = errors.need("label", form.get("label", ""), "Label", 40)
    if errors:
        return render(
            request,
            "shop/address_edit.html",
            status_code=status.HTTP_400_BAD_REQUEST,
            address=address,
            form=form,
            errors=errors,
        )
    for key, value in fields.items():
        setattr(address, key, value)
    address.label = label
    db.commit()
    flash(request, f"Address “{label}” updated.", "success")
    return redirect("/account/addresses")


@router.post("/account/addresses/{address_id}/delete")
def address_delete(request: Request, db: DbSession, user: RequireUser, address_id: int) -> Response:
    """Delete an address (another one becomes default if needed)."""
    address = _address_or_404(db, user, address_id)
    was_default = address.is_default
    user.addresses.remove(address)
    db.delete(address)
    if was_default and user.addresses:
        user.addresses[0].is_default = True
    db.commit()
    flash(request, f"Address “{address.label}” deleted.", "info")
    return redirect("/account/addresses")


@router.post("/account/addresses/{address_id}/default")
def address_default(
    request: Request, db: DbSession, user: RequireUser, address_id: int
) -> Response:
    """Make an address the default one."""
    address = _address_or_404(db, user, address_id)
    for a in user.addresses:
        a.is_default = a.id == address.id
    db.commit()
    flash(request, f"“{address.label}” is now your default address.", "success")
    return redirect("/account/addresses")


@router.get("/register")
def register_page(request: Request, user: CurrentUser) -> Response:
    """Create an account."""
    if user is not None:
        return redirect("/account")
    return render(request, "shop/register.html", form={}, errors={})


@router.post("/register")
async def register_submit(request: Request, db: DbSession) -> Response:
    """Validate and create a customer account, then sign in."""
    form = await read_form(request)
    errors = FormErrors()
    username = errors.need("username", form.get("username", ""), "Username", 32).lower()
    name = errors.need("display_name", form.get("display_name", ""), "Full name", 120)
    email = errors.need("email", form.get("email", ""), "Email", 254).lower()
    password = form.get("password", "")
    if username and "username" not in errors and not _USERNAME.match(username):
        errors["username"] = (
            "Use 3 to 32 lowercase letters, digits, dots, dashes or "
            "underscores, starting with a letter or digit."
        )
    elif username and db.scalar(select(User.id).where(User.username == username)) is not None:
        errors["username"] = f"The username {username} is already taken."
    if email and "email" not in errors and not _EMAIL.match(email):
        errors["email"] = "Enter a valid email address like name@example.com."
    if len(password) < 8:
        errors["password"] = "The password must have at least 8 characters."
    elif len(password) > 128:
        errors["password"] = "The password must have at most 128 characters."
    elif password != form.get("confirm_password", ""):
        errors["confirm_password"] = "The two passwords do not match."
    if errors:
        form.pop("password", None)
        form.pop("confirm_password", None)
        return render(
            request,
            "shop/register.html",
            status_code=status.HTTP_400_BAD_REQUEST,
            form=form,
            errors=errors,
        )
    user = User(
        username=username,
        email=email,
        display_name=name,
        is_admin=False,
        phone="",
        created_at=now(),
    )
    user.set_password(password)
    db.add(user)
    db.commit()
    log_in(request, user)
    flash(request, f"Welcome to the store, {name}!", "success")
    return redirect("/account")
