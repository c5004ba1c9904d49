"""Whole-pipeline time of two source trees of newsfuse, measured in alternation.

A speed change is easiest to misjudge on a shared machine: two runs minutes apart can differ by
more than the change. This script runs ``newsfuse.pipeline.analyze`` on the same files with the
code under ``--before`` (a ``src`` folder, say of a ``git worktree`` at an older commit) and with
the code this interpreter imports, one cold process per run (imports and model loading included,
as ``newsfuse analyze`` pays them), alternating before/after ``--repeats`` times, and reports
the median of each, their ratio, and the median time of each stage.

    git worktree add /tmp/newsfuse-before <commit>
    .venv/bin/python scripts/bench_speed_change.py --before /tmp/newsfuse-before/src \\
        --data ../shared/datasets/timeline17 --limit 300 --repeats 3

Both trees use this interpreter's packages and the same model cache.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

# Runs under both trees, so it calls only what older trees have as well: the throughput eval's
# file choice is spelled out here rather than taken from a helper the "before" tree may lack.
_RUN = """
import json, sys
from pathlib import Path
from newsfuse.config import Config
from newsfuse.eval.throughput import spread_sample
from newsfuse.ingest._discover import discover
from newsfuse.pipeline import analyze
config = Config.from_options()
found = discover([Path(sys.argv[1])], config.ingest)
files = spread_sample(sorted(Path(f.display) for f in found.files), int(sys.argv[2]))
report = analyze(files, config=config)
print(json.dumps({"seconds": report.stats["seconds"], "articles": len(report.articles)}))
"""


def _run(source: Path | None, data: Path, limit: int) -> dict[str, float]:
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(data), str(limit)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        raise SystemExit(f"bench_speed_change: a run failed ({source or 'this tree'}): {tail[0]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the other tree's src folder")
    parser.add_argument("--data", type=Path, required=True, help="a folder of articles")
    parser.add_argument("--limit", type=int, default=300, help="files spread over the folder")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not (args.before / "newsfuse" / "__init__.py").is_file():
        raise SystemExit(f"bench_speed_change: {args.before} holds no newsfuse package")
    if not args.data.is_dir():
        raise SystemExit(f"bench_speed_change: {args.data} is not a folder of articles")
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for repeat in range(1, args.repeats + 1):
        for name, source in (("before", args.before), ("after", None)):
            seconds = _run(source, args.data, args.limit)
            runs[name].append(seconds)
            print(f"run {repeat} {name}: {seconds['total']:.1f} s", flush=True)
    stages = list(dict.fromkeys(s for r in runs["before"] + runs["after"] for s in r))
    print(f"{'stage':<14}{'before s':>10}{'after s':>10}")
    for stage in stages:
        medians = [
            statistics.median(r.get(stage, 0.0) for r in runs[name]) for name in ("before", "after")
        ]
        print(f"{stage:<14}{medians[0]:>10.2f}{medians[1]:>10.2f}")
    before = statistics.median(r["total"] for r in runs["before"])
    after = statistics.median(r["total"] for r in runs["after"])
    print(
        f"median total: before {before:.1f} s, after {after:.1f} s, before/after {before / after:.3f}"
    )


if __name__ == "__main__":
    main()
