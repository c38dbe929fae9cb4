"""The plan texts in sources/ are checked against data/raw/SHA256SUMS (`sha256sum` format).

A source whose bytes changed after curation may have moved or lost the lines the curated quotes
point at, so a mismatch is a problem until a person has re-checked those rows and recorded the
new checksum.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from plancompare.common.digest import file_sha256

SUMS_FILE = "SHA256SUMS"


def read_sums(path: Path) -> dict[str, tuple[int, str]]:
    """{relative path: (line number, digest)} of a `sha256sum` file; binary-mode `*` accepted."""
    sums = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        digest, _, name = line.strip().partition(" ")
        if digest:
            sums[name.strip().lstrip("*")] = (number, digest.lower())
    return sums


def write_sums(data_dir: Path) -> None:
    """Record the checksum of every file in sources/ (for generated data and test fixtures)."""
    lines = [
        f"{file_sha256(path)}  {path.relative_to(data_dir).as_posix()}\n"
        for path in sorted((data_dir / "sources").glob("*.txt"))
    ]
    (data_dir / SUMS_FILE).write_text("".join(lines), encoding="utf-8")


def check_sources(data_dir: Path, sources: list[str], report) -> None:
    """`report(path, row, message)` for every source (relative path) missing from SHA256SUMS,
    every listed file that is missing, and every mismatch."""
    sums_path = data_dir / SUMS_FILE
    where = shlex.quote(str(data_dir))
    if not sums_path.is_file():
        report(
            sums_path,
            1,
            "not found: after checking each plan text against its publication, record them "
            f"with: cd {where} && sha256sum sources/*.txt > {SUMS_FILE}",
        )
        return
    sums = read_sums(sums_path)
    for name in sorted(set(sources) - set(sums)):
        report(
            data_dir / name,
            1,
            f"not in {SUMS_FILE}: after checking it against the published plan, record it "
            f"with: cd {where} && sha256sum {shlex.quote(name)} >> {SUMS_FILE}",
        )
    for name, (number, digest) in sums.items():
        path = data_dir / name
        if not path.is_file():
            report(sums_path, number, f"lists {name}, which is missing")
            continue
        actual = file_sha256(path)
        if actual != digest:
            report(sums_path, number, _changed_message(where, name, digest, actual))


def _changed_message(where: str, name: str, old: str, new: str) -> str:
    return (
        f"{name} changed since it was curated (sha256 {new[:12]}…, recorded {old[:12]}…): "
        "re-check every curated row that quotes it (line numbers and quotes), then record the "
        f"new checksum with: cd {where} && "
        f"sed -i 's|^{old}  {name}$|{new}  {name}|' {SUMS_FILE}"
    )
