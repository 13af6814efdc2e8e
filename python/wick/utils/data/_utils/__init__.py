"""Helpers of the DataLoader: collate functions, worker loop, fetchers."""
from wick.utils.data._utils import collate, fetch, worker  # noqa: F401
