"""Hostile and broken submissions, graded through the real exchange in one batch per theme."""
