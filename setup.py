"""Build impact's one C extension; everything else is in pyproject.toml.

``impact_cli._yamlread`` reads libyaml's events straight into plain data (see
its source). It is optional: where libyaml's headers or a C compiler are
missing, the build goes on without it and impact reads the same events through
PyYAML: reading YAML is about 3x slower, and the output identical. ``impact doctor`` says
which reader a machine has, and impact's own test suite fails without it.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "impact_cli._yamlread",
            sources=["src/impact_cli/_yamlread.c"],
            libraries=["yaml"],
            optional=True,
        )
    ]
)
