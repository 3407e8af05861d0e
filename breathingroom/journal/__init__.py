"""The journal: a person's private entries, started from a prompt or not, shared only by choice."""
