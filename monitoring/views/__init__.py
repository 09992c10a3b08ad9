"""Views of the monitoring app: dashboards (``dashboards``) and the quarterly monev (``monev``)."""
