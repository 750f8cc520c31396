"""Build every site's seeded database into the image (``python -m guigym.images.docker.prebuild``).

Why at build time: a container then starts from a ready template in a fraction of a second
instead of seeding hundreds of records first. Templates are named ``<site>-seed<N>-image.db``;
a container asked for another seed builds that one at its start (slower, once per container).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["template_path", "main", "TEMPLATES"]

#: Where the image keeps the seeded templates.
TEMPLATES = Path("/opt/guigym/templates")


def template_path(site: str, seed: int = 0, root: Path = TEMPLATES) -> Path:
    """The template a container of ``site`` copies for ``seed``."""
    return root / f"{site}-seed{seed}-image.db"


def main(argv: list[str] | None = None) -> int:
    """Build the seed-0 template of every registered site (or list the sites)."""
    parser = argparse.ArgumentParser(prog="prebuild", description=__doc__)
    parser.add_argument("root", nargs="?", type=Path, default=TEMPLATES)
    parser.add_argument("--seed", type=int, action="append", help="seeds to build (default 0)")
    parser.add_argument("--list", action="store_true", help="print the sites and exit")
    args = parser.parse_args(argv)
    from guigym.images.sites import SITES
    from guigym.images.sites.serve_one import ensure_template

    if args.list:
        sys.stdout.write("guigym sites image; sites: " + ", ".join(sorted(SITES)) + "\n")
        return 0
    for site, entry in sorted(SITES.items()):
        for seed in args.seed or [0]:
            path = template_path(site, seed, args.root)
            ensure_template(entry, site, path, seed)
            sys.stdout.write(f"seeded {site} (seed {seed}): {path} {path.stat().st_size} bytes\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
