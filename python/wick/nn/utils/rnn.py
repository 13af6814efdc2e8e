"""wick.nn.utils.rnn: PackedSequence and the pack/pad helpers."""
__all__ = []
