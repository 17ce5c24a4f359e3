"""Words: problems, messages, the catalogues (ja/en) and sanitising. The bottom layer: it imports no other."""
