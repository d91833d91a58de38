"""The proof writer: built-in derivations as LaTeX/Markdown proof documents."""
