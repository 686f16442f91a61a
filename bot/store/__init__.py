"""The durable store: every piece of conversation state, behind SQLAlchemy 2 async."""

from bot.store.repo import MIGRATIONS_DIR, Forgotten, Store, Transition

__all__ = ["MIGRATIONS_DIR", "Forgotten", "Store", "Transition"]
