"""PySide6 views over models/ and netgraph/ (which never import Qt)."""
