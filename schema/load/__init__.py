"""Loading: file -> text checks -> TOML -> model -> checks; validation, suggestions, the model cache,
the fmt engine and the import of the national list."""
