"""A tiny site on the kit with one page per kind of widget, for WebEnv tests."""
