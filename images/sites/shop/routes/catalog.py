"""Storefront browsing: home, search with filters and sorting, categories, product pages,
reviews and questions."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    now,
    paginate,
    redirect,
    render,
)
from guigym.images.sites.shop.models import Category, Product, Question, Review, Wishlist
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
from sqlalchemy import Select, func, or_, select

__all__ = ["router", "SORTS"]

router = APIRouter(dependencies=[Depends(csrf_protect)])

#: sort key -> (label, ORDER BY)
SORTS = {
    "relevance": ("Featured", (Product.review_count.desc(), Product.id)),
    "price_asc": ("Price: low to high", (Product.price_cents, Product.id)),
    "price_desc": ("Price: high to low", (Product.price_cents.desc(), Product.id)),
    "rating": ("Customer rating", (Product.rating.desc(), Product.review_count.desc(), Product.id)),
    "newest": ("Newest arrivals", (Product.created_at.desc(), Product.id)),
    "name": ("Name: A to Z", (Product.name, Product.id)),
}
PER_PAGE = 24


def _dollars(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        amount = float(value.strip().replace("$", "").replace(",", ""))
    except ValueError:
        return None
    return int(round(amount * 100)) if amount >= 0 else None


@router.get("/")
def home(request: Request, db: DbSession) -> Response:
    """Front page: categories, deals and top-rated products."""
    active = select(Product).where(Product.is_active)
    deals = db.scalars(
        active.where(Product.list_price_cents.is_not(None), Product.stock > 0)
        .order_by((Product.list_price_cents - Product.price_cents).desc(), Product.id)
        .limit(8)
    ).all()
    top = db.scalars(
        active.where(Product.review_count >= 5).order_by(Product.rating.desc(), Product.id).limit(8)
    ).all()
    counts = dict(
        db.execute(select(Product.category, func.count()).group_by(Product.category)).all()
    )
    return render(
        request, "shop/home.html", categories=categories(db), deals=deals, top=top, counts=counts
    )


def _filtered(request: Request, db: DbSession, category: Category | None) -> dict:
    """Build the product query and the filter state from the query string."""
    qp = request.query_params
    q = qp.get("q", "").strip()[:MAX_LINE]
    brands = [b for b in qp.getlist("brand") if b][:20]
    min_price, max_price = _dollars(qp.get("min_price")), _dollars(qp.get("max_price"))
    in_stock = qp.get("in_stock") in ("1", "on", "true")
    min_rating = parse_int(qp.get("min_rating"), 0) or 0
    sort = qp.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    stmt: Select = select(Product).where(Product.is_active)
    if category is not None:
        stmt = stmt.where(Product.category == category.slug)
    if q:
        for word in q.split()[:8]:
            like = f"%{word}%"
            stmt = stmt.where(
                or_(
                    Product.name.ilike(like),
                    Product.sku.ilike(like),
                    Product.brand.ilike(like),
                    Product.category.ilike(like),
                )
            )
    brand_stmt = stmt  # brand facet counts ignore the brand filter itself
    if brands:
        stmt = stmt.where(Product.brand.in_(brands))
    if min_price is not None:
        stmt = stmt.where(Product.price_cents >= min_price)
    if max_price is not None:
        stmt = stmt.where(Product.price_cents <= max_price)
    if in_stock:
        stmt = stmt.where(Product.stock > 0)
    if min_rating:
        stmt = stmt.where(Product.rating >= min_rating)
    facet = brand_stmt.subquery()
    brand_counts = db.execute(
        select(facet.c.brand, func.count()).group_by(facet.c.brand).order_by(facet.c.brand)
    ).all()
    page = paginate(db, stmt.order_by(*SORTS[sort][1]), qp.get("page"), PER_PAGE)
    price_error = None
    if qp.get("min_price", "").strip() and min_price is None:
        price_error = "Minimum price must be a number of dollars like 25 or 25.50."
    if qp.get("max_price", "").strip() and max_price is None:
        price_error = "Maximum price must be a number of dollars like 500."
    if min_price is not None and max_price is not None and min_price > max_price:
        price_error = "Minimum price is higher than maximum price: no product can match."
    return {
        "q": q,
        "brands": brands,
        "brand_counts": brand_counts,
        "min_price": qp.get("min_price", "")[:20],
        "max_price": qp.get("max_price", "")[:20],
        "in_stock": in_stock,
        "min_rating": min_rating,
        "sort": sort,
        "sorts": {k: v[0] for k, v in SORTS.items()},
        "page": page,
        "price_error": price_error,
    }


@router.get("/search")
def search(request: Request, db: DbSession) -> Response:
    """Search all products (also the "all products" listing)."""
    slug = request.query_params.get("category", "")
    category = db.scalar(select(Category).where(Category.slug == slug)) if slug else None
    state = _filtered(request, db, category)
    return render(
        request,
        "shop/listing.html",
        category=category,
        categories=categories(db),
        action="/search",
        **state,
    )


@router.get("/category/{slug}")
def category_page(request: Request, db: DbSession, slug: str) -> Response:
    """One category's products, with the same filters as search."""
    category = db.scalar(select(Category).where(Category.slug == slug))
    if category is None:
        raise not_found(f"The category {slug[:40]!r}")
    state = _filtered(request, db, category)
    return render(
        request,
        "shop/listing.html",
        category=category,
        categories=categories(db),
        action=f"/category/{category.slug}",
        **state,
    )


@router.get("/product/{sku}")
def product_page(request: Request, db: DbSession, user: CurrentUser, sku: str) -> Response:
    """Product details, specs, reviews, questions and related products."""
    product = product_or_404(db, sku)
    return _product(request, db, user, product)


def _product(
    request: Request, db: DbSession, user, product: Product, status_code: int = 200, **extra
) -> Response:
    reviews = db.scalars(
        select(Review)
        .where(Review.product_id == product.id)
        .order_by(Review.created_at.desc(), Review.id.desc())
    ).all()
    questions = db.scalars(
        select(Question)
        .where(Question.product_id == product.id)
        .order_by(Question.created_at.desc(), Question.id.desc())
    ).all()
    related = db.scalars(
        select(Product)
        .where(Product.category == product.category, Product.id != product.id, Product.is_active)
        .order_by(Product.rating.desc(), Product.id)
        .limit(4)
    ).all()
    histogram = {n: sum(1 for r in reviews if r.rating == n) for n in range(5, 0, -1)}
    wished = (
        bool(user)
        and db.scalar(
            select(Wishlist.id).where(
                Wishlist.user_id == user.id, Wishlist.product_id == product.id
            )
        )
        is not None
    )
    reviewed = bool(user) and any(r.user_id == user.id for r in reviews)
    context = {"review_form": {}, "review_errors": {}, "question_form": {}, "question_errors": {}}
    context.update(extra)
    return render(
        request,
        "shop/product.html",
        status_code=status_code,
        product=product,
        specs=json.loads(product.specs or "{}"),
        reviews=reviews,
        questions=questions,
        related=related,
        histogram=histogram,
        wished=wished,
        reviewed=reviewed,
        **context,
    )


@router.post("/product/{sku}/reviews")
async def add_review(request: Request, db: DbSession, user: RequireUser, sku: str) -> Response:
    """Post a review (one per customer and product); updates the product's rating."""
    product = product_or_404(db, sku)
    form = await read_form(request)
    errors = FormErrors()
    rating = parse_int(form.get("rating"))
    if rating is None or not 1 <= rating <= 5:
        errors["rating"] = "Choose a rating from 1 to 5 stars."
    title = errors.need("title", form.get("title", ""), "Title", 120)
    body = errors.need("body", form.get("body", ""), "Review", MAX_TEXT)
    if (
        db.scalar(
            select(Review.id).where(Review.product_id == product.id, Review.user_id == user.id)
        )
        is not None
    ):
        errors["rating"] = "You have already reviewed this product."
    if errors:
        return _product(
            request,
            db,
            user,
            product,
            status.HTTP_400_BAD_REQUEST,
            review_form=form,
            review_errors=errors,
        )
    db.add(
        Review(
            product_id=product.id,
            user_id=user.id,
            rating=rating,
            title=title,
            body=body,
            verified_purchase=False,
            created_at=now(),
        )
    )
    db.flush()
    count, avg = db.execute(
        select(func.count(), func.avg(Review.rating)).where(Review.product_id == product.id)
    ).one()
    product.review_count, product.rating = count, round(float(avg), 1)
    db.commit()
    flash(request, "Thanks! Your review has been published.", "success")
    return redirect(f"/product/{product.sku}#reviews")


@router.post("/product/{sku}/questions")
async def ask_question(request: Request, db: DbSession, user: RequireUser, sku: str) -> Response:
    """Ask a question about a product (staff answer it in the back office)."""
    product = product_or_404(db, sku)
    form = await read_form(request)
    errors = FormErrors()
    body = errors.need("body", form.get("body", ""), "Question", 500)
    if errors:
        return _product(
            request,
            db,
            user,
            product,
            status.HTTP_400_BAD_REQUEST,
            question_form=form,
            question_errors=errors,
        )
    db.add(Question(product_id=product.id, user_id=user.id, body=body, created_at=now()))
    db.commit()
    flash(request, "Your question was sent. We usually answer within a day.", "success")
    return redirect(f"/product/{product.sku}#questions")
