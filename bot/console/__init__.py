"""The moderators' web console: dashboard, inbox, model versions and exports in a browser.

Server-rendered pages (FastAPI, Jinja2 templates, one local stylesheet, no
scripts), SVG charts drawn on the server, sign-in by a single-use link from
``/console`` or a password account. It reads and writes through the same
:class:`storage.store.Store` as the bot, and claims review items through the
same queue as ``/review``. It never imports ``telegram``.

Exports (import the modules; this package imports nothing, so the bot can
issue links without loading the web stack): ``app.create_app`` (the ASGI app
over an open store), ``server.serve`` (``firstaid console``),
``links.issue_link`` (what ``/console`` sends), ``accounts.Accounts``
(``firstaid console add-user``).
"""
