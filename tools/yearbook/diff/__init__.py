"""What changed between two revisions or two years: items matched by id, prose diffed by character."""
