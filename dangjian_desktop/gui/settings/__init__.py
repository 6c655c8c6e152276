"""The settings page's (设置) boxes: village information, rules in force, display, backup and restore."""
