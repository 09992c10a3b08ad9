"""Views of the plans app, one module per concern (browse, importing, …)."""
