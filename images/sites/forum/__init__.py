"""The forum site: Reddit-like communities, posts, threaded comments, votes and moderation."""
