"""Run one command and write its own peak memory and exit status to a file.

Usage: ``python -I -S launch.py REPORT COMMAND [ARG...]``

Why a separate small process: Linux starts a child's peak-memory count from the
address space it replaced at ``exec``. Python's ``subprocess`` starts children with
``vfork``, whose replaced address space is the caller's, so a child of a pytest
worker that has grown to 400 MiB reports a 400 MiB peak even for ``--version``.
Forked from this launcher (a few MiB), the command's peak is its own.
"""

import os
import sys
from pathlib import Path


def main() -> None:
    report, command = sys.argv[1], sys.argv[2:]
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)  # stdin, stdout, stderr and env are inherited
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    Path(report).write_text(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}\n")


if __name__ == "__main__":
    main()
