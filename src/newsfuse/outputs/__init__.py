"""Writers for everything a run produces. Each takes the finished Report and a folder."""

from newsfuse.outputs.files import OUTPUT_FILES, write_outputs
from newsfuse.outputs.report_json import load_schema, validate_report

__all__ = ["OUTPUT_FILES", "load_schema", "validate_report", "write_outputs"]
