"""Renderers: each turns the Document model into one output format."""
