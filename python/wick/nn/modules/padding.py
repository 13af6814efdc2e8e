from wick.nn import functional as F
from wick.nn.modules.module import Module
from wick.nn.modules.utils import _pair, _quadruple, _ntuple

__all__ = ["CircularPad1d", "CircularPad2d", "CircularPad3d", "ConstantPad1d",
           "ConstantPad2d", "ConstantPad3d", "ReflectionPad1d", "ReflectionPad2d",
           "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d",
           "ZeroPad1d", "ZeroPad2d", "ZeroPad3d"]

_sextuple = _ntuple(6, "_sextuple")


class _ModePadNd(Module):
    __constants__ = ["padding"]
    _mode = None
    _tup = None

    def __init__(self, padding):
        super().__init__()
        self.padding = type(self)._tup(padding)

    def forward(self, input):
        return F.pad(input, self.padding, self._mode)

    def extra_repr(self):
        return f"{self.padding}"


def _mode_pad(name, mode, tup):
    cls = type(name, (_ModePadNd,), {"_mode": mode, "_tup": staticmethod(tup)})
    cls.__module__ = __name__
    return cls


CircularPad1d = _mode_pad("CircularPad1d", "circular", _pair)
CircularPad2d = _mode_pad("CircularPad2d", "circular", _quadruple)
CircularPad3d = _mode_pad("CircularPad3d", "circular", _sextuple)
ReflectionPad1d = _mode_pad("ReflectionPad1d", "reflect", _pair)
ReflectionPad2d = _mode_pad("ReflectionPad2d", "reflect", _quadruple)
ReflectionPad3d = _mode_pad("ReflectionPad3d", "reflect", _sextuple)
ReplicationPad1d = _mode_pad("ReplicationPad1d", "replicate", _pair)
ReplicationPad2d = _mode_pad("ReplicationPad2d", "replicate", _quadruple)
ReplicationPad3d = _mode_pad("ReplicationPad3d", "replicate", _sextuple)


class _ConstantPadNd(Module):
    __constants__ = ["padding", "value"]
    _tup = None

    def __init__(self, padding, value):
        super().__init__()
        self.padding = type(self)._tup(padding)
        self.value = value

    def forward(self, input):
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self):
        return f"padding={self.padding}, value={self.value}"


class ConstantPad1d(_ConstantPadNd):
    _tup = staticmethod(_pair)


class ConstantPad2d(_ConstantPadNd):
    _tup = staticmethod(_quadruple)


class ConstantPad3d(_ConstantPadNd):
    _tup = staticmethod(_sextuple)


class ZeroPad1d(ConstantPad1d):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class ZeroPad2d(ConstantPad2d):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class ZeroPad3d(ConstantPad3d):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"
