"""The model registry under ``MODELS_DIR``: versions, manifests, the promoted pointer;
shared by serving (which model to load) and training (where to write one)."""
