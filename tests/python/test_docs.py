"""The Python examples in README.md and docs/*.md run, and print what the text
block after them shows (the C++ ones are checked by the ctest docs.snippets)."""
import contextlib
import glob
import io
import os
import re

import pytest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
FENCE = re.compile(r"```(\w*)\n(.*?)```", re.S)


def examples():
    out = []
    for path in [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md"))):
        with open(path, encoding="utf-8") as f:
            blocks = FENCE.findall(f.read())
        for i, (lang, code) in enumerate(blocks):
            if lang != "python":
                continue
            expected = blocks[i + 1][1] if i + 1 < len(blocks) and blocks[i + 1][0] == "text" else None
            out.append(pytest.param(code, expected, id=f"{os.path.basename(path)}-{i}"))
    return out


EXAMPLES = examples()


@pytest.mark.parametrize("code,expected", EXAMPLES)
def test_doc_example(code, expected):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, "<doc>", "exec"), {"__name__": "__main__"})
    if expected is not None:
        assert buf.getvalue() == expected


def test_docs_have_python_examples():
    assert len(EXAMPLES) >= 2
