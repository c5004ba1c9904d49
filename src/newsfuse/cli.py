"""The ``newsfuse`` command. Thin: parse arguments, call the library, say where output went.

Failures exit non-zero with one line on stderr; set NEWSFUSE_DEBUG=1 for the traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsfuse import __version__
from newsfuse.errors import NewsfuseError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Fuse many news reports into one corroborated picture of events.",
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True)


def say(line: str) -> None:
    """One plain line on stderr: never wrapped or styled, so scripts can grep it."""
    print(line, file=sys.stderr, flush=True)


def _parse_options(pairs: list[str]) -> dict[str, Any]:
    """``--set stories_threshold=0.4`` → {"stories_threshold": 0.4} (values read as JSON when
    they parse, else kept as text)."""
    options: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise NewsfuseError(f"--set expects NAME=VALUE, got {pair!r}", stage="config")
        try:
            options[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            options[name.strip()] = raw
    return options


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders, any mix of formats.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the report.")] = Path(
        "report"
    ),
    settings: Annotated[
        list[str], typer.Option("--set", help="A setting as NAME=VALUE, e.g. nlp_batch_size=32.")
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    state: Annotated[
        Path | None,
        typer.Option(
            "--state",
            help="A SQLite file of stories from earlier runs (created if absent): "
            "this run continues them and keeps their ids.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Read news reports and write report.json, index.html, articles.jsonl, events.csv and
    places.geojson into --out."""
    from newsfuse.outputs import write_outputs
    from newsfuse.pipeline import analyze as run_analysis
    from newsfuse.progress import rich_progress

    options = _parse_options(settings)
    with rich_progress(enabled=not quiet and err.is_terminal) as progress:
        report = run_analysis([str(p) for p in paths], progress=progress, state=state, **options)
    for rejected in report.rejected:
        say(f"rejected: {rejected.path}: {rejected.reason}")
    written = write_outputs(report, out_dir)
    seconds = report.stats["seconds"]["total"]
    out.print(
        f"{len(report.articles)} articles, {len(report.stories)} stories, "
        f"{len(report.source_groups)} independent sources, {len(report.rejected)} rejected "
        f"in {seconds:.1f}s"
    )
    disagreements = sum(c.verdict in ("contradicted", "disputed") for c in report.claims)
    if report.claims:
        out.print(
            f"{len(report.claims)} claims ({disagreements} contradicted or disputed), "
            f"{len(report.quotes)} quotes, {len(report.events)} events"
        )
    briefed = sum(bool(s.brief) for s in report.stories)
    if briefed:
        sentences = sum(len(s.brief) for s in report.stories)
        entries = sum(len(s.timeline) for s in report.stories)
        out.print(
            f"Briefs for {briefed} stories ({sentences} cited sentences), "
            f"{entries} timeline entries"
        )
    if state is not None:
        out.print(f"Stories state: {state.resolve()}")
    out.print(f"Report: {written['index.html'].resolve()}")
    out.print(f"Data:   {written['report.json'].resolve()}")
    for name in ("articles.jsonl", "events.csv", "places.geojson"):
        out.print(f"        {written[name].resolve()}")


@app.command("eval")
def evaluate(
    task: Annotated[
        str,
        typer.Argument(
            help="extraction, pubdate, paraphrase, clustering, timex, geocode, events, claims, quotes "
            "or throughput."
        ),
    ],
    data: Annotated[Path, typer.Option("--data", help="The benchmark's folder or file.")],
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="Write what the system produced here.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Score only the first N items.")
    ] = None,
    settings: Annotated[list[str], typer.Option("--set", help="A task option as NAME=VALUE.")] = [],  # noqa: B006
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Score newsfuse on a public benchmark: one line per metric, then one line of JSON."""
    from newsfuse.eval import run_task
    from newsfuse.progress import rich_progress

    options = _parse_options(settings)
    with rich_progress(enabled=not quiet and err.is_terminal) as progress:
        result = run_task(task, data, limit=limit, progress=progress, **options)
    for note in result.notes:
        say(f"note: {note}")
    for name, value in result.metrics.items():
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        print(f"{name}: {shown}")
    if predictions is not None:
        predictions.parent.mkdir(parents=True, exist_ok=True)
        predictions.write_text(
            json.dumps(result.predictions, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        say(f"predictions: {predictions.resolve()}")
    print(json.dumps({"task": task, **result.metrics}))


@app.command()
def version() -> None:
    """Print the version."""
    print(f"newsfuse {__version__}")


def _one_blas_thread() -> None:
    """Before numpy loads: one BLAS (and OpenMP) thread per process, unless the user set their
    own. newsfuse spreads its work over the cores itself (spaCy worker processes, ONNX Runtime's
    thread pool); BLAS threads on top contend for the same cores. The entity stage ran ~15%
    faster with one, and OpenBLAS must be told when it loads: limiting it later does not help."""
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


def main() -> None:
    _one_blas_thread()
    try:
        app()
    except NewsfuseError as exc:
        say(f"newsfuse: error: {exc.one_line()}")
        sys.exit(1)
    except KeyboardInterrupt:
        say("newsfuse: interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, keep the traceback on request
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        say(
            f"newsfuse: internal error: {type(exc).__name__}: {exc} "
            "(rerun with NEWSFUSE_DEBUG=1 for the traceback, and please report it)"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
