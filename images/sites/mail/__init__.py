"""The mail site: a webmail where every person of the shared world has a mailbox.

Start reading at ``site.py`` (the SiteSpec), then ``models.py`` (tables), ``mailbox.py``
(delivery and filters), ``routes/`` (one module per resource) and ``seed.py``.
"""
