"""Files: the repository's files and their text, parsing, locations, atomic writes, the lock, the
journal of multi-file saves and the caches. Imports words only."""
