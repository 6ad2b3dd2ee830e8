"""The version of ptcekit."""

__version__ = "0.1.0.dev0"
