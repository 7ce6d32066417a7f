"""A logging handler that remembers every record carrying something shaped like a valid
Swedish personnummer (10 or 12 digits, optional separator, a correct check digit)."""

import logging
import re

from stdnum.se import personnummer

CANDIDATE = re.compile(r"(?<!\d)(?:19|20)?\d{6}[-+]?\d{4}(?!\d)")
OWN_FIELDS = set(vars(logging.makeLogRecord({})))


def personnummer_in(text: str) -> list[str]:
    return [match for match in CANDIDATE.findall(text) if personnummer.is_valid(match)]


class PersonnummerScanHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.hits: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            text = str(record.msg)
        extra = {k: v for k, v in vars(record).items() if k not in OWN_FIELDS}
        found = personnummer_in(f"{text} {extra}")
        if found:
            self.hits.append(f"{record.name}: {text[:120]!r} ({', '.join(found)})")
