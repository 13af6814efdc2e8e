"""wick.autograd.graph: the graph node type (grad_fn objects)."""
import abc

from wick import _C

from wick.utils.hooks import RemovableHandle  # noqa: E402,F401


class Node(abc.ABC):
    """What every grad_fn is: C++ nodes (AddBackward0, AccumulateGrad, ...) and
    the nodes of custom Python Functions (their ctx objects)."""

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Node and issubclass(C, (_C._autograd.Node, _C._autograd.FunctionCtx)):
            return True
        return NotImplemented
