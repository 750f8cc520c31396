"""Pages: read, create (blank or from a template), edit, labels, watch and delete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response
from guigym.images.sites.kit import (
    CurrentUser,
    DbSession,
    RequireUser,
    csrf_protect,
    flash,
    now,
    redirect,
)
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..access import require_edit, space_or_404
from ..models import (
    Attachment,
    Page,
    PageLabel,
    PageLink,
    Revision,
    Space,
    Template,
    Watch,
)
from ..services import (
    MAX_BODY,
    MAX_COMMENT,
    MAX_TITLE,
    ancestors,
    create_page,
    page_url,
    parse_labels,
    render_page,
    save_page,
    set_labels,
)
from .common import (
    FormErrors,
    children_of,
    editable_page,
    read_form,
    render,
    viewable_page,
    visible_keys,
)

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(csrf_protect)])


def _labels(db: Session, page: Page) -> list[str]:
    return list(
        db.scalars(
            select(PageLabel.label).where(PageLabel.page_id == page.id).order_by(PageLabel.label)
        )
    )


def _parent_choices(db: Session, space: Space, exclude: Page | None = None) -> list[Page]:
    pages = list(db.scalars(select(Page).where(Page.space_id == space.id).order_by(Page.title)))
    if exclude is None:
        return pages
    banned = {exclude.id} | _descendants(db, exclude)
    return [p for p in pages if p.id not in banned]


def _descendants(db: Session, page: Page) -> set[int]:
    out: set[int] = set()
    frontier = [page.id]
    while frontier:
        kids = list(db.scalars(select(Page.id).where(Page.parent_id.in_(frontier))))
        frontier = [k for k in kids if k not in out]
        out.update(frontier)
    return out


@router.get("/spaces/{key}/pages/{slug}")
def view_page(request: Request, db: DbSession, user: CurrentUser, key: str, slug: str) -> Response:
    space, page, rights = viewable_page(request, db, user, key, slug)
    backlinks = list(
        db.scalars(
            select(Page)
            .join(PageLink, PageLink.from_page_id == Page.id)
            .where(PageLink.to_page_id == page.id)
            .order_by(Page.title)
        )
    )
    from ..access import visible_space_ids

    ids = visible_space_ids(db, user)
    backlinks = [p for p in backlinks if p.space_id in ids]
    watching = (
        user is not None
        and db.scalar(select(Watch.id).where(Watch.user_id == user.id, Watch.page_id == page.id))
        is not None
    )
    attachments = list(
        db.scalars(
            select(Attachment)
            .where(Attachment.page_id == page.id)
            .order_by(Attachment.filename, Attachment.id)
        )
    )
    return render(
        request,
        "wiki/page.html",
        db,
        user,
        space=space,
        page=page,
        rights=rights,
        rendered=render_page(db, page.body, space.key, visible_keys(db, user)),
        parents=ancestors(db, page),
        children=children_of(db, page),
        backlinks=backlinks,
        labels=_labels(db, page),
        attachments=attachments,
        watching=watching,
    )


def _form_page(
    request: Request,
    db: Session,
    user: Any,
    space: Space,
    *,
    page: Page | None,
    values: dict[str, Any],
    errors: FormErrors | None = None,
    status_code: int = status.HTTP_200_OK,
    template: Template | None = None,
) -> Response:
    return render(
        request,
        "wiki/edit.html",
        db,
        user,
        space=space,
        page=page,
        values=values,
        errors=errors or {},
        parents=_parent_choices(db, space, page),
        template=template,
        templates=list(db.scalars(select(Template).order_by(Template.name))),
        max_title=MAX_TITLE,
        max_body=MAX_BODY,
        max_comment=MAX_COMMENT,
        status_code=status_code,
    )


@router.get("/spaces/{key}/new")
def new_page(
    request: Request,
    db: DbSession,
    user: RequireUser,
    key: str,
    title: str = "",
    parent: int | None = None,
    template: str = "",
) -> Response:
    space = space_or_404(db, key)
    require_edit(request, db, user, space)
    chosen = None
    body = ""
    labels = ""
    if template:
        chosen = db.scalar(select(Template).where(Template.key == template[:40]))
        if chosen is None:
            flash(request, f"There is no template {template[:40]!r}; starting blank.", "warning")
        else:
            today = now().date().isoformat()
            body = chosen.body.replace("{date}", today)
            labels = chosen.labels
            title = title or chosen.title_hint.replace("{date}", today)
    values = {
        "title": title[:MAX_TITLE],
        "body": body,
        "labels": labels,
        "parent_id": parent or "",
        "comment": "",
    }
    if parent is None and space.home_page_id:
        values["parent_id"] = space.home_page_id
    return _form_page(request, db, user, space, page=None, values=values, template=chosen)


def _check(
    db: Session, space: Space, form: dict[str, str], page: Page | None
) -> tuple[FormErrors, dict[str, Any], Page | None]:
    errors = FormErrors()
    title = errors.need("title", form.get("title", ""), "Title", MAX_TITLE)
    body = form.get("body", "").replace("\r\n", "\n")
    if len(body) > MAX_BODY:
        errors["body"] = (
            f"The page is too long: at most {MAX_BODY:,} characters "
            f"(got {len(body):,}). Split it into several pages."
        )
    comment = errors.limit("comment", form.get("comment", ""), "Change summary", MAX_COMMENT)
    labels_text = form.get("labels", "")
    if len(labels_text) > 400:
        errors["labels"] = "Labels must be at most 400 characters."
    parent = None
    raw_parent = form.get("parent_id", "").strip()
    if raw_parent:
        try:
            parent = db.get(Page, int(raw_parent))
        except ValueError:
            parent = None
        if parent is None or parent.space_id != space.id:
            errors["parent_id"] = "Choose a parent page from this space."
            parent = None
        elif page is not None and (parent.id == page.id or parent.id in _descendants(db, page)):
            errors["parent_id"] = "A page cannot be moved under itself or one of its children."
    if title and "title" not in errors:
        clash = db.scalar(select(Page.id).where(Page.space_id == space.id, Page.title == title))
        if clash is not None and (page is None or clash != page.id):
            errors["title"] = f"A page called {title!r} already exists in {space.name}."
    values = {
        "title": title,
        "body": body,
        "labels": labels_text,
        "parent_id": raw_parent,
        "comment": comment,
    }
    return errors, values, parent


@router.post("/spaces/{key}/new")
async def create(request: Request, db: DbSession, user: RequireUser, key: str) -> Response:
    space = space_or_404(db, key)
    require_edit(request, db, user, space)
    form = await read_form(request)
    errors, values, parent = _check(db, space, form, None)
    if errors:
        return _form_page(
            request,
            db,
            user,
            space,
            page=None,
            values=values,
            errors=errors,
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    position = (
        db.scalar(
            select(func.max(Page.position)).where(
                Page.space_id == space.id, Page.parent_id == (parent.id if parent else None)
            )
        )
        or 0
    ) + 1
    page = create_page(
        db,
        space,
        values["title"],
        values["body"],
        user,
        now(),
        parent=parent,
        comment=values["comment"] or "Created page",
        labels=parse_labels(values["labels"]),
        position=position,
    )
    db.add(Watch(user_id=user.id, page_id=page.id, created_at=now()))
    db.commit()
    flash(request, f"Page “{page.title}” created.", "success")
    return redirect(page_url(space.key, page.slug))


@router.get("/spaces/{key}/pages/{slug}/edit")
def edit_form(request: Request, db: DbSession, user: RequireUser, key: str, slug: str) -> Response:
    space, page, _ = editable_page(request, db, user, key, slug)
    values = {
        "title": page.title,
        "body": page.body,
        "labels": ", ".join(_labels(db, page)),
        "parent_id": page.parent_id or "",
        "comment": "",
        "base_version": page.version,
    }
    return _form_page(request, db, user, space, page=page, values=values)


@router.post("/spaces/{key}/pages/{slug}/edit")
async def edit(request: Request, db: DbSession, user: RequireUser, key: str, slug: str) -> Response:
    space, page, _ = editable_page(request, db, user, key, slug)
    form = await read_form(request)
    errors, values, parent = _check(db, space, form, page)
    base = form.get("base_version", "").strip()
    values["base_version"] = base
    if base.isdigit() and int(base) != page.version and not errors:
        errors["body"] = (
            f"Someone else saved version {page.version} while you were editing "
            f"(you started from version {base}). Copy your text, reload the page "
            "and apply your change again."
        )
        values["base_version"] = page.version
    if errors:
        return _form_page(
            request,
            db,
            user,
            space,
            page=page,
            values=values,
            errors=errors,
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    labels = parse_labels(values["labels"])
    moved = (parent.id if parent else None) != page.parent_id
    page.parent_id = parent.id if parent else None
    revision = save_page(db, page, values["title"], values["body"], user, now(), values["comment"])
    labels_changed = labels != _labels(db, page)
    if labels_changed:
        set_labels(db, page, labels)
    db.commit()
    if revision is None and not moved and not labels_changed:
        flash(request, "No changes to save.", "info")
    elif revision is None:
        flash(request, "Page details updated.", "success")
    else:
        flash(request, f"Saved version {revision.number}.", "success")
    return redirect(page_url(space.key, page.slug))


@router.post("/spaces/{key}/pages/{slug}/labels")
async def edit_labels(
    request: Request, db: DbSession, user: RequireUser, key: str, slug: str
) -> Response:
    space, page, _ = editable_page(request, db, user, key, slug)
    form = await read_form(request)
    current = _labels(db, page)
    remove = form.get("remove", "").strip().lower()
    if remove:
        current = [label for label in current if label != remove]
        flash(request, f"Label “{remove}” removed.", "success")
    else:
        added = parse_labels(form.get("label", "")[:200])
        if not added:
            flash(request, "Type a label to add (letters, digits and dashes).", "error")
            return redirect(page_url(space.key, page.slug))
        current = sorted(set(current) | set(added))
        flash(request, f"Label{'s' if len(added) > 1 else ''} {', '.join(added)} added.", "success")
    set_labels(db, page, current[:20])
    db.commit()
    return redirect(page_url(space.key, page.slug))


@router.post("/spaces/{key}/pages/{slug}/watch")
async def watch(
    request: Request, db: DbSession, user: RequireUser, key: str, slug: str
) -> Response:
    space, page, _ = viewable_page(request, db, user, key, slug)
    form = await read_form(request)
    existing = db.scalar(select(Watch).where(Watch.user_id == user.id, Watch.page_id == page.id))
    if form.get("action") == "unwatch":
        if existing is not None:
            db.delete(existing)
        flash(request, f"You stopped watching “{page.title}”.", "info")
    else:
        if existing is None:
            db.add(Watch(user_id=user.id, page_id=page.id, created_at=now()))
        flash(request, f"You are watching “{page.title}”.", "success")
    db.commit()
    return redirect(page_url(space.key, page.slug))


@router.post("/spaces/{key}/pages/{slug}/delete")
async def delete_page(
    request: Request, db: DbSession, user: RequireUser, key: str, slug: str
) -> Response:
    space, page, _ = editable_page(request, db, user, key, slug)
    if space.home_page_id == page.id:
        flash(request, "The space's home page cannot be deleted.", "error")
        return redirect(page_url(space.key, page.slug))
    db.execute(update(Page).where(Page.parent_id == page.id).values(parent_id=page.parent_id))
    for model, column in (
        (Revision, Revision.page_id),
        (PageLabel, PageLabel.page_id),
        (Watch, Watch.page_id),
        (Attachment, Attachment.page_id),
    ):
        db.execute(delete(model).where(column == page.id))
    db.execute(
        delete(PageLink).where(
            (PageLink.from_page_id == page.id) | (PageLink.to_page_id == page.id)
        )
    )
    title = page.title
    db.delete(page)
    db.commit()
    flash(request, f"Page “{title}” deleted; its child pages moved up one level.", "success")
    return redirect(f"/spaces/{space.key}")
