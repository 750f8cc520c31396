"""What the wiki's seed is made of: people and spaces, hand-written policies, product docs."""
