"""Appreciations: a short, kind note to the partner outside conflict."""
