"""Exporting a trained model to ONNX (fp32 and int8) and fusing its attention blocks;
needs torch (the ``train`` extra). Serving reads the result through
:mod:`matcher.encoders.onnx`."""
