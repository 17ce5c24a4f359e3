"""How large an export may be before it is refused, read by the CSV and the xlsx readers alike
(an export far larger than any real survey is refused with one line before it is read whole)."""

MAX_BYTES = 5 * 1024 * 1024
"""The largest export read: a survey of every local government in Japan is far smaller."""
MAX_ROWS = 10_000
"""Answer rows (every local government in Japan five times over)."""
MAX_COLUMNS = 500
"""Columns of the table (a form's questions and the tool's own columns)."""
