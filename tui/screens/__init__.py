"""Screens and views of the terminal UI."""
