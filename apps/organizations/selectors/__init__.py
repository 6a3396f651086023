"""Reads of the organizations app, one module per page or subject."""
