"""Runs a program in a real pseudo-terminal and drives it like a person at a keyboard.

Usage: python3 pty-driver.py STEPS_JSON PROGRAM ARGS...
STEPS_JSON is a list of steps: {"send": "text"} types it (escapes such as \\u0003 are Ctrl-C),
{"expect": "regex", "timeout": seconds} waits until the output so far (since the last expect)
matches, {"resize": [rows, cols]} changes the window size (the kernel sends SIGWINCH), and
{"sleep": seconds} waits. After the steps it waits for the program to exit and prints one JSON
line: {"ok", "failedStep", "exitCode", "transcript"}. Standard library only.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time


def main():
    steps = json.loads(sys.argv[1])
    argv = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, os.environ)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    transcript = b""
    pending = b""

    def read_for(seconds):
        """Reads what the program writes within `seconds`; False once it has closed the terminal."""
        nonlocal transcript, pending
        ready, _, _ = select.select([fd], [], [], max(0.0, seconds))
        if not ready:
            return True
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        transcript += chunk
        pending += chunk
        return True

    failed = None
    for index, step in enumerate(steps):
        if "send" in step:
            os.write(fd, step["send"].encode())
        elif "resize" in step:
            rows, cols = step["resize"]
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        elif "sleep" in step:
            end = time.time() + step["sleep"]
            while time.time() < end:
                read_for(end - time.time())
        elif "expect" in step:
            pattern = re.compile(step["expect"].encode())
            end = time.time() + step.get("timeout", 10)
            while not pattern.search(pending) and time.time() < end:
                if read_for(end - time.time()) is False:
                    break
            match = pattern.search(pending)
            if not match:
                failed = index
                break
            pending = pending[match.end():]
    exit_code = None
    if failed is None:
        end = time.time() + 30
        while time.time() < end:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                exit_code = os.waitstatus_to_exitcode(status)
                break
            read_for(0.1)
    if exit_code is None:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
    print(json.dumps({"ok": failed is None and exit_code is not None, "failedStep": failed, "exitCode": exit_code, "transcript": transcript.decode("utf-8", "replace")}))


main()
