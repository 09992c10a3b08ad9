"""URLs of the monitoring app."""

from __future__ import annotations

app_name = "monitoring"
urlpatterns: list = []
