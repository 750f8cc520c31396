"""Back office: dashboard, orders (status changes, refunds) and return requests."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import (
    DbSession,
    RequireAdmin,
    csrf_protect,
    flash,
    now,
    paginate,
    redirect,
    render,
)
from guigym.images.sites.shop.models import (
    ORDER_STATUSES,
    RETURN_STATUSES,
    Order,
    Product,
    Question,
    Return,
)
from guigym.images.sites.shop.routes._common import (
    MAX_LINE,
    FormErrors,
    not_found,
    order_or_404,
    read_form,
)
from guigym.images.sites.shop.services import TRANSITIONS, money, parse_money, refund, set_status
from sqlalchemy import func, or_, select

__all__ = ["router"]

router = APIRouter(prefix="/admin", dependencies=[Depends(csrf_protect)])


@router.get("")
def dashboard(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Today's numbers, orders to handle, low stock, open returns and questions."""
    t = now()
    start = t.replace(hour=0, minute=0, second=0, microsecond=0)
    paid = Order.status.not_in(("cancelled", "refunded"))

    def sales(since):
        return db.execute(
            select(func.count(), func.coalesce(func.sum(Order.total_cents), 0)).where(
                Order.created_at >= since, Order.created_at <= t, paid
            )
        ).one()

    stats = {
        "today": sales(start),
        "week": sales(t - timedelta(days=7)),
        "month": sales(t - timedelta(days=30)),
    }
    to_handle = db.scalars(
        select(Order)
        .where(Order.status.in_(("pending", "processing")))
        .order_by(Order.created_at, Order.id)
        .limit(10)
    ).all()
    n_low = db.scalar(
        select(func.count())
        .select_from(Product)
        .where(Product.stock <= Product.reorder_level, Product.is_active)
    )
    n_returns = db.scalar(
        select(func.count()).select_from(Return).where(Return.status == "requested")
    )
    n_questions = db.scalar(
        select(func.count()).select_from(Question).where(Question.answer.is_(None))
    )
    return render(
        request,
        "shop/admin/dashboard.html",
        stats=stats,
        to_handle=to_handle,
        n_low=n_low,
        n_returns=n_returns,
        n_questions=n_questions,
    )


@router.get("/orders")
def orders(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """All orders with search (number, customer) and status filter."""
    qp = request.query_params
    q, wanted = qp.get("q", "").strip()[:MAX_LINE], qp.get("status", "")
    stmt = select(Order)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(
            or_(Order.number.ilike(like), Order.customer.ilike(like), Order.ship_name.ilike(like))
        )
    if wanted in ORDER_STATUSES:
        stmt = stmt.where(Order.status == wanted)
    page = paginate(db, stmt.order_by(Order.created_at.desc(), Order.id.desc()), qp.get("page"), 25)
    return render(
        request,
        "shop/admin/orders.html",
        page=page,
        q=q,
        status_filter=wanted,
        statuses=ORDER_STATUSES,
    )


def _order_page(
    request: Request,
    db: DbSession,
    order: Order,
    errors: dict | None = None,
    form: dict | None = None,
    status_code: int = 200,
) -> Response:
    returns = db.scalars(
        select(Return).where(Return.order_id == order.id).order_by(Return.id)
    ).all()
    return render(
        request,
        "shop/admin/order.html",
        status_code=status_code,
        order=order,
        returns=returns,
        transitions=TRANSITIONS[order.status],
        errors=errors or {},
        form=form or {},
    )


@router.get("/orders/{number}")
def order_detail(request: Request, db: DbSession, admin: RequireAdmin, number: str) -> Response:
    """An order with its history, status form and refund form."""
    return _order_page(request, db, order_or_404(db, number))


@router.post("/orders/{number}/status")
async def order_status(
    request: Request, db: DbSession, admin: RequireAdmin, number: str
) -> Response:
    """Move an order along (pending -> processing -> shipped -> delivered, or cancelled)."""
    order = order_or_404(db, number)
    form = await read_form(request)
    errors = FormErrors()
    new = form.get("status", "")
    note = errors.optional("note", form.get("note", ""), "Note", 300)
    if new not in TRANSITIONS[order.status]:
        allowed = ", ".join(TRANSITIONS[order.status]) or "none"
        errors["status"] = (
            f"An order that is {order.status} cannot become {new or '(nothing)'}; "
            f"allowed: {allowed}."
        )
    if errors:
        return _order_page(request, db, order, errors, form, status.HTTP_400_BAD_REQUEST)
    set_status(db, order, new, admin.username, now(), note)
    db.commit()
    flash(request, f"Order {order.number} is now {new}.", "success")
    return redirect(f"/admin/orders/{order.number}")


@router.post("/orders/{number}/refund")
async def order_refund(
    request: Request, db: DbSession, admin: RequireAdmin, number: str
) -> Response:
    """Refund an amount (at most what is left); the full amount marks the order refunded."""
    order = order_or_404(db, number)
    form = await read_form(request)
    errors = FormErrors()
    reason = errors.need("reason", form.get("reason", ""), "Reason", 300)
    amount = 0
    try:
        amount = parse_money(form.get("amount", ""))
    except ValueError as exc:
        errors["amount"] = f"Amount: {exc}."
    else:
        if amount <= 0:
            errors["amount"] = "The refund amount must be greater than zero."
        elif amount > order.refundable_cents:
            errors["amount"] = (
                f"At most {money(order.refundable_cents)} can still be refunded on this order."
            )
    if order.status in ("pending", "cancelled"):
        errors["amount"] = (
            f"An order that is {order.status} has not been charged; nothing to refund."
        )
    if errors:
        return _order_page(request, db, order, errors, form, status.HTTP_400_BAD_REQUEST)
    refund(db, order, amount, reason, admin.username, now())
    db.commit()
    flash(request, f"Refunded {money(amount)} on order {order.number}.", "success")
    return redirect(f"/admin/orders/{order.number}")


@router.get("/returns")
def returns(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Return requests, open ones first."""
    wanted = request.query_params.get("status", "")
    stmt = select(Return)
    if wanted in RETURN_STATUSES:
        stmt = stmt.where(Return.status == wanted)
    stmt = stmt.order_by((Return.status != "requested"), Return.created_at.desc(), Return.id)
    page = paginate(db, stmt, request.query_params.get("page"), 25)
    return render(
        request,
        "shop/admin/returns.html",
        page=page,
        status_filter=wanted,
        statuses=RETURN_STATUSES,
    )


@router.post("/returns/{number}")
async def return_resolve(
    request: Request, db: DbSession, admin: RequireAdmin, number: str
) -> Response:
    """Approve, reject or refund a return (refunding pays back the returned units)."""
    ret = db.scalar(select(Return).where(Return.number == number.upper()))
    if ret is None:
        raise not_found(f"The return {number[:40]!r}")
    form = await read_form(request)
    action = form.get("action", "")
    allowed = {"requested": ("approved", "rejected"), "approved": ("refunded",)}
    if action not in allowed.get(ret.status, ()):
        flash(
            request,
            f"Return {ret.number} is {ret.status}; it cannot become {action or '?'}.",
            "error",
        )
        return redirect("/admin/returns")
    ret.status = action
    ret.resolved_at = now()
    if action == "refunded":
        amount = min(ret.item.unit_price_cents * ret.qty, ret.order.refundable_cents)
        if amount > 0:
            refund(db, ret.order, amount, f"Return {ret.number}", admin.username, now())
        for_stock = db.get(Product, ret.item.product_id)
        if for_stock is not None:
            for_stock.stock += ret.qty
    db.commit()
    flash(request, f"Return {ret.number} is now {action}.", "success")
    return redirect("/admin/returns")
