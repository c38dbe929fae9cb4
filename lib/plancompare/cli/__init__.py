"""`plancompare` on the command line, a thin layer over the library: main (the commands and
their exit codes), render (the render command's arguments), terminal (tables for a terminal)."""

from plancompare.cli.main import main, parser

__all__ = ["main", "parser"]
