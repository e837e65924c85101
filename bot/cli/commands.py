"""Imports every command module so that they register with the ``firstaid`` app."""

from __future__ import annotations
