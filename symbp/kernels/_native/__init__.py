"""C sources of symbp.kernels._direct and the script that writes them (see symbp/kernels/native.py)."""
