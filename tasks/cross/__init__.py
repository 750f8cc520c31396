"""The cross suite: desktop tasks that use the sites (see README.md)."""
