"""Records of what was issued (issued.py): each issued edition's model, fingerprint and output hashes."""
