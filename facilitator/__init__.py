"""Facilitator: run Future Search conferences live, and keep their action plan alive."""

__version__ = "0.1.0"
