"""Image files of image posts."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response
from guigym.images.sites.kit import DbSession

from ..models import Image

__all__ = ["router"]

router = APIRouter()


@router.get("/images/{image_id}")
def image(db: DbSession, image_id: int) -> Response:
    """The image's bytes; SVGs with a CSP that forbids scripts (never sniffed as HTML)."""
    item = db.get(Image, image_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Image #{image_id} does not exist.")
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        "Cache-Control": "public, max-age=3600",
        "Content-Disposition": f'inline; filename="{item.filename.replace(chr(34), "")}"',
    }
    return Response(item.data, media_type=item.content_type, headers=headers)
