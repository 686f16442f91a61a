"""Handlers by what the user does: parse the update, call the service, render."""
