"""The shop site: a storefront and its back office at /admin (see README.md)."""
