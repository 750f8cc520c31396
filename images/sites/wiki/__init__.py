"""The wiki site: Northwind's knowledge base (spaces, Markdown pages, revisions, permissions)."""
