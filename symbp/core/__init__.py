"""The symbolic core: tensors and placeholders, operators, the chain rule, exact proofs, max-pooling regions, index arithmetic, the layer protocol."""
