"""Language analysis: the spaCy model holder, entity mentions and cross-article alias merging."""
