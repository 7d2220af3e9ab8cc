"""The model zoo, data sets and training engine: pure PyTorch, no Qt."""
