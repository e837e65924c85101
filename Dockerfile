# syntax=docker/dockerfile:1
# Same install path as the README: pip, the project's extras, torch pinned to
# the CPU build (2.13.0). TORCH_INDEX points pip at PyTorch's CPU wheels so the
# pinned version never resolves to a multi-GB CUDA build.
# ---------------------------------------------------------------------------
# Slim serving image: ONNX Runtime, no torch, the exported model baked in.
#   docker build --target serving -t firstaid-bot:serving .
#   docker run --env-file .env -v firstaid-data:/data firstaid-bot:serving
# `trained` installs the training extra, trains and exports the model at build
# time (about 10 minutes on 2 cores); `serving` copies only what serving reads
# (ONNX files, tokenizer, manifests, CURRENT) from it, not the torch weights.
# The default target (`app`, last in this file) is unchanged.
FROM python:3.11-slim AS trained
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false \
    MODELS_DIR=/build/models DATA_DIR=/build/data
WORKDIR /build
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY matcher ./matcher
COPY storage ./storage
COPY corpus ./corpus
RUN pip install --extra-index-url "$TORCH_INDEX" '.[train]' \
    && firstaid models ensure \
    && firstaid models pack /build/served

FROM python:3.11-slim AS serving
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    DATA_DIR=/data \
    MODELS_DIR=/models \
    ENCODER=onnx
RUN useradd --create-home --uid 10001 firstaid
WORKDIR /app
# The base install: no torch, no sentence-transformers. The dependencies come
# from the hashed lock (a changed or substituted file fails the build), then
# the project itself without resolving anything further.
COPY deploy/requirements-serving.txt ./deploy/
RUN pip install --require-hashes --no-deps -r deploy/requirements-serving.txt
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY matcher ./matcher
COPY storage ./storage
COPY corpus ./corpus
RUN pip install --no-deps . && pip check && mkdir -p /data && chown firstaid:firstaid /data
COPY --from=trained /build/served /models
USER firstaid
VOLUME ["/data"]
HEALTHCHECK --interval=60s --timeout=10s --start-period=2m --retries=3 \
    CMD ["firstaid", "health"]
ENTRYPOINT ["firstaid", "run"]

# ---------------------------------------------------------------------------
# Full image (default target): training extra included, trains on first start.
FROM python:3.11-slim AS app

ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    DATA_DIR=/data \
    MODELS_DIR=/models

RUN useradd --create-home --uid 10001 firstaid
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY matcher ./matcher
COPY storage ./storage
COPY corpus ./corpus
RUN pip install --extra-index-url "$TORCH_INDEX" '.[train]' \
    && mkdir -p /data /models && chown firstaid:firstaid /data /models

USER firstaid
VOLUME ["/data", "/models"]

# The bot writes a heartbeat while it polls or serves webhooks; a stale one is unhealthy.
HEALTHCHECK --interval=60s --timeout=10s --start-period=15m --retries=3 \
    CMD ["firstaid", "health"]

# The first start trains the fine-tuned model into /models when none exists
# (about 10 minutes on 2 cores); later starts reuse it.
ENTRYPOINT ["sh", "-c", "firstaid models ensure && exec firstaid run"]
