"""The package version, single-sourced for the build and the user agent."""

__version__ = "0.1.0"
