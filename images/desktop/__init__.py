"""guigym.images.desktop: the virtual desktop and its control server (start at README.md).

The env side imports only ``client`` (``start_desktop``, ``DesktopClient``); the desktop process
(``serve.py``) imports the rest.
"""

__all__ = ["start_desktop", "DesktopClient", "DesktopInstance"]


def __getattr__(name: str):  # noqa: ANN202 - lazy, so importing the package starts nothing
    if name in __all__:
        from guigym.images.desktop import client

        return getattr(client, name)
    raise AttributeError(f"module 'guigym.images.desktop' has no attribute {name!r}")
