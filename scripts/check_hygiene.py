"""Report file-hygiene faults without fixing them (used by `make lint`).

The same rules as the hygiene hooks of .pre-commit-config.yaml (trailing whitespace, with
Markdown's two-space line break allowed; exactly one line break at the end of the file), but
on every file Git does not ignore, tracked or not, and without rewriting anything.
Exit status 1 if a file breaks a rule; each fault is printed as ``file:line: message``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

EXCLUDED = ("notebooks/data/",)
MD_LINE_BREAK = re.compile(r"\S  $")


def files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [f for f in listing if not f.startswith(EXCLUDED) and Path(f).is_file()]


def faults(path: str) -> list[str]:
    data = Path(path).read_bytes()
    if b"\0" in data:
        return []  # binary
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    found = []
    markdown = path.endswith(".md")
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line != line.rstrip() and not (markdown and MD_LINE_BREAK.search(line)):
            found.append(f"{path}:{number}: espaces en fin de ligne")
    if text and not text.endswith("\n"):
        found.append(f"{path}: pas de saut de ligne à la fin du fichier")
    elif text.endswith("\n\n") or (text and not text.strip()):
        found.append(f"{path}: lignes vides à la fin du fichier")
    return found


def main() -> int:
    report = [fault for path in files() for fault in faults(path)]
    print("\n".join(report) or "Hygiène des fichiers : rien à signaler.")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
