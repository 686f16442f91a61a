"""HTTP-level fakes of the services the bot talks to (Telegram Bot API, OpenAI)."""
