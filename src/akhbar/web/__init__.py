"""Server-rendered pages (Jinja2), right-to-left Arabic, no JavaScript, no CDN: ``build_router``
gives the routes, ``STATIC_DIR`` the stylesheet and icon the API serves under ``/static``."""

from akhbar.web.pages import STATIC_DIR, build_router, error_page

__all__ = ["STATIC_DIR", "build_router", "error_page"]
