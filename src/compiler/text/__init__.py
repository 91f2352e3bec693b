"""Text rules every computation shares: word-level differences, folding for search, how items are cited."""
