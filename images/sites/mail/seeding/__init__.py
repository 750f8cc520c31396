"""Seed data of the mail site: who writes to whom about what (see ``seed.py`` for the order)."""
