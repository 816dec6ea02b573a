"""The NLP layer. spaCy is imported by nlp.pipeline only, so that importing nlp.hits stays cheap."""
