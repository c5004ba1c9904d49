"""Evaluation tasks, one module per public benchmark; run with ``newsfuse eval TASK``."""

from newsfuse.eval._registry import TASKS, EvalResult, run_task

__all__ = ["TASKS", "EvalResult", "run_task"]
