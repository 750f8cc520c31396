"""Runnable trainer examples (the README shows them verbatim; tests run them)."""
