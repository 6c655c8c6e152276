"""The 党员 page's parts: the roster model, the member dialog, the member's own page, status and
stage changes, and the Excel import."""
