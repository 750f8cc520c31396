"""Review and question text now lives in the shared world (``kit.world.text``); re-exported."""

from guigym.images.sites.kit.world.text import answer_text, question_text, review_text

__all__ = ["review_text", "question_text", "answer_text"]
