"""Runs pytest with the given arguments; "no tests collected" (exit 5) is a pass."""
import sys

import pytest

code = pytest.main(sys.argv[1:])
sys.exit(0 if code == 5 else int(code))
