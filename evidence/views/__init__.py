"""Views of the evidence app, split by concern (browse, upload, files, review)."""
