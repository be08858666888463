"""Internals of the `secure_headers` package."""
