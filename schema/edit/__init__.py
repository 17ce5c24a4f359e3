"""Editing, headless: drafts, their checks, values typed as their kinds, and the one save path."""
