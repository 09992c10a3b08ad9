"""Models of the evidence app (to come)."""
