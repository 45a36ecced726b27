"""The examples in every module's docstrings run and hold (netgraph and netgraph.web, as installed).

Collected here rather than with ``--doctest-modules`` so that the web app is
imported only as ``netgraph.web``, the name it installs under.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

from tests.package_folders import PACKAGE_FOLDERS


def modules() -> list[str]:
    # each folder pyproject.toml maps is walked on its own: in an editable install netgraph.web
    # lives in web/, beside the package, and walking netgraph alone would miss it
    names = set(PACKAGE_FOLDERS)
    for name in PACKAGE_FOLDERS:
        package = importlib.import_module(name)
        names.update(info.name for info in pkgutil.walk_packages(package.__path__, f"{name}."))
    return sorted(names)


@pytest.mark.parametrize("name", modules())
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_web_package_is_among_them():
    assert "netgraph.web" in modules() and "netgraph.web.params" in modules()
