"""What the benchmark scripts share: timing a command in a child, the machine, the README."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

README = Path(__file__).with_name("README.md")


# Runs a command and reports the largest resident size among the processes it waited for:
# a fresh wrapper per command, so no earlier step's processes count.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def timed(command: list[str], **kwargs) -> dict:
    """Run `command` to completion: wall seconds, peak resident MiB of its largest process, load average after.

    Raises:
        RuntimeError: the command failed.
    """
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, **kwargs)
    seconds = time.perf_counter() - start
    lines = result.stderr.strip().splitlines()
    if result.returncode != 0 or not lines:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"{' '.join(command[:3])}... failed ({result.returncode}): {' | '.join(tail)}")
    return {"seconds": seconds, "peak_mib": int(lines[-1]) / 1024, "load": os.getloadavg()[0], "stdout": result.stdout}


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8") if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return (f"{len(os.sched_getaffinity(0))} CPU cores ({model}), {memory / 2**20:.0f} GiB RAM, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def write_results(section: str, text: str) -> None:
    """Put `text` between the results markers of README section `section`, creating what is missing."""
    markers = re.compile(rf"(## {re.escape(section)}\n.*?<!-- results:start -->\n).*?(<!-- results:end -->)", re.DOTALL)
    readme = README.read_text(encoding="utf-8")
    if markers.search(readme):
        readme = markers.sub(lambda m: m.group(1) + text + "\n" + m.group(2), readme)
    else:
        readme = readme.rstrip("\n") + f"\n\n## {section}\n\n<!-- results:start -->\n{text}\n<!-- results:end -->\n"
    README.write_text(readme, encoding="utf-8")


def publish(section: str, command: str, text: str, *, readme: bool) -> None:
    """Print `text`, headed by when, where and with what command it was measured; into README section `section` too if `readme`."""
    text = f"Measured {dt.date.today().isoformat()} on {machine()}, with\n\n```\n{command}\n```\n\n{text}"
    print("\n" + text)
    if readme:
        write_results(section, text)
