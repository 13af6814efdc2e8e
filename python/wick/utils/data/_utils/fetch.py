"""Fetchers: turn one sampler output (an index, or a list of indices) into a batch."""
import wick


class _BaseDatasetFetcher:
    def __init__(self, dataset, auto_collation, collate_fn, drop_last):
        self.dataset = dataset
        self.auto_collation = auto_collation
        self.collate_fn = collate_fn
        self.drop_last = drop_last


class _IterableDatasetFetcher(_BaseDatasetFetcher):
    def __init__(self, dataset, auto_collation, collate_fn, drop_last):
        super().__init__(dataset, auto_collation, collate_fn, drop_last)
        self.dataset_iter = iter(dataset)
        self.ended = False

    def fetch(self, possibly_batched_index):
        if self.ended:
            raise StopIteration
        if self.auto_collation:
            data = []
            for _ in possibly_batched_index:
                try:
                    data.append(next(self.dataset_iter))
                except StopIteration:
                    self.ended = True
                    break
            if len(data) == 0 or (self.drop_last and len(data) < len(possibly_batched_index)):
                raise StopIteration
        else:
            data = next(self.dataset_iter)
        return self.collate_fn(data)


def _tensor_dataset_fast(dataset, auto_collation, collate_fn):
    """The tensors of a plain TensorDataset collated by default_collate, or None."""
    from wick.utils.data.dataset import TensorDataset
    from wick.utils.data._utils.collate import default_collate
    if not auto_collation or collate_fn is not default_collate:
        return None
    if not isinstance(dataset, TensorDataset):
        return None
    cls = type(dataset)
    if cls.__getitem__ is not TensorDataset.__getitem__ or hasattr(cls, "__getitems__"):
        return None
    tensors = dataset.tensors
    if not tensors or any(not isinstance(t, wick.Tensor) or t.requires_grad or t.dim() == 0
                          for t in tensors):
        return None
    return tensors


class _MapDatasetFetcher(_BaseDatasetFetcher):
    def __init__(self, dataset, auto_collation, collate_fn, drop_last):
        super().__init__(dataset, auto_collation, collate_fn, drop_last)
        # Fast path: TensorDataset + default_collate gathers each batch with one
        # index_select per tensor; the result equals stacking the samples.
        self._fast = _tensor_dataset_fast(dataset, auto_collation, collate_fn)
        self._getitems = getattr(dataset, "__getitems__", None) if auto_collation else None

    def fetch(self, possibly_batched_index):
        if self.auto_collation:
            fast = self._fast
            if fast is not None:
                idx = possibly_batched_index
                if not isinstance(idx, list):
                    idx = list(idx)
                n = fast[0].size(0)
                if idx and all(type(i) is int for i in idx) and min(idx) >= 0 and max(idx) < n:
                    index = wick.tensor(idx, dtype=wick.int64)
                    return [t.index_select(0, index) for t in fast]
            if self._getitems:
                data = self._getitems(possibly_batched_index)
            else:
                data = [self.dataset[i] for i in possibly_batched_index]
        else:
            data = self.dataset[possibly_batched_index]
        return self.collate_fn(data)


def create_fetcher(kind_iterable, dataset, auto_collation, collate_fn, drop_last):
    cls = _IterableDatasetFetcher if kind_iterable else _MapDatasetFetcher
    return cls(dataset, auto_collation, collate_fn, drop_last)
