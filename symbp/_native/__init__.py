"""C sources of symbp._direct and the script that writes them (see symbp/native.py)."""
