"""The ``firstaid`` command line: :mod:`bot.cli.app` registers every command module."""
