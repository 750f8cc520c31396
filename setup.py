"""Lists every package under each top-level folder, so the mapping in pyproject.toml stays short."""

import tomllib
from pathlib import Path

from setuptools import find_packages, setup

_HERE = Path(__file__).parent
_PACKAGE_DIR = tomllib.loads((_HERE / "pyproject.toml").read_text())["tool"]["setuptools"][
    "package-dir"
]

packages = []
for name, folder in _PACKAGE_DIR.items():
    packages.append(name)
    packages += [f"{name}.{sub}" for sub in find_packages(str(_HERE / folder))]

setup(packages=packages)
