"""Back office: products (list, edit price/stock, create), inventory and customer questions."""

from __future__ import annotations

import json

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
from guigym.images.sites.shop.models import Category, Product, PurchaseOrder, Question, Supplier
from guigym.images.sites.shop.routes._common import (
    MAX_LINE,
    MAX_TEXT,
    FormErrors,
    categories,
    not_found,
    parse_int,
    product_or_404,
    read_form,
)
from guigym.images.sites.shop.services import money, next_number, parse_money
from sqlalchemy import func, or_, select

__all__ = ["router"]

router = APIRouter(prefix="/admin", dependencies=[Depends(csrf_protect)])
MAX_STOCK = 100_000
MAX_PRICE_CENTS = 10_000_000  # $100,000


@router.get("/products")
def products(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """All products (including inactive) with search and category filter."""
    qp = request.query_params
    q, cat = qp.get("q", "").strip()[:MAX_LINE], qp.get("category", "")
    stmt = select(Product)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(
            or_(Product.name.ilike(like), Product.sku.ilike(like), Product.brand.ilike(like))
        )
    if cat:
        stmt = stmt.where(Product.category == cat)
    page = paginate(db, stmt.order_by(Product.sku), qp.get("page"), 30)
    return render(
        request, "shop/admin/products.html", page=page, q=q, category=cat, categories=categories(db)
    )


def _form_values(product: Product) -> dict[str, str]:
    return {
        "name": product.name,
        "brand": product.brand,
        "category": product.category,
        "price": f"{product.price_cents / 100:.2f}",
        "list_price": f"{product.list_price_cents / 100:.2f}" if product.list_price_cents else "",
        "cost": f"{product.cost_cents / 100:.2f}",
        "stock": str(product.stock),
        "reorder_level": str(product.reorder_level),
        "description": product.description,
        "is_active": "1" if product.is_active else "",
        "supplier_id": str(product.supplier_id or ""),
    }


def _validate(db: DbSession, form: dict[str, str], errors: FormErrors) -> dict:
    """Shared validation of the create and edit forms; returns column values."""
    out: dict = {
        "name": errors.need("name", form.get("name", ""), "Name"),
        "brand": errors.need("brand", form.get("brand", ""), "Brand", 60),
        "description": errors.optional(
            "description", form.get("description", ""), "Description", MAX_TEXT
        ),
        "is_active": bool(form.get("is_active")),
    }
    slugs = {c.slug for c in categories(db)}
    if form.get("category") not in slugs:
        errors["category"] = "Choose a category."
    out["category"] = form.get("category")
    for key, label, required in (
        ("price", "Price", True),
        ("list_price", "Was-price", False),
        ("cost", "Unit cost", True),
    ):
        text = form.get(key, "").strip()
        if not text and not required:
            out[key + "_cents"] = None
            continue
        try:
            cents = parse_money(text)
        except ValueError as exc:
            errors[key] = f"{label}: {exc}."
            continue
        if cents < 0:
            errors[key] = f"{label} cannot be negative."
        elif key == "price" and cents == 0:
            errors[key] = "Price must be greater than zero."
        elif cents > MAX_PRICE_CENTS:
            errors[key] = f"{label} must be at most {money(MAX_PRICE_CENTS)}."
        out[key + "_cents"] = cents
    for key, label in (("stock", "Stock"), ("reorder_level", "Reorder level")):
        value = parse_int(form.get(key))
        if value is None:
            errors[key] = f"{label} must be a whole number."
        elif value < 0:
            errors[key] = f"{label} cannot be negative."
        elif value > MAX_STOCK:
            errors[key] = f"{label} must be at most {MAX_STOCK:,}."
        out[key] = value
    supplier_id = parse_int(form.get("supplier_id"))
    if supplier_id is not None and db.get(Supplier, supplier_id) is None:
        errors["supplier_id"] = "Choose a supplier from the list."
    out["supplier_id"] = supplier_id
    return out


def _edit_page(
    request: Request,
    db: DbSession,
    product: Product | None,
    form: dict,
    errors: dict,
    status_code: int = 200,
) -> Response:
    suppliers = db.scalars(select(Supplier).order_by(Supplier.name)).all()
    pos = []
    if product is not None:
        pos = db.scalars(
            select(PurchaseOrder)
            .where(PurchaseOrder.sku == product.sku)
            .order_by(PurchaseOrder.created_at.desc())
            .limit(10)
        ).all()
    return render(
        request,
        "shop/admin/product_form.html",
        status_code=status_code,
        product=product,
        form=form,
        errors=errors,
        categories=categories(db),
        suppliers=suppliers,
        pos=pos,
    )


@router.get("/products/new")
def product_new(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Form for a new product (SKU assigned from its category)."""
    return _edit_page(request, db, None, {"is_active": "1", "stock": "0", "reorder_level": "5"}, {})


@router.post("/products/new")
async def product_create(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Create a product; the SKU is the category prefix and the next free number."""
    form = await read_form(request)
    errors = FormErrors()
    values = _validate(db, form, errors)
    specs: dict[str, str] = {}
    for line in form.get("specs", "").splitlines()[:30]:
        if line.strip():
            key, sep, value = line.partition(":")
            if not sep or not key.strip() or not value.strip():
                errors["specs"] = f"Write one spec per line as Name: value (got {line[:40]!r})."
                break
            specs[key.strip()[:40]] = value.strip()[:120]
    if errors:
        return _edit_page(request, db, None, form, errors, status.HTTP_400_BAD_REQUEST)
    category = db.scalar(select(Category).where(Category.slug == values["category"]))
    sku = next_number(db, Product.sku, category.sku_prefix, 101)
    product = Product(
        sku=sku,
        rating=0.0,
        review_count=0,
        created_at=now(),
        specs=json.dumps({"Brand": values["brand"], **specs}),
        **values,
    )
    db.add(product)
    db.commit()
    flash(request, f"Created {sku}: {product.name}.", "success")
    return redirect(f"/admin/products/{sku}")


@router.get("/products/{sku}")
def product_edit(request: Request, db: DbSession, admin: RequireAdmin, sku: str) -> Response:
    """Edit form of one product (price, stock, details)."""
    product = product_or_404(db, sku, active_only=False)
    return _edit_page(request, db, product, _form_values(product), {})


@router.post("/products/{sku}")
async def product_update(
    request: Request, db: DbSession, admin: RequireAdmin, sku: str
) -> Response:
    """Save the edited product."""
    product = product_or_404(db, sku, active_only=False)
    form = await read_form(request)
    errors = FormErrors()
    values = _validate(db, form, errors)
    if errors:
        return _edit_page(request, db, product, form, errors, status.HTTP_400_BAD_REQUEST)
    for key, value in values.items():
        setattr(product, key, value)
    db.commit()
    flash(
        request,
        f"Saved {product.sku}: price {money(product.price_cents)}, stock {product.stock}.",
        "success",
    )
    return redirect(f"/admin/products/{product.sku}")


@router.get("/inventory")
def inventory(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Stock levels; ``?view=low`` shows items at or below their reorder level."""
    qp = request.query_params
    view = qp.get("view", "all")
    cat = qp.get("category", "")
    stmt = select(Product).where(Product.is_active)
    if view == "low":
        stmt = stmt.where(Product.stock <= Product.reorder_level)
    elif view == "out":
        stmt = stmt.where(Product.stock <= 0)
    if cat:
        stmt = stmt.where(Product.category == cat)
    page = paginate(db, stmt.order_by(Product.stock, Product.sku), qp.get("page"), 40)
    open_pos = dict(
        db.execute(
            select(PurchaseOrder.sku, func.sum(PurchaseOrder.qty))
            .where(PurchaseOrder.status == "ordered")
            .group_by(PurchaseOrder.sku)
        ).all()
    )
    value = (
        db.scalar(select(func.sum(Product.stock * Product.cost_cents)).where(Product.stock > 0))
        or 0
    )
    return render(
        request,
        "shop/admin/inventory.html",
        page=page,
        view=view,
        category=cat,
        categories=categories(db),
        open_pos=open_pos,
        stock_value=value,
    )


@router.get("/questions")
def questions(request: Request, db: DbSession, admin: RequireAdmin) -> Response:
    """Customer questions, unanswered first."""
    stmt = select(Question).order_by(
        Question.answer.is_not(None), Question.created_at.desc(), Question.id
    )
    if request.query_params.get("view") == "open":
        stmt = stmt.where(Question.answer.is_(None))
    page = paginate(db, stmt, request.query_params.get("page"), 25)
    products_by_id = {
        p.id: p
        for p in db.scalars(
            select(Product).where(Product.id.in_([q.product_id for q in page.items]))
        )
    }
    return render(
        request,
        "shop/admin/questions.html",
        page=page,
        products=products_by_id,
        view=request.query_params.get("view", ""),
    )


@router.post("/questions/{question_id}")
async def answer_question(
    request: Request, db: DbSession, admin: RequireAdmin, question_id: int
) -> Response:
    """Publish an answer to a question."""
    question = db.get(Question, question_id)
    if question is None:
        raise not_found("That question")
    form = await read_form(request)
    errors = FormErrors()
    answer = errors.need("answer", form.get("answer", ""), "Answer", MAX_TEXT)
    if errors:
        flash(request, errors["answer"], "error")
        return redirect("/admin/questions")
    question.answer, question.answered_at = answer, now()
    db.commit()
    flash(request, "Answer published.", "success")
    return redirect("/admin/questions")
