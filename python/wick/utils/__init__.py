"""wick.utils: helpers outside the core API (hooks, ...)."""
