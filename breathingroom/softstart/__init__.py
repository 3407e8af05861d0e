"""The soft-start coach: points out a harsh start-up and offers a softer shape of the same words."""
