"""The code site: a GitLab-like code tracker (groups, projects, repositories, issues, MRs)."""
