"""Source documents: exact text extraction, Chair's summaries and working-group reports, imports, provenance checks."""
