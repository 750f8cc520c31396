"""The archive holds the album's three photos."""

import io
import tarfile

from guigym.evaluators import CheckResult

PHOTOS = ("IMG_beach.jpg", "IMG_city.jpg", "IMG_mountains.jpg")


def archive_ok(ctx):
    """~/<album>.tar.gz is a gzip tar with the three photos."""
    album = ctx.params["album"]
    path = f"~/{album}.tar.gz"
    try:
        data = ctx.desktop.read_file(path)
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            names = {name.rsplit("/", 1)[-1] for name in tar.getnames()}
    except Exception as exc:  # noqa: BLE001 - missing or not an archive: a fail
        return CheckResult.no(f"{path} is missing or not a gzip tar ({type(exc).__name__})")
    missing = [p for p in PHOTOS if p not in names]
    if missing:
        return CheckResult.no(f"{path} lacks {missing}")
    return CheckResult.ok(f"{path} holds the album's photos")
