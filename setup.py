"""pip install [--no-build-isolation] . : builds libwick and wick._C with CMake
(the same build `make` runs) and packages python/wick with both libraries."""
import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, find_packages, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        out_dir = os.path.abspath(os.path.dirname(self.get_ext_fullpath(ext.name)))
        build_dir = os.environ.get("WICK_PIP_BUILD", os.path.join(ROOT, "build-pip"))
        cfg = ["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
               "-DWICK_BUILD_TESTS=OFF", f"-DPython3_EXECUTABLE:FILEPATH={sys.executable}",
               f"-DWICK_PYTHON_OUTPUT_DIR={out_dir}"]
        if shutil.which("ninja"):
            cfg += ["-G", "Ninja"]
        subprocess.check_call(cfg)
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "wick_python",
                               "-j", str(os.cpu_count() or 2)])
        # _C finds libwick through $ORIGIN: put the library beside it.
        # Only the file named by its soname (libwick.so.MAJOR.MINOR) is needed.
        for f in os.listdir(build_dir):
            if re.fullmatch(r"libwick\.so\.\d+\.\d+", f):
                shutil.copy2(os.path.join(build_dir, f), out_dir, follow_symlinks=True)


setup(
    packages=find_packages("python"),
    package_dir={"": "python"},
    ext_modules=[CMakeExtension("wick._C")],
    cmdclass={"build_ext": CMakeBuild},
)
