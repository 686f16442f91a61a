"""Alembic environment. The store hands us a live connection; nothing reads alembic.ini."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
