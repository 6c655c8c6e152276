"""The points page (积分): its models, tabs and dialogs."""
