"""Problems are values: a code, a severity, a message and a location. Nothing here prints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

#: Code -> short title; the full table is in docs/data-format.md.
CODES: dict[str, str] = {
    "E001": "unreadable-file",
    "E002": "forbidden-yaml",
    "E003": "duplicate-key",
    "E004": "bad-key",
    "E010": "bad-shape",
    "E011": "missing-field",
    "E012": "unknown-reference",
    "E013": "wrong-type",
    "E014": "not-in-vocabulary",
    "E015": "duplicate-id",
    "E016": "bad-date",
    "E017": "bad-text",
    "E018": "no-source",
    "E019": "limit-exceeded",
    "E021": "observation-mismatch",
    "W100": "unknown-field",
    "W101": "ambiguous-scalar",
    "W201": "cadence-unsourced",
    "W301": "coverage-count-mismatch",
    "W302": "coverage-empty",
}


#: The message of the one E019 problem that says the list of problems was cut short.
TOO_MANY_PROBLEMS = "too many problems; stopped here (raise the limit with --max-problems)"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    code: str
    message: str
    path: str = ""

    @property
    def severity(self) -> str:
        return WARNING if self.code.startswith("W") else ERROR

    @property
    def title(self) -> str:
        return CODES.get(self.code, "")


@dataclass(frozen=True)
class Report:
    """All problems from one run, in file/line order."""

    problems: tuple[Problem, ...]
    files: tuple[str, ...]

    def errors(self, strict: bool = False) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if strict or p.severity == ERROR)

    def success(self, strict: bool = False) -> bool:
        return not self.errors(strict)


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix, or '' when nothing is close."""
    import difflib  # valid data never needs it: keep it out of start-up

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Suggester:
    """`suggest` for many unknown words against one long list (every actor id, say).

    difflib compares a word with each choice, which is too slow for thousands of broken
    references against tens of thousands of ids. Only choices of a similar length are
    compared (a ratio of 0.6 or more needs that), and each word is answered once.
    """

    def __init__(self, choices: Iterable[str]) -> None:
        self.by_length: dict[int, list[str]] = {}
        for choice in dict.fromkeys(choices):
            self.by_length.setdefault(len(choice), []).append(choice)
        self.answers: dict[str, str] = {}

    def suggest(self, word: str) -> str:
        answer = self.answers.get(word)
        if answer is None:
            # ratio = 2*M/(len(a)+len(b)) >= 0.6 needs the shorter at least 3/7 of the longer.
            size = len(word)
            pool = [c for n in range(-(-3 * size // 7), 7 * size // 3 + 1)
                    for c in self.by_length.get(n, ())]
            answer = self.answers[word] = suggest(word, pool)
        return answer


def plural(n: int, one: str, many: str | None = None) -> str:
    """`1 network`, `2 networks`, `0 networks` (`many` for irregular plurals)."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
