"""Back office: customers, suppliers and purchase orders."""

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
    PO_STATUSES,
    Order,
    Product,
    PurchaseOrder,
    Supplier,
    User,
)
from guigym.images.sites.shop.routes._common import (
    MAX_LINE,
    FormErrors,
    not_found,
    parse_int,
    read_form,
)
from guigym.images.sites.shop.services import next_number
from sqlalchemy import func, or_, select

__all__ = ["router", "MAX_PO_QTY"]

router = APIRouter(prefix="/admin", dependencies=[Depends(csrf_protect)])
MAX_PO_QTY = 10_000


@router.get("/customers")
def customers(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Customers with order count and lifetime spend."""
    qp = request.query_params
    q = qp.get("q", "").strip()[:MAX_LINE]
    spent = (
        select(
            Order.user_id,
            func.count(Order.id).label("n"),
            func.sum(Order.total_cents - Order.refunded_cents).label("spent"),
            func.max(Order.created_at).label("last"),
        )
        .where(Order.status != "cancelled")
        .group_by(Order.user_id)
        .subquery()
    )
    stmt = (
        select(User, spent.c.n, spent.c.spent, spent.c.last)
        .outerjoin(spent, spent.c.user_id == User.id)
        .where(User.is_admin.is_(False))
    )
    if q:
        like = f"%{q}%"
        stmt = stmt.where(
            or_(User.username.ilike(like), User.display_name.ilike(like), User.email.ilike(like))
        )
    sort = qp.get("sort", "name")
    order = {
        "spent": (spent.c.spent.desc().nulls_last(), User.id),
        "recent": (spent.c.last.desc().nulls_last(), User.id),
    }.get(sort, (User.display_name, User.id))
    page = paginate(db, stmt.order_by(*order), qp.get("page"), 30)
    return render(request, "shop/admin/customers.html", page=page, q=q, sort=sort)


@router.get("/customers/{username}")
def customer(request: Request, db: DbSession, admin: RequireAdmin, username: str) -> Response:
    """One customer: contact, addresses, orders."""
    user = db.scalar(select(User).where(User.username == username, User.is_admin.is_(False)))
    if user is None:
        raise not_found(f"The customer {username[:64]!r}")
    orders = db.scalars(
        select(Order)
        .where(Order.user_id == user.id)
        .order_by(Order.created_at.desc(), Order.id.desc())
    ).all()
    return render(request, "shop/admin/customer.html", customer=user, orders=orders)


@router.get("/suppliers")
def suppliers(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Suppliers with their contact person and number of products."""
    rows = db.execute(
        select(Supplier, func.count(Product.id))
        .outerjoin(Product, Product.supplier_id == Supplier.id)
        .group_by(Supplier.id)
        .order_by(Supplier.name)
    ).all()
    return render(request, "shop/admin/suppliers.html", rows=rows)


@router.get("/suppliers/{supplier_id}")
def supplier(request: Request, db: DbSession, admin: RequireAdmin, supplier_id: int) -> Response:
    """One supplier: contact, products (with stock) and purchase orders."""
    sup = db.get(Supplier, supplier_id)
    if sup is None:
        raise not_found("That supplier")
    products = db.scalars(
        select(Product).where(Product.supplier_id == sup.id).order_by(Product.stock, Product.sku)
    ).all()
    pos = db.scalars(
        select(PurchaseOrder)
        .where(PurchaseOrder.supplier_id == sup.id)
        .order_by(PurchaseOrder.created_at.desc(), PurchaseOrder.id.desc())
    ).all()
    return render(request, "shop/admin/supplier.html", supplier=sup, products=products, pos=pos)


@router.get("/purchase-orders")
def purchase_orders(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Purchase orders, newest first, filterable by status."""
    wanted = request.query_params.get("status", "")
    stmt = select(PurchaseOrder)
    if wanted in PO_STATUSES:
        stmt = stmt.where(PurchaseOrder.status == wanted)
    page = paginate(
        db,
        stmt.order_by(PurchaseOrder.created_at.desc(), PurchaseOrder.id.desc()),
        request.query_params.get("page"),
        25,
    )
    return render(
        request,
        "shop/admin/purchase_orders.html",
        page=page,
        status_filter=wanted,
        statuses=PO_STATUSES,
    )


def _po_form(
    request: Request, db: DbSession, form: dict, errors: dict, status_code: int = 200
) -> Response:
    product = None
    sku = form.get("sku", "").strip().upper()
    if sku:
        product = db.scalar(select(Product).where(Product.sku == sku))
    return render(
        request,
        "shop/admin/po_form.html",
        status_code=status_code,
        form=form,
        errors=errors,
        product=product,
    )


@router.get("/purchase-orders/new")
def po_new(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Form for a PO; ``?sku=`` pre-fills the product (its supplier is used)."""
    sku = request.query_params.get("sku", "")[:20]
    return _po_form(request, db, {"sku": sku, "qty": "20"}, {})


@router.post("/purchase-orders/new")
async def po_create(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Create a PO (status "ordered") for a product from its supplier."""
    form = await read_form(request)
    errors = FormErrors()
    sku = errors.need("sku", form.get("sku", ""), "SKU", 20).upper()
    product = db.scalar(select(Product).where(Product.sku == sku)) if sku else None
    if sku and product is None:
        errors["sku"] = f"There is no product with SKU {sku}."
    elif product is not None and product.supplier_id is None:
        errors["sku"] = f"{sku} has no supplier; set one on the product first."
    qty = parse_int(form.get("qty"))
    if qty is None:
        errors["qty"] = "Quantity must be a whole number."
    elif qty < 1:
        errors["qty"] = "Quantity must be at least 1."
    elif qty > MAX_PO_QTY:
        errors["qty"] = f"Quantity must be at most {MAX_PO_QTY:,}."
    note = errors.optional("note", form.get("note", ""), "Note", 300)
    if errors or product is None or qty is None:
        return _po_form(request, db, form, errors, status.HTTP_400_BAD_REQUEST)
    sup = db.get(Supplier, product.supplier_id)
    number = next_number(db, PurchaseOrder.po_number, "PO", 1001)
    db.add(
        PurchaseOrder(
            po_number=number,
            supplier_id=sup.id,
            sku=product.sku,
            qty=qty,
            unit_cost_cents=product.cost_cents,
            status="ordered",
            note=note,
            created_by=admin.username,
            created_at=now(),
            expected_at=now() + timedelta(days=sup.lead_time_days),
        )
    )
    db.commit()
    flash(
        request,
        f"Purchase order {number} created: {qty} × {product.sku} from {sup.name}.",
        "success",
    )
    return redirect(f"/admin/purchase-orders/{number}")


def _po_or_404(db: DbSession, number: str) -> PurchaseOrder:
    po = db.scalar(select(PurchaseOrder).where(PurchaseOrder.po_number == number.upper()))
    if po is None:
        raise not_found(f"The purchase order {number[:40]!r}")
    return po


@router.get("/purchase-orders/{number}")
def po_detail(request: Request, db: DbSession, admin: RequireAdmin, number: str) -> Response:
    """One purchase order with receive/cancel buttons."""
    return render(request, "shop/admin/po.html", po=_po_or_404(db, number))


@router.post("/purchase-orders/{number}/receive")
def po_receive(request: Request, db: DbSession, admin: RequireAdmin, number: str) -> Response:
    """Mark an open PO received: its quantity is added to stock."""
    po = _po_or_404(db, number)
    if po.status != "ordered":
        flash(request, f"{po.po_number} is {po.status}; only open orders can be received.", "error")
        return redirect(f"/admin/purchase-orders/{po.po_number}")
    po.status, po.received_at = "received", now()
    po.product.stock += po.qty
    db.commit()
    flash(
        request, f"{po.po_number} received: stock of {po.sku} is now {po.product.stock}.", "success"
    )
    return redirect(f"/admin/purchase-orders/{po.po_number}")


@router.post("/purchase-orders/{number}/cancel")
def po_cancel(request: Request, db: DbSession, admin: RequireAdmin, number: str) -> Response:
    """Cancel an open PO."""
    po = _po_or_404(db, number)
    if po.status != "ordered":
        flash(
            request, f"{po.po_number} is {po.status}; only open orders can be cancelled.", "error"
        )
        return redirect(f"/admin/purchase-orders/{po.po_number}")
    po.status = "cancelled"
    db.commit()
    flash(request, f"{po.po_number} was cancelled.", "info")
    return redirect(f"/admin/purchase-orders/{po.po_number}")
