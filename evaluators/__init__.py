"""guigym.evaluators."""
