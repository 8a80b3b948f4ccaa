"""Shipped model files (small) and their loaders; training code lives under ``akhbar.train``.

- ``ner-ar.zip``: the Arabic NER CRF (see ``README.md`` beside it, the model card).
"""

from akhbar.models.ner import NerModel, default_model_path

__all__ = ["NerModel", "default_model_path"]
