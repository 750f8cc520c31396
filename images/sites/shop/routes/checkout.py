"""Checkout: address (saved or new), shipping method, payment, then the order is placed."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import (
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    now,
    redirect,
    render,
)
from guigym.images.sites.shop.models import Address, ShippingMethod
from guigym.images.sites.shop.routes._common import FormErrors, parse_int, read_form
from guigym.images.sites.shop.services import (
    cart_for,
    cart_totals,
    place_order,
    shipping_price,
)
from sqlalchemy import select

__all__ = ["router", "luhn_ok", "address_from_form"]

router = APIRouter(dependencies=[Depends(csrf_protect)])
PAYMENTS = {
    "card": "Credit or debit card",
    "paypal": "PayPal",
    "invoice": "Invoice (pay in 30 days)",
}


def luhn_ok(number: str) -> bool:
    """True if ``number`` (digits) passes the Luhn check."""
    digits = [int(c) for c in number][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def address_from_form(form: dict[str, str], errors: FormErrors, prefix: str = "") -> dict:
    """Validated address fields (``full_name, street, city, postcode, country, phone``)."""
    p = prefix
    return {
        "full_name": errors.need(p + "full_name", form.get(p + "full_name", ""), "Full name", 120),
        "street": errors.need(p + "street", form.get(p + "street", ""), "Street address"),
        "city": errors.need(p + "city", form.get(p + "city", ""), "City", 100),
        "postcode": errors.need(p + "postcode", form.get(p + "postcode", ""), "ZIP code", 20),
        "country": errors.need(
            p + "country", form.get(p + "country", "United States"), "Country", 60
        ),
        "phone": errors.optional(p + "phone", form.get(p + "phone", ""), "Phone", 40),
    }


def _page(
    request: Request, db: DbSession, user, form: dict, errors: dict, status_code: int = 200
) -> Response:
    cart = cart_for(db, user, now())
    totals = cart_totals(db, cart, now())
    methods = db.scalars(select(ShippingMethod).order_by(ShippingMethod.price_cents)).all()
    addresses = db.scalars(
        select(Address).where(Address.user_id == user.id).order_by(Address.id)
    ).all()
    chosen = form.get("shipping_method") or "standard"
    method = next((m for m in methods if m.code == chosen), methods[0])
    shipping = shipping_price(method, totals.after_discount_cents)
    return render(
        request,
        "shop/checkout.html",
        status_code=status_code,
        totals=totals,
        methods=methods,
        addresses=addresses,
        form=form,
        errors=errors,
        payments=PAYMENTS,
        shipping=shipping,
        total=totals.after_discount_cents + shipping,
        shipping_prices={m.code: shipping_price(m, totals.after_discount_cents) for m in methods},
    )


@router.get("/checkout")
def checkout_page(request: Request, db: DbSession, user: RequireUser) -> Response:
    """The checkout form (empty carts go back to the cart)."""
    cart = cart_for(db, user, now())
    if cart is None or not cart.items:
        flash(request, "Your cart is empty: add something before checking out.", "warning")
        return redirect("/cart")
    default = db.scalar(
        select(Address)
        .where(Address.user_id == user.id)
        .order_by(Address.is_default.desc(), Address.id)
    )
    form = {
        "address_id": str(default.id) if default else "",
        "shipping_method": "standard",
        "payment_method": "card",
    }
    return _page(request, db, user, form, {})


@router.post("/checkout")
async def checkout_submit(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Validate everything, place the order, empty the cart, show the confirmation."""
    form = await read_form(request)
    cart = cart_for(db, user, now())
    if cart is None or not cart.items:
        flash(request, "Your cart is empty: add something before checking out.", "warning")
        return redirect("/cart")
    errors = FormErrors()
    totals = cart_totals(db, cart, now())
    if totals.coupon_error:
        errors["coupon"] = totals.coupon_error + " Remove it in your cart to continue."
    for product, qty in totals.lines:
        if not product.is_active or qty > product.stock:
            errors["cart"] = (
                f"Only {max(product.stock, 0)} units of {product.name} are in stock;"
                " please update your cart."
            )
    address_choice = form.get("address_id", "")
    address: Address | None = None
    if address_choice == "new" or not address_choice:
        fields = address_from_form(form, errors, "new_")
        if not [k for k in errors if k.startswith("new_")]:
            address = Address(
                user_id=user.id,
                label=(form.get("new_label", "").strip()[:40] or "Other"),
                is_default=False,
                **fields,
            )
    else:
        address = db.get(Address, parse_int(address_choice, -1) or -1)
        if address is None or address.user_id != user.id:
            errors["address_id"] = "Choose one of your saved addresses or enter a new one."
            address = None
    method = db.scalar(
        select(ShippingMethod).where(ShippingMethod.code == form.get("shipping_method", ""))
    )
    if method is None:
        errors["shipping_method"] = "Choose a shipping method."
    payment = form.get("payment_method", "")
    last4 = None
    if payment not in PAYMENTS:
        errors["payment_method"] = "Choose a payment method."
    elif payment == "card":
        number = re.sub(r"[\s-]", "", form.get("card_number", ""))
        if not number.isdigit() or not 12 <= len(number) <= 19 or not luhn_ok(number):
            errors["card_number"] = "Enter a valid card number (12 to 19 digits)."
        else:
            last4 = number[-4:]
        errors.need("card_name", form.get("card_name", ""), "Name on card", 120)
        match = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{2})\s*", form.get("card_expiry", ""))
        if not match or not 1 <= int(match[1]) <= 12:
            errors["card_expiry"] = "Enter the expiry date as MM/YY."
        elif (2000 + int(match[2]), int(match[1])) < (now().year, now().month):
            errors["card_expiry"] = "This card has expired."
        if not re.fullmatch(r"\d{3,4}", form.get("card_cvc", "").strip()):
            errors["card_cvc"] = "Enter the 3 or 4 digit security code."
    if errors or address is None or method is None:
        form.pop("card_number", None)
        form.pop("card_cvc", None)
        return _page(request, db, user, form, errors, status.HTTP_400_BAD_REQUEST)
    if address.id is None:
        if form.get("save_address"):
            db.add(address)
            db.flush()
    order = place_order(
        db,
        user,
        totals.lines,
        address,
        method,
        payment,
        last4,
        totals.coupon,
        totals.discount_cents,
        now(),
    )
    db.delete(cart)
    db.commit()
    flash(request, f"Thank you! Your order {order.number} has been placed.", "success")
    return redirect(f"/orders/{order.number}")
