"""Reading, checking and typing the content/ folder."""
