"""Where the app keeps its files, and its SQLite schema. No Qt here."""
