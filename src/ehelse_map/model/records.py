"""The data model: frozen dataclasses built from validated YAML.

Nothing here parses YAML or reports problems; `dataset.load_dataset` builds these objects only
after validation succeeded, so every reference in a `Dataset` resolves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ehelse_map.fuzzydate import FuzzyDate


@dataclass(frozen=True)
class Location:
    """Where a value came from, for messages that point back at the data."""

    file: str
    line: int
    column: int
    path: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Period:
    """An active period; either end may be open or fuzzy (`2017`, `2021-04`)."""

    start: FuzzyDate | None = None
    end: FuzzyDate | None = None

    def active_on(self, day: date) -> bool:
        """True when the period overlaps `day`; fuzzy ends are read generously."""
        if self.start is not None and self.start.earliest() > day:
            return False
        return not (self.end is not None and self.end.latest() < day)

    def overlaps(self, other: Period) -> bool:
        starts = [p.start.earliest() for p in (self, other) if p.start is not None]
        ends = [p.end.latest() for p in (self, other) if p.end is not None]
        return not starts or not ends or max(starts) <= min(ends)

    def __str__(self) -> str:
        start = str(self.start) if self.start else ""
        end = str(self.end) if self.end else ""
        return f"{start}–{end}" if (start or end) else ""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Assumption:
    """An explicit, documented assumption; estimates in the data point at one of these."""

    id: str
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Area:
    """A mandate area from the data's own vocabulary (e.g. a national priority area)."""

    id: str
    labels: dict[str, str]
    group: str | None = None
    sources: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return _pick_label(self.labels, lang, self.id)


@dataclass(frozen=True)
class Role:
    """A post in a member organisation that networks target.

    `anchor` says which kind of anchoring a network gains by reaching the role:
    `health-leader`, `chief-executive`, `elected` or None.
    """

    id: str
    labels: dict[str, str]
    anchor: str | None = None
    country: str | None = None
    sources: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return _pick_label(self.labels, lang, self.id)


@dataclass(frozen=True)
class StaffingRule:
    """Up to `max_population` inhabitants, these groups of roles are each held by one person."""

    max_population: int | None
    persons: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Staffing:
    """Which roles one person holds; an assumption, overridable per municipality."""

    assumption: str
    rules: tuple[StaffingRule, ...]
    overrides: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    capacity_hours_per_year: float = 0.0
    capacity_assumption: str | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    level: str
    country: str
    sources: tuple[str, ...]
    short_name: str | None = None
    parent: str | None = None
    region: str | None = None
    catchment: str | None = None
    number: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    population: int | None = None
    population_as_of: str | None = None
    count: int = 1
    period: Period = Period()
    successor: str | None = None
    former_names: tuple[str, ...] = ()
    url: str | None = None
    note: str | None = None
    inferred: str | None = None
    location: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Coverage:
    """Whom a network reaches: explicit actors and/or a selector (region, catchment, country).

    `members` is the expansion done at load time. `count` is a documented number of
    organisations reached when they are not listed (e.g. the 2008 seminars: 134 municipalities).
    """

    members: tuple[str, ...]
    count: int | None = None
    inferred: str | None = None


@dataclass(frozen=True)
class Target:
    """A role a network targets, with its meeting cadence.

    `estimate` is the id of the assumption behind the cadence, or None when documented.
    """

    role: str
    meetings_per_year: float
    hours_per_meeting: float
    estimate: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def hours_per_year(self) -> float:
        return self.meetings_per_year * self.hours_per_meeting


@dataclass(frozen=True)
class Funding:
    source: str
    scheme: str | None = None
    reports_to: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    kind: str
    level: str
    country: str
    host: str | None
    coverage: Coverage
    areas: tuple[str, ...]
    tasks: tuple[str, ...]
    targets: tuple[Target, ...]
    sources: tuple[str, ...]
    short_name: str | None = None
    parent: str | None = None
    participants: tuple[str, ...] = ()
    funding: tuple[Funding, ...] = ()
    reports_to: tuple[str, ...] = ()
    steered_by: tuple[str, ...] = ()
    period: Period = Period()
    url: str | None = None
    note: str | None = None
    inferred: str | None = None
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.role for t in self.targets))

    @property
    def rests_on_estimates(self) -> bool:
        return any(t.estimate for t in self.targets)


@dataclass(frozen=True)
class Dataset:
    """A validated data set: every id resolves, every record has a source."""

    actors: dict[str, Actor]
    networks: dict[str, Network]
    areas: dict[str, Area]
    roles: dict[str, Role]
    sources: dict[str, Source]
    assumptions: dict[str, Assumption]
    staffing: Staffing | None
    files: tuple[str, ...] = ()

    def active_networks(self, day: date) -> list[Network]:
        return [n for n in self.networks.values() if n.period.active_on(day)]

    def active_actors(self, day: date) -> list[Actor]:
        return [a for a in self.actors.values() if a.period.active_on(day)]


def _pick_label(labels: dict[str, str], lang: str, fallback: str) -> str:
    """Prefer the asked language, then the Norwegian forms, then English, then anything."""
    for key in (lang, "nb" if lang == "nn" else "nn", "nb", "en", *labels):
        if key in labels:
            return labels[key]
    return fallback
