"""What the code site's seed is made of: projects and their files, histories, issues."""
