"""The first session a couple goes through together after pairing.

The dance, the side each tends to take, why someone needs space, and their Space Agreement.
"""
