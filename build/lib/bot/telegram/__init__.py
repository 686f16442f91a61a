"""Everything that knows about Telegram: the Application, handlers, keyboards, rendering, intake."""
