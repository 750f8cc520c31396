"""Back office: sales reports by date range, and coupons."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import (
    DbSession,
    RequireAdmin,
    csrf_protect,
    flash,
    now,
    redirect,
    render,
)
from guigym.images.sites.shop.models import Coupon, Order, OrderItem, Product
from guigym.images.sites.shop.routes._common import FormErrors, categories, parse_int, read_form
from guigym.images.sites.shop.services import parse_money
from sqlalchemy import func, select

__all__ = ["router", "sales_report"]

router = APIRouter(prefix="/admin", dependencies=[Depends(csrf_protect)])
#: Orders that count as sales (cancelled ones never do; refunds are subtracted).
_COUNTED = ("pending", "processing", "shipped", "delivered", "refunded")


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def sales_report(db: DbSession, start: date, end: date) -> dict:
    """Sales between ``start`` and ``end`` inclusive (order dates, UTC)."""
    lo = datetime.combine(start, datetime.min.time())
    hi = datetime.combine(end + timedelta(days=1), datetime.min.time())
    where = (Order.created_at >= lo, Order.created_at < hi, Order.status.in_(_COUNTED))
    n, gross, refunded, discounts, shipping = db.execute(
        select(
            func.count(),
            func.coalesce(func.sum(Order.total_cents), 0),
            func.coalesce(func.sum(Order.refunded_cents), 0),
            func.coalesce(func.sum(Order.discount_cents), 0),
            func.coalesce(func.sum(Order.shipping_cents), 0),
        ).where(*where)
    ).one()
    day = func.date(Order.created_at)
    by_day = db.execute(
        select(day, func.count(), func.sum(Order.total_cents))
        .where(*where)
        .group_by(day)
        .order_by(day)
    ).all()
    joined = select(OrderItem, Order).join(Order, OrderItem.order_id == Order.id).where(*where)
    sub = joined.subquery()
    units = db.scalar(select(func.coalesce(func.sum(sub.c.qty), 0))) or 0
    by_category = db.execute(
        select(Product.category, func.sum(OrderItem.qty), func.sum(OrderItem.line_total_cents))
        .join(Order, OrderItem.order_id == Order.id)
        .join(Product, OrderItem.product_id == Product.id)
        .where(*where)
        .group_by(Product.category)
        .order_by(func.sum(OrderItem.line_total_cents).desc())
    ).all()
    top = db.execute(
        select(
            OrderItem.sku,
            OrderItem.name,
            func.sum(OrderItem.qty).label("units"),
            func.sum(OrderItem.line_total_cents).label("revenue"),
        )
        .join(Order, OrderItem.order_id == Order.id)
        .where(*where)
        .group_by(OrderItem.sku, OrderItem.name)
        .order_by(func.sum(OrderItem.line_total_cents).desc(), OrderItem.sku)
        .limit(10)
    ).all()
    return {
        "orders": n,
        "gross_cents": gross,
        "refunded_cents": refunded,
        "net_cents": gross - refunded,
        "discount_cents": discounts,
        "shipping_cents": shipping,
        "units": units,
        "average_cents": gross // n if n else 0,
        "by_day": by_day,
        "by_category": by_category,
        "top": top,
    }


@router.get("/reports")
def reports(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Sales report for ``?start=YYYY-MM-DD&end=YYYY-MM-DD`` (default: the last 30 days)."""
    qp = request.query_params
    today = now().date()
    start = _parse_date(qp.get("start")) if qp.get("start") else today - timedelta(days=29)
    end = _parse_date(qp.get("end")) if qp.get("end") else today
    error = None
    if start is None or end is None:
        error = "Dates must look like 2026-04-30."
    elif start > end:
        error = "The start date is after the end date."
    elif (end - start).days > 366:
        error = "Choose a range of at most one year."
    if error:
        return render(
            request,
            "shop/admin/reports.html",
            status_code=status.HTTP_400_BAD_REQUEST,
            error=error,
            start=qp.get("start", "")[:10],
            end=qp.get("end", "")[:10],
            report=None,
        )
    return render(
        request,
        "shop/admin/reports.html",
        error=None,
        start=start.isoformat(),
        end=end.isoformat(),
        report=sales_report(db, start, end),
    )


@router.get("/coupons")
def coupons(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """All coupons with their state and a form to create one."""
    rows = db.scalars(select(Coupon).order_by(Coupon.code)).all()
    return render(
        request,
        "shop/admin/coupons.html",
        coupons=rows,
        form={},
        errors={},
        categories=categories(db),
    )


@router.post("/coupons")
async def coupon_create(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Create a coupon (percent or fixed amount, optional minimum and category)."""
    form = await read_form(request)
    errors = FormErrors()
    code = errors.need("code", form.get("code", ""), "Code", 40).upper()
    if code and not code.replace("-", "").replace("_", "").isalnum():
        errors["code"] = "Use letters, digits, dashes and underscores only."
    elif code and db.scalar(select(Coupon.id).where(Coupon.code == code)) is not None:
        errors["code"] = f"A coupon {code} already exists."
    description = errors.need("description", form.get("description", ""), "Description")
    percent = parse_int(form.get("percent_off") or "0")
    amount = 0
    try:
        amount = parse_money(form.get("amount_off") or "0")
    except ValueError as exc:
        errors["amount_off"] = f"Amount off: {exc}."
    if percent is None or not 0 <= percent <= 90:
        errors["percent_off"] = "Percent off must be a whole number from 0 to 90."
    elif amount < 0:
        errors["amount_off"] = "Amount off cannot be negative."
    elif bool(percent) == bool(amount):
        errors["percent_off"] = "Give either a percent off or an amount off (exactly one)."
    days = parse_int(form.get("days") or "30")
    if days is None or not 1 <= days <= 730:
        errors["days"] = "Valid for must be between 1 and 730 days."
    cats = {c.slug for c in categories(db)}
    category = form.get("category") or None
    if category is not None and category not in cats:
        errors["category"] = "Choose a category or leave it empty."
    if errors:
        rows = db.scalars(select(Coupon).order_by(Coupon.code)).all()
        return render(
            request,
            "shop/admin/coupons.html",
            status_code=status.HTTP_400_BAD_REQUEST,
            coupons=rows,
            form=form,
            errors=errors,
            categories=categories(db),
        )
    db.add(
        Coupon(
            code=code,
            description=description,
            percent_off=percent or 0,
            amount_off_cents=amount,
            min_subtotal_cents=0,
            category=category,
            valid_from=now(),
            valid_until=now() + timedelta(days=days),
            active=True,
        )
    )
    db.commit()
    flash(request, f"Coupon {code} created.", "success")
    return redirect("/admin/coupons")


@router.post("/coupons/{code}/toggle")
def coupon_toggle(request: Request, db: DbSession, admin: RequireAdmin, code: str) -> Response:
    """Activate or deactivate a coupon."""
    coupon = db.scalar(select(Coupon).where(Coupon.code == code.upper()))
    if coupon is None:
        from guigym.images.sites.shop.routes._common import not_found

        raise not_found(f"The coupon {code[:40]!r}")
    coupon.active = not coupon.active
    db.commit()
    flash(
        request,
        f"Coupon {coupon.code} is now {'active' if coupon.active else 'inactive'}.",
        "success",
    )
    return redirect("/admin/coupons")
