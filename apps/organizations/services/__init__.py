"""Writes of the organizations app, one module per subject."""
