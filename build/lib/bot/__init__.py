"""Cold Shoulder: recognise cold messages and draft polite, pointed replies."""

__version__ = "0.1.0"
