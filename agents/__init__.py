"""guigym.agents."""
