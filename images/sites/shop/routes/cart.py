"""The cart (add, change quantity, remove, coupon) and the wishlist."""

from __future__ import annotations

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
    safe_next,
)
from guigym.images.sites.shop.models import CartItem, Coupon, Wishlist
from guigym.images.sites.shop.routes._common import (
    MAX_QTY,
    not_found,
    parse_int,
    product_or_404,
    read_form,
)
from guigym.images.sites.shop.services import add_to_cart, cart_for, cart_totals, coupon_problem
from sqlalchemy import select

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])


def _cart_page(request: Request, db: DbSession, user, status_code: int = 200, **extra) -> Response:
    cart = cart_for(db, user, now())
    totals = cart_totals(db, cart, now())
    return render(
        request, "shop/cart.html", status_code=status_code, cart=cart, totals=totals, **extra
    )


@router.get("/cart")
def cart_page(request: Request, db: DbSession, user: RequireUser) -> Response:
    """The cart with totals and the coupon box."""
    return _cart_page(request, db, user)


def _qty(value: str | None) -> tuple[int | None, str | None]:
    qty = parse_int(value)
    if qty is None:
        return None, "Quantity must be a whole number."
    if qty < 1:
        return None, "Quantity must be at least 1."
    if qty > MAX_QTY:
        return None, f"You can order at most {MAX_QTY} units of one product."
    return qty, None


@router.get("/cart/add")
@router.get("/cart/update")
@router.get("/cart/remove")
@router.get("/cart/coupon")
@router.get("/wishlist/add")
@router.get("/wishlist/remove")
def _after_login(request: Request) -> Response:
    """A form posted while signed out comes back here as a GET after login: go to the cart."""
    return redirect("/wishlist" if request.url.path.startswith("/wishlist") else "/cart")


@router.post("/cart/add")
async def cart_add(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Add a product (form: sku, qty) and go to the cart."""
    form = await read_form(request)
    product = product_or_404(db, form.get("sku", ""))
    qty, error = _qty(form.get("qty", "1"))
    back = safe_next(form.get("next"), f"/product/{product.sku}")
    if error is None and qty is not None:
        cart = cart_for(db, user, now(), create=True)
        current = next((i.qty for i in cart.items if i.product_id == product.id), 0)
        if product.stock <= 0:
            error = f"Sorry, {product.name} is out of stock."
        elif current + qty > product.stock:
            error = f"Only {product.stock} units of {product.name} are in stock."
        elif current + qty > MAX_QTY:
            error = f"You can order at most {MAX_QTY} units of one product."
    if error:
        flash(request, error, "error")
        return redirect(back)
    add_to_cart(db, cart, product, qty, now())
    db.commit()
    flash(request, f"Added {qty} × {product.name} to your cart.", "success")
    return redirect("/cart")


@router.post("/cart/update")
async def cart_update(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Change one line's quantity (form: item_id, qty); 0 is refused, use Remove."""
    form = await read_form(request)
    cart = cart_for(db, user, now())
    item = db.get(CartItem, parse_int(form.get("item_id"), -1) or -1)
    if cart is None or item is None or item.cart_id != cart.id:
        raise not_found("That cart line")
    qty, error = _qty(form.get("qty"))
    if error is None and qty is not None and qty > item.product.stock:
        error = f"Only {item.product.stock} units of {item.product.name} are in stock."
    if error:
        return _cart_page(
            request, db, user, status.HTTP_400_BAD_REQUEST, line_errors={item.id: error}
        )
    item.qty = qty
    cart.updated_at = now()
    db.commit()
    flash(request, f"Updated the quantity of {item.product.name}.", "success")
    return redirect("/cart")


@router.post("/cart/remove")
async def cart_remove(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Remove one line (form: item_id)."""
    form = await read_form(request)
    cart = cart_for(db, user, now())
    item = db.get(CartItem, parse_int(form.get("item_id"), -1) or -1)
    if cart is None or item is None or item.cart_id != cart.id:
        raise not_found("That cart line")
    name = item.product.name
    cart.items.remove(item)
    cart.updated_at = now()
    db.commit()
    flash(request, f"Removed {name} from your cart.", "info")
    return redirect("/cart")


@router.post("/cart/coupon")
async def cart_coupon(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Apply a coupon code (form: code) or remove it (form: remove=1)."""
    form = await read_form(request)
    cart = cart_for(db, user, now(), create=True)
    if form.get("remove"):
        cart.coupon_code = None
        db.commit()
        flash(request, "Coupon removed.", "info")
        return redirect("/cart")
    code = form.get("code", "").strip().upper()[:40]
    if not code:
        return _cart_page(
            request,
            db,
            user,
            status.HTTP_400_BAD_REQUEST,
            coupon_error="Enter a coupon code.",
            coupon_value="",
        )
    coupon = db.scalar(select(Coupon).where(Coupon.code == code))
    totals = cart_totals(db, cart, now())
    problem = coupon_problem(coupon, totals.subtotal_cents, now())
    if (
        problem is None
        and coupon is not None
        and coupon.category
        and not any(p.category == coupon.category for p, _ in totals.lines)
    ):
        problem = f"The coupon {code} only applies to {coupon.category}; none are in your cart."
    if problem:
        return _cart_page(
            request, db, user, status.HTTP_400_BAD_REQUEST, coupon_error=problem, coupon_value=code
        )
    cart.coupon_code = code
    db.commit()
    flash(request, f"Coupon {code} applied: {coupon.description}.", "success")
    return redirect("/cart")


@router.get("/wishlist")
def wishlist_page(request: Request, db: DbSession, user: RequireUser) -> Response:
    """The customer's saved products."""
    items = db.scalars(
        select(Wishlist)
        .where(Wishlist.user_id == user.id)
        .order_by(Wishlist.created_at.desc(), Wishlist.id.desc())
    ).all()
    return render(request, "shop/wishlist.html", items=items)


@router.post("/wishlist/add")
async def wishlist_add(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Save a product (form: sku)."""
    form = await read_form(request)
    product = product_or_404(db, form.get("sku", ""))
    exists = db.scalar(
        select(Wishlist).where(Wishlist.user_id == user.id, Wishlist.product_id == product.id)
    )
    if exists is None:
        db.add(Wishlist(user_id=user.id, product_id=product.id, created_at=now()))
        db.commit()
        flash(request, f"Saved {product.name} to your wishlist.", "success")
    else:
        flash(request, f"{product.name} is already in your wishlist.", "info")
    return redirect(safe_next(form.get("next"), f"/product/{product.sku}"))


@router.post("/wishlist/remove")
async def wishlist_remove(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Remove a product from the wishlist (form: sku)."""
    form = await read_form(request)
    product = product_or_404(db, form.get("sku", ""), active_only=False)
    row = db.scalar(
        select(Wishlist).where(Wishlist.user_id == user.id, Wishlist.product_id == product.id)
    )
    if row is None:
        raise not_found(f"{product.name} in your wishlist")
    db.delete(row)
    db.commit()
    flash(request, f"Removed {product.name} from your wishlist.", "info")
    return redirect(safe_next(form.get("next"), "/wishlist"))
