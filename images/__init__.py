"""guigym.images."""
