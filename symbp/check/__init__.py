"""The document checker: reading Markdown/LaTeX, notation, layer setup, verdicts."""
