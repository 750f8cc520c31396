"""The work suite: errands across the shop, mail, forum, code tracker and wiki (see README.md)."""
