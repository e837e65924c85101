"""Encoders: the interface (:mod:`.base`), the ONNX serving runtime (:mod:`.onnx`)
and the torch reference (:mod:`.torch`, loaded only when asked for)."""

from __future__ import annotations

from matcher.encoders.base import Encoder, Vectors, as_unit_rows

__all__ = ["Encoder", "Vectors", "as_unit_rows"]
