"""The HTTP API and web server: ``create_app(settings)`` builds the FastAPI application, ``serve``
runs it with uvicorn. FastAPI, uvicorn and Jinja2 are imported only from here and ``akhbar.web``."""

from akhbar.api.app import create_app, serve

__all__ = ["create_app", "serve"]
