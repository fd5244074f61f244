"""Widgets only: the planner's windows, pages and dialogs."""
