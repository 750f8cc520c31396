"""guigym.tasks."""
