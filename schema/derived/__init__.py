"""Derived data: what is computed from the records and must be read without Pydantic or the
models — the lists' rows and counts that the terminal UI's first frame will draw before any model
is imported. Its contract (pyproject.toml, `derived`) lets it import words/ and files/ only; the
caches of files/ store it as signed bytes, and read/ produces it from the models (proved equal to
what the models give). Empty until that summary is persisted: the room, and its rule, come first."""
