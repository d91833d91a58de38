"""One module per layer: its configuration, forward definition and closed forms."""
