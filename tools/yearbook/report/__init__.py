"""Building the deliverables: compile (pure, model → document) then render (pandoc and Typst, the edge)."""
