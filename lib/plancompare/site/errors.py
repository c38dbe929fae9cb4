"""What a render reports to its caller: problems found before any report runs, and the signals
that stop a run."""

import signal

from plancompare.common.errors import BusyError, UsageError


class RenderError(UsageError):
    """A selection that names no notebook, parameter or value the suite knows."""


class LockedError(BusyError, RenderError):
    """Another render holds the lock."""


class Interrupted(BaseException):
    """SIGTERM stopped the run (SIGINT raises KeyboardInterrupt); a BaseException, like
    KeyboardInterrupt, so that no `except Exception` on the way swallows it."""

    def __init__(self, signum: int):
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum
