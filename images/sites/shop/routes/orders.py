"""The customer's orders: history, detail, cancellation and return requests."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import (
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    now,
    paginate,
    redirect,
    render,
)
from guigym.images.sites.shop.models import ORDER_STATUSES, Order, OrderItem, Return
from guigym.images.sites.shop.routes._common import (
    MAX_TEXT,
    FormErrors,
    order_or_404,
    parse_int,
    read_form,
)
from guigym.images.sites.shop.services import CUSTOMER_CANCELLABLE, next_number, set_status
from sqlalchemy import func, select

__all__ = ["router", "RETURN_REASONS", "RETURN_WINDOW_DAYS"]

router = APIRouter(dependencies=[Depends(csrf_protect)])
RETURN_WINDOW_DAYS = 30
RETURN_REASONS = {
    "damaged": "Arrived damaged",
    "defective": "Defective or does not work",
    "wrong_item": "Wrong item was sent",
    "not_as_described": "Not as described",
    "no_longer_needed": "No longer needed",
}


@router.get("/orders")
def orders(request: Request, db: DbSession, user: RequireUser) -> Response:
    """Order history, newest first, filterable by status."""
    wanted = request.query_params.get("status", "")
    stmt = select(Order).where(Order.user_id == user.id)
    if wanted in ORDER_STATUSES:
        stmt = stmt.where(Order.status == wanted)
    page = paginate(
        db,
        stmt.order_by(Order.created_at.desc(), Order.id.desc()),
        request.query_params.get("page"),
        10,
    )
    return render(
        request, "shop/orders.html", page=page, status_filter=wanted, statuses=ORDER_STATUSES
    )


def _returned_qty(db: DbSession, item: OrderItem) -> int:
    return (
        db.scalar(
            select(func.coalesce(func.sum(Return.qty), 0)).where(
                Return.order_item_id == item.id, Return.status != "rejected"
            )
        )
        or 0
    )


def _returnable(db: DbSession, order: Order) -> dict[int, int]:
    """order item id -> units that may still be returned (empty if outside the window)."""
    if order.status != "delivered":
        return {}
    delivered = next(
        (e.created_at for e in reversed(order.events) if e.status == "delivered"), order.updated_at
    )
    if (now() - delivered).days > RETURN_WINDOW_DAYS:
        return {}
    out = {item.id: item.qty - _returned_qty(db, item) for item in order.items}
    return {k: v for k, v in out.items() if v > 0}


@router.get("/orders/{number}")
def order_detail(request: Request, db: DbSession, user: RequireUser, number: str) -> Response:
    """One order: items, totals, address, payment, history, returns."""
    order = order_or_404(db, number, user)
    returns = db.scalars(
        select(Return).where(Return.order_id == order.id).order_by(Return.id)
    ).all()
    return render(
        request,
        "shop/order.html",
        order=order,
        returns=returns,
        returnable=_returnable(db, order),
        cancellable=order.status in CUSTOMER_CANCELLABLE,
    )


@router.post("/orders/{number}/cancel")
def order_cancel(request: Request, db: DbSession, user: RequireUser, number: str) -> Response:
    """Cancel an order that has not shipped yet (units go back to stock, payment voided)."""
    order = order_or_404(db, number, user)
    if order.status not in CUSTOMER_CANCELLABLE:
        flash(
            request,
            f"Order {order.number} is {order.status} and can no longer be cancelled.",
            "error",
        )
        return redirect(f"/orders/{order.number}")
    set_status(db, order, "cancelled", user.username, now(), "Cancelled by the customer")
    db.commit()
    flash(request, f"Order {order.number} was cancelled.", "success")
    return redirect(f"/orders/{order.number}")


def _return_page(
    request: Request, db: DbSession, order: Order, form: dict, errors: dict, status_code: int = 200
) -> Response:
    return render(
        request,
        "shop/return_form.html",
        status_code=status_code,
        order=order,
        returnable=_returnable(db, order),
        reasons=RETURN_REASONS,
        form=form,
        errors=errors,
    )


@router.get("/orders/{number}/return")
def return_form(request: Request, db: DbSession, user: RequireUser, number: str) -> Response:
    """Form to request a return of one item of a delivered order."""
    order = order_or_404(db, number, user)
    if not _returnable(db, order):
        flash(
            request,
            f"Nothing in order {order.number} can be returned "
            f"(only delivered orders, within {RETURN_WINDOW_DAYS} days).",
            "warning",
        )
        return redirect(f"/orders/{order.number}")
    return _return_page(request, db, order, {"qty": "1"}, {})


@router.post("/orders/{number}/return")
async def return_submit(
    request: Request, db: DbSession, user: RequireUser, number: str
) -> Response:
    """Create the return request (status "requested")."""
    order = order_or_404(db, number, user)
    form = await read_form(request)
    returnable = _returnable(db, order)
    errors = FormErrors()
    item_id = parse_int(form.get("item_id"))
    if item_id not in returnable:
        errors["item_id"] = "Choose an item of this order that can be returned."
    qty = parse_int(form.get("qty"))
    if qty is None or qty < 1:
        errors["qty"] = "Quantity must be a whole number of at least 1."
    elif item_id in returnable and qty > returnable[item_id]:
        errors["qty"] = f"You can return at most {returnable[item_id]} of this item."
    reason = form.get("reason", "")
    if reason not in RETURN_REASONS:
        errors["reason"] = "Choose a reason for the return."
    comment = errors.optional("comment", form.get("comment", ""), "Comment", MAX_TEXT)
    if errors:
        return _return_page(request, db, order, form, errors, status.HTTP_400_BAD_REQUEST)
    number_ = next_number(db, Return.number, "RMA", 5001)
    db.add(
        Return(
            number=number_,
            order_id=order.id,
            order_item_id=item_id,
            user_id=user.id,
            qty=qty,
            reason=reason,
            comment=comment,
            status="requested",
            created_at=now(),
        )
    )
    db.commit()
    flash(request, f"Return {number_} requested. We will email you a prepaid label.", "success")
    return redirect("/returns")


@router.get("/returns")
def my_returns(request: Request, db: DbSession, user: RequireUser) -> Response:
    """The customer's return requests."""
    rows = db.scalars(
        select(Return)
        .where(Return.user_id == user.id)
        .order_by(Return.created_at.desc(), Return.id.desc())
    ).all()
    return render(request, "shop/returns.html", returns=rows, reasons=RETURN_REASONS)
