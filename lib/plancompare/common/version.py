"""The suite's version: in the database's build_info, the data package and every page footer."""

__version__ = "0.1.0"
