"""The shop suite: errands and chores on the shop and mail sites (see README.md)."""
