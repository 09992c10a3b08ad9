"""Models of the monitoring app (to come)."""
