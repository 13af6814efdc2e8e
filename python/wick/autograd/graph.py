"""wick.autograd.graph: the graph node type (grad_fn objects)."""
from wick import _C

Node = _C._autograd.Node
RemovableHandle = _C._autograd.RemovableHandle
