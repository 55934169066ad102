"""Developer sessions: `nox` runs tests, lint and typecheck; `nox -s docs` and `nox -s bench` on demand."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typecheck"]
# CI sets CI=true, which makes nox fail on a missing interpreter; we never pin one (the sessions
# use the interpreter nox runs on), and say so explicitly for safety.
nox.options.error_on_missing_interpreters = False
nox.options.reuse_venv = "yes"

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install(session: nox.Session, *groups: str, editable: bool = True) -> None:
    requirements: list[str] = []
    for group in groups:
        requirements.extend(nox.project.dependency_groups(PYPROJECT, group))
    session.install("--upgrade", "pip")
    session.install(*(["-e", "."] if editable else ["."]), *requirements)


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite: unit, integration (real loopback sockets) and reliability tests."""
    _install(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff lint and format check."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package and the tests."""
    _install(session, "typecheck")
    session.run("mypy", "--strict", "futurevuls_ext", "tests")


@nox.session(default=False)
def docs(session: nox.Session) -> None:
    """Build the docs site strictly (warnings are errors), offline."""
    _install(session, "docs")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site", env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmarks against peer parsers and import throughput; prints a ratio table, writes JSON."""
    _install(session, "test")
    session.install("-r", "bench/requirements.txt")
    session.run("python", "-m", "bench", *session.posargs)
