"""Compiler for the UNODC compilation of recommendations and observations on the UNTOC Review Mechanism."""
