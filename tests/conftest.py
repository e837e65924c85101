"""Settings every test shares."""

from __future__ import annotations

import os

# Services built from settings answer English only in tests, unless a test passes
# its own language matchers: the real Spanish matcher encodes its ~6,500-entry
# index with multilingual-e5 first (minutes on two cores).
os.environ.setdefault("LANGUAGES", "")
