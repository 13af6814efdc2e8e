"""Process-wide settings and the small torch-level helpers: print options,
default dtype and tensor type, threads, predicates, wick.cuda on a CPU build."""
import pytest

import wick
from conftest import both, needs_torch, wick_repr


@pytest.fixture
def restore_print_options():
    yield
    import torch
    for m in (wick, torch):
        m.set_printoptions(profile="default")
        m.set_printoptions(sci_mode=None)


@needs_torch
@pytest.mark.parametrize("options", [
    dict(precision=2), dict(precision=8), dict(threshold=5), dict(threshold=5, edgeitems=1),
    dict(linewidth=20), dict(sci_mode=True), dict(sci_mode=False), dict(profile="short"),
    dict(profile="full"),
])
def test_set_printoptions_matches_torch(options, restore_print_options):
    def run(m):
        m.set_printoptions(**options)
        values = m.arange(0.0, 12.5, 0.5) * 1.2345
        return [repr(values), repr(values.reshape(5, 5)), repr(m.tensor([1e-5, 1.0, 3e6])),
                repr(m.arange(30).reshape(3, 10))]
    w, t = both(run)
    assert w == [wick_repr(s) for s in t]


def test_set_printoptions_refuses_negative_precision(restore_print_options):
    with pytest.raises(ValueError):
        wick.set_printoptions(precision=-1)


@needs_torch
def test_default_dtype_changes_inferred_and_legacy_types():
    def run(m):
        m.set_default_dtype(m.float64)
        try:
            return (str(m.get_default_dtype()), str(m.tensor([1.5]).dtype), str(m.Tensor(2).dtype),
                    str(m.arange(0.0, 1.0, 0.5).dtype), str(m.zeros(1).dtype),
                    str(m.tensor([1]).dtype), str(m.ones(1, dtype=m.float32).dtype))
        finally:
            m.set_default_dtype(m.float32)
    w, t = both(run)
    assert list(w) == [wick_repr(s) for s in t]
    assert wick.get_default_dtype() == wick.float32


@needs_torch
def test_set_default_dtype_refuses_integer_types():
    import torch
    for m in (wick, torch):
        with pytest.raises(TypeError):
            m.set_default_dtype(m.int64)


@needs_torch
def test_set_default_tensor_type_by_class_and_name():
    def run(m):
        out = []
        for t in (m.DoubleTensor, "torch.DoubleTensor", m.FloatTensor):
            m.set_default_tensor_type(t)
            out.append((m.Tensor(1).type(), str(m.tensor([0.5]).dtype)))
        return out
    w, t = both(run)
    assert [(a, b) for a, b in w] == [(a, wick_repr(b)) for a, b in t]


@needs_torch
def test_cuda_tensor_types_are_refused_without_cuda():
    import torch
    for m in (wick, torch):
        with pytest.raises(TypeError, match="not available. Torch not compiled with CUDA enabled"):
            m.set_default_tensor_type(m.cuda.FloatTensor)
        with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
            m.ones(2, device="cuda")
    assert wick.get_default_dtype() == wick.float32


def test_cuda_module_on_a_cpu_build():
    assert wick.cuda.is_available() is False
    assert wick.cuda.device_count() == 0
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        wick.cuda.current_device()
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        wick.ones(2).cuda()
    assert not isinstance(wick.ones(2), wick.cuda.FloatTensor)


def test_threads_round_trip():
    before = wick.get_num_threads()
    try:
        wick.set_num_threads(1)
        assert wick.get_num_threads() == 1
    finally:
        wick.set_num_threads(before)
    with pytest.raises(RuntimeError):
        wick.set_num_threads(0)


@needs_torch
def test_predicates_match_torch():
    def run(m):
        return (m.is_tensor(m.ones(1)), m.is_tensor([1]), m.is_floating_point(m.ones(1)),
                m.is_floating_point(m.ones(1, dtype=m.int64)), m.numel(m.ones(2, 3)))
    w, t = both(run)
    assert w == t


@needs_torch
def test_inference_mode_and_grad_modes():
    def run(m):
        x = m.ones(2, requires_grad=True)
        with m.inference_mode():
            a = x * 2
            inside = m.is_inference_mode_enabled()
        with m.no_grad():
            b = x * 2
            with m.enable_grad():
                c = x * 2
        return (a.requires_grad, inside, m.is_inference_mode_enabled(), b.requires_grad,
                c.requires_grad, m.is_grad_enabled())
    w, t = both(run)
    assert w == t


@needs_torch
def test_top_level_forms_of_a_few_methods():
    def run(m):
        x = m.tensor([1.0, 2.0])
        y = m.zeros(3)
        m.index_put_(y, (m.tensor([0, 2]),), m.tensor([5.0, 6.0]))
        z = m.ones(2)
        m.xlogy_(z, m.tensor([2.0, 3.0]))
        w = m.zeros(2)
        m.resize_as_(w, m.zeros(2, 2))
        v = m.ones(2)
        m.addmv_(v, m.eye(2), m.tensor([1.0, 2.0]), beta=2)
        return (m.is_complex(x), m.is_signed(x), m.get_device(x), repr(m.real(x)),
                repr(y), repr(z), tuple(w.shape), repr(v))
    w, t = both(run)
    assert w == t
