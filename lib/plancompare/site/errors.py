"""What a render reports to its caller before any report runs."""


class RenderError(Exception):
    """A selection that names no notebook, parameter or value the suite knows."""


class LockedError(RenderError):
    """Another render holds the lock."""
