"""wick.utils: helpers outside the core API (hooks, data, ...)."""


def __getattr__(name):
    # wick.utils.data loads on first use (it pulls in numpy and multiprocessing),
    # so `import wick` stays fast; `import wick.utils.data` works as usual.
    if name == "data":
        import importlib
        return importlib.import_module("wick.utils.data")
    raise AttributeError(f"module 'wick.utils' has no attribute '{name}'")
