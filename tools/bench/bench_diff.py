"""`make bench` for `yearbook diff`: two revisions of a repository holding ten years of records,
against `git diff` on the same revisions. Both run as fresh processes; medians of several runs."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import YEAR_FILES

RECORDS = Path(__file__).resolve().parents[2] / "records"
RUNS = 5
BIN = Path(sys.executable).parent


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def median(command: list[str], cwd: Path) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch)
        (repo / "records").mkdir()
        shutil.copy(RECORDS / "org.yaml", repo / "records" / "org.yaml")
        for year in range(2014, 2024):
            folder = repo / "records" / str(year)
            folder.mkdir()
            for kind in YEAR_FILES:
                text = (RECORDS / "2023" / f"{kind}.yaml").read_text(encoding="utf-8")
                (folder / f"{kind}.yaml").write_text(text.replace("year: 2023", f"year: {year}"), encoding="utf-8")
        git(repo, "init", "-q", "-b", "main")
        git(repo, "-c", "user.email=b@example.com", "-c", "user.name=bench", "commit", "-q", "--allow-empty", "-m", "empty")
        git(repo, "add", "-A")
        git(repo, "-c", "user.email=b@example.com", "-c", "user.name=bench", "commit", "-q", "-m", "ten years")
        for year in range(2014, 2024):  # one character, one figure and one new plan in every year
            activities = repo / "records" / str(year) / "activities.yaml"
            activities.write_text(
                activities.read_text(encoding="utf-8").replace("加强组织领导", "加强思想领导").replace("value: 100}", "value: 98}"), encoding="utf-8"
            )
            plans = repo / "records" / str(year) / "plans.yaml"
            plans.write_text(plans.read_text(encoding="utf-8") + "  - id: team-building\n    lead: 加强队伍建设\n", encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "-c", "user.email=b@example.com", "-c", "user.name=bench", "commit", "-q", "-m", "edits")
        ours = median([str(BIN / "yearbook"), "diff", "HEAD~1", "HEAD"], repo)
        plain = median(["git", "diff", "HEAD~1", "HEAD"], repo)
        words = median(["git", "diff", "--word-diff", "HEAD~1", "HEAD"], repo)
    print(f"ten years ({10 * len(YEAR_FILES) + 1} files), 30 edits; medians of {RUNS} fresh processes")
    print(f"  yearbook diff HEAD~1 HEAD (load both sides, check, match, diff)  {ours:6.2f} s  (aim < 1 s)")
    print(f"  git diff HEAD~1 HEAD                                            {plain:6.3f} s")
    print(f"  git diff --word-diff HEAD~1 HEAD                                {words:6.3f} s")
    print(f"  yearbook diff takes {ours / plain:.0f}× the time of git diff")


if __name__ == "__main__":
    main()
