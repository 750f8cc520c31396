"""A tiny site built on the kit, so the kit's tests never depend on shop or mail."""
