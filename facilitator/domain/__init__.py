"""Domain rules in plain Python: no Flask here, so every rule is testable without a server."""
