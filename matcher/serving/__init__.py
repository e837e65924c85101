"""What answering a message needs at run time: normalise, repair typos, score, apply the
safety rules, decide. Never imports training, ONNX export or torch (tests/test_architecture.py).

Entry point: :class:`matcher.serving.matcher.Matcher` (built by ``load_matcher``).
"""
