"""The Telegram adapter: the only package that imports python-telegram-bot.

:mod:`.application` builds the ``Application`` and its one ``post_init`` /
``post_shutdown``; :mod:`.handlers` registers every handler; :mod:`.runner`
runs polling or the webhook (``firstaid run``).
"""
