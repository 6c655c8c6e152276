"""The 会议培训 page's parts: table models, the attendance checklist, the meeting dialog, the
compliance grid and the training statistics."""
