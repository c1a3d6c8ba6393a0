"""Rebuild ``data/hs-names-platform.csv`` from the translators' chapter files.

    .venv/bin/python -m scotemp.reference.platform_names /work/notes/hs

reads every ``ch-NN.csv`` in the folder (header ``code,name_zh_hans,name_ru``), checks each row
(a known HS 2022 code, Chinese text in the Chinese column, Cyrillic in the Russian one, no code
twice), writes the rows sorted by code with one header, and reports the headings and subheadings
that still have no Chinese or no Russian name from any source. Exit status 1 when a row was
rejected (the file is written with the good rows all the same). Needs no Django settings.
"""

import csv
import re
import sys
from pathlib import Path

from . import data_files

HEADER = ["code", "name_zh_hans", "name_ru"]
_HAN = re.compile(r"[\u3400-\u9fff]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _known_codes() -> set[str]:
    return {
        row["hscode"].strip()
        for row in data_files.read_csv("hs2022-en.csv")
        if row["section"].strip() in data_files.ROMAN and row["hscode"].strip().isdigit()
    }


def collect(folder: Path) -> tuple[list[dict], list[str]]:
    """(rows sorted by code, problems) from the ``ch-*.csv`` files of ``folder``."""
    known = _known_codes()
    rows: dict[str, dict] = {}
    problems = []
    for path in sorted(folder.glob("ch-*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != HEADER:
                problems.append(f"{path.name}: header {reader.fieldnames}, expected {HEADER}")
                continue
            for row in reader:
                where = f"{path.name}:{reader.line_num}"
                code = (row["code"] or "").strip()
                zh = " ".join((row["name_zh_hans"] or "").split())
                ru = " ".join((row["name_ru"] or "").split())
                if code not in known:
                    problems.append(f"{where}: {code!r} is not an HS 2022 code")
                elif code in rows:
                    problems.append(f"{where}: {code} given twice")
                elif zh and not _HAN.search(zh):
                    problems.append(f"{where}: {code} Chinese name without Chinese characters")
                elif ru and not _CYRILLIC.search(ru):
                    problems.append(f"{where}: {code} Russian name without Cyrillic letters")
                elif zh or ru:
                    rows[code] = {"code": code, "name_zh_hans": zh, "name_ru": ru}
    return [rows[code] for code in sorted(rows)], problems


def write(rows: list[dict], target: Path) -> None:
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def missing_names() -> dict[str, list[str]]:
    """Headings and subheadings without a Chinese or a Russian name from any source."""
    data_files.platform_names.cache_clear()
    missing: dict[str, list[str]] = {"zh_hans": [], "ru": []}
    for row in data_files.hs_code_rows():
        if row["level"] in (4, 6):
            for language in missing:
                if not row[f"description_{language}"]:
                    missing[language].append(row["code"])
    return missing


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    rows, problems = collect(Path(argv[0]))
    write(rows, data_files.DATA_DIR / data_files.PLATFORM_NAMES)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(rows)} rows written to {data_files.DATA_DIR / data_files.PLATFORM_NAMES}")
    for language, codes in missing_names().items():
        chapters = sorted({code[:2] for code in codes})
        print(f"without a {language} name: {len(codes)} codes, chapters {' '.join(chapters) or '-'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
