"""Text knowledge shared by every layer: contacts, names, language."""
