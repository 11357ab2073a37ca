#!/usr/bin/env python3
"""Start-time comparison for the wallet README: runs each command N times, alternating between them
(so that load from other processes hits all of them alike), output to /dev/null, and prints the
median and range of wall time and of CPU time (user + sys of the process and its children).

usage: wallet-cli/bench/alternate.py N 'label=command' 'label=command' ...
"""
import os
import shlex
import statistics
import sys
import time


def run(command):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        argv = shlex.split(command)
        os.execvp(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        print(f"exit code {os.waitstatus_to_exitcode(status)}: {command}", file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime


def main():
    n = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    results = {label: ([], []) for label, _ in commands}
    for _, command in commands:
        run(command)  # warm-up: page cache, archives made
    load_before = os.getloadavg()[0]
    for i in range(n):
        order = commands if i % 2 == 0 else list(reversed(commands))
        for label, command in order:
            wall, cpu = run(command)
            results[label][0].append(wall)
            results[label][1].append(cpu)
    load_after = os.getloadavg()[0]
    print(f"{n} alternating runs each; 1-minute load average {load_before:.2f} -> {load_after:.2f}")
    for label, _ in commands:
        wall, cpu = results[label]
        print(
            f"{label:24s} wall {statistics.median(wall):.3f} s ({min(wall):.3f}-{max(wall):.3f})"
            f"  CPU {statistics.median(cpu):.3f} s ({min(cpu):.3f}-{max(cpu):.3f})"
        )


if __name__ == "__main__":
    main()
