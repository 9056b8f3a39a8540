"""A synthetic data set shaped like the real Nordic one, at any scale, for benchmarks and tests.

At scale 1 it holds the five Nordic countries with their real numbers of municipalities (1,117),
counties or regions, health trusts and national bodies, and about 300 networks: whole-country
councils and networks, national programmes, one digitalisation network per county or region with
a steering group and nested working groups and projects, and a health community per health
trust. At scale N the sub-national structure and the programmes are N times as many, so every
county still has about 20 municipalities and the work of a linear analysis grows N times.

Everything is clearly made up: ids start with `syn-`, names end in "(synthetic)" and every
record cites a `synthetic:` source. The same scale and seed give the same bytes.

The YAML is written as text, not with `yaml.dump`, which is about fifty times slower; values
that YAML 1.1 tools would misread are quoted.
"""

from __future__ import annotations

import json
import math
import random
import re
from dataclasses import dataclass, field

from ehelse_map.load.yaml11 import yaml11_type
from ehelse_map.synthetic.shapes import (
    AREAS,
    ASSUMPTIONS,
    NORDIC,
    ROLES,
    SOURCES,
    TASKS,
    CountryShape,
)

FILES = ("actors.yaml", "networks.yaml")


_PLAIN = re.compile(r"[^\W_][\w .()'/–-]*", re.UNICODE)


def scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when every YAML 1.1 tool reads it as that string."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and yaml11_type(text) is None:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def flow(items: list[str] | tuple[str, ...]) -> str:
    """A flow list of ids (slugs, which need no quoting)."""
    return "[" + ", ".join(items) + "]"


@dataclass
class _Municipality:
    id: str
    name: str
    number: str
    region: str
    catchment: str | None
    population: int
    ended: bool = False
    successor: str | None = None


@dataclass
class _Country:
    shape: CountryShape
    regions: list[str] = field(default_factory=list)
    trusts: list[str] = field(default_factory=list)
    by_region: dict[str, list[_Municipality]] = field(default_factory=dict)
    by_trust: dict[str, list[_Municipality]] = field(default_factory=dict)
    municipalities: list[_Municipality] = field(default_factory=list)

    def national(self, body: str) -> str:
        return f"syn-{self.shape.code.lower()}-{body}"


def generate(scale: float = 1.0, seed: int = 0) -> dict[str, str]:
    """The text of actors.yaml and networks.yaml, keyed by file name."""
    if not scale > 0 or math.isinf(scale):
        raise ValueError("scale must be a positive number")
    return _Generator(scale, seed).files()


def _scaled(base: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(base * scale)) if base else 0


class _Generator:
    def __init__(self, scale: float, seed: int) -> None:
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.countries = [self._country(shape) for shape in NORDIC]

    # --- structure ---------------------------------------------------------------------------

    def _country(self, shape: CountryShape) -> _Country:
        rng, cc = self.rng, shape.code.lower()
        country = _Country(shape)
        n_regions = _scaled(shape.regions, self.scale)
        n_munis = max(n_regions, _scaled(shape.municipalities, self.scale))
        n_trusts = _scaled(shape.trusts, self.scale)
        country.regions = [f"syn-{cc}-{shape.region_kind}-{i:03d}" for i in range(1, n_regions + 1)]
        country.trusts = [f"syn-{cc}-trust-{i:03d}" for i in range(1, n_trusts + 1)]
        width = max(4, len(str(n_munis)))
        for i in range(n_munis):
            region = country.regions[i * n_regions // n_munis]
            trust = country.trusts[i * n_trusts // n_munis] if n_trusts else None
            population = min(900_000, max(200, int(math.exp(rng.gauss(8.9, 1.15)))))
            name = rng.choice(shape.prefixes) + rng.choice(shape.suffixes)
            number = f"{i + 1:0{width}d}"
            muni = _Municipality(f"syn-{cc}-m{number}", f"{name} {number} (synthetic)", number,
                                 region, trust, population)
            country.municipalities.append(muni)
            country.by_region.setdefault(region, []).append(muni)
            if trust:
                country.by_trust.setdefault(trust, []).append(muni)
        for members in country.by_region.values():  # about 2 % merged into a neighbour
            for k, muni in enumerate(members[1:], 1):
                if rng.random() < 0.02:
                    muni.ended, muni.successor = True, members[k - 1].id
        return country

    # --- actors.yaml -------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        return {"actors.yaml": self._actors_file(), "networks.yaml": self._networks_file()}

    def _header(self, what: str) -> list[str]:
        return [f"# SYNTHETIC {what}, written by `ehelse-map generate --scale {self.scale:g} "
                f"--seed {self.seed}`.",
                "# Made-up organisations and networks for benchmarks and tests; nothing here is "
                "real.", "schema_version: 2"]

    def _actors_file(self) -> str:
        out = self._header("sources, assumptions and actors")
        out.append("sources:")
        for ident, title in SOURCES:
            out += [f"  - id: {ident}", f"    title: {scalar(title + ' (synthetic)')}",
                    "    publisher: ehelse-map (synthetic)",
                    f"    note: {scalar(f'Generated with seed {self.seed}; not a real document.')}"]
        out.append("assumptions:")
        for ident, text, values in ASSUMPTIONS:
            out += [f"  - id: {ident}", f"    text: {scalar(text)}"]
            if values:
                out.append("    values:")
                out += [f"      {name}: {{value: {value:g}, low: {low:g}, high: {high:g}, "
                        f"unit: {unit}}}" for name, value, low, high, unit in values]
            out.append("    sources: [synthetic:000]")
        out.append("actors:")
        for country in self.countries:
            self._national_actors(country, out)
            self._regional_actors(country, out)
            self._municipalities(country, out)
        return "\n".join(out) + "\n"

    @staticmethod
    def _record(out: list[str], fields: list[tuple[str, str]]) -> None:
        key, value = fields[0]
        out.append(f"  - {key}: {value}")
        out.extend(f"    {k}: {v}" for k, v in fields[1:])

    def _actor(self, out: list[str], ident: str, name: str, kind: str, level: str, cc: str,
               *extra: tuple[str, str], source: str = "synthetic:bodies") -> None:
        self._record(out, [("id", ident), ("name", scalar(name + " (synthetic)")), ("kind", kind),
                           ("level", level), ("country", f'"{cc}"'), *extra,
                           ("sources", flow([source]))])

    def _national_actors(self, country: _Country, out: list[str]) -> None:
        cc, nat = country.shape.code, country.national
        self._actor(out, nat("government"), f"Government of {cc}", "government", "national", cc)
        self._actor(out, nat("ministry"), f"Ministry of Health {cc}", "ministry", "national", cc,
                    ("short_name", scalar(f"MoH {cc}")), ("parent", nat("government")))
        self._actor(out, nat("directorate"), f"Directorate of Health {cc}", "directorate",
                    "national", cc, ("parent", nat("ministry")))
        self._actor(out, nat("ehealth-agency"), f"E-health Agency {cc}", "agency", "national", cc,
                    ("parent", nat("ministry")), ("period", '{from: "2016-01-01"}'))
        self._actor(out, nat("association"), f"Association of Municipalities {cc}", "association",
                    "national", cc, ("short_name", scalar(f"AM {cc}")))
        self._actor(out, nat("health-net"), f"Health Network Enterprise {cc}", "state-enterprise",
                    "national", cc, ("parent", nat("ministry")))
        self._actor(out, nat("competence-centre"), f"Telemedicine Centre {cc}", "competence-centre",
                    "national", cc, ("period", '{from: "1993", to: "2015-12-31"}'),
                    ("successor", nat("ehealth-agency")))
        self._actor(out, nat("providers"), f"Private care providers {cc}", "company", "local", cc,
                    ("count", str(_scaled(40, self.scale))),
                    ("note", "An aggregate standing for providers not listed one by one."))
        if country.shape.authorities:
            for i in range(1, _scaled(country.shape.authorities, self.scale) + 1):
                self._actor(out, nat(f"rha-{i:02d}"), f"Regional Health Authority {cc}-{i}",
                            "regional-health-authority", "regional", cc,
                            ("parent", nat("ministry")))

    def _regional_actors(self, country: _Country, out: list[str]) -> None:
        shape = country.shape
        cc, nat = shape.code, country.national
        for i, region in enumerate(country.regions, 1):
            word = "County council" if shape.region_kind == "county" else "Region"
            self._actor(out, region, f"{word} {cc}-{i}", shape.region_kind, "regional", cc,
                        ("short_name", scalar(f"{word} {cc}-{i}")))
            if cc == "NO":
                self._actor(out, nat(f"state-admin-{region.rsplit('-', 1)[1]}"),
                            f"State Administrator {cc}-{i}",
                            "state-administrator", "regional", cc, ("region", region))
        n_authorities = _scaled(shape.authorities, self.scale)
        for i, trust in enumerate(country.trusts):
            if n_authorities:
                parent = nat(f"rha-{i * n_authorities // len(country.trusts) + 1:02d}")
            else:
                parent = nat("ministry")
            self._actor(out, trust, f"Health Trust {cc}-{i + 1}", "health-trust", "regional", cc,
                        ("parent", parent))

    def _municipalities(self, country: _Country, out: list[str]) -> None:
        cc = country.shape.code
        for m in country.municipalities:
            fields = [("id", m.id), ("name", scalar(m.name)), ("kind", "municipality"),
                      ("level", "local"), ("country", f'"{cc}"'), ("number", f'"{m.number}"'),
                      ("identifiers", f'{{orgnr: "9{cc.encode().hex()}{m.number}"}}'),
                      ("region", m.region)]
            if m.catchment:
                fields.append(("catchment", m.catchment))
            fields += [("population", str(m.population))]
            if m.ended:
                fields += [("population_as_of", '"2019-01-01"'),
                           ("period", '{to: "2019-12-31"}'), ("successor", m.successor or "")]
            else:
                fields.append(("population_as_of", '"2024-01-01"'))
            fields.append(("sources", "[synthetic:register]"))
            self._record(out, fields)

    # --- networks.yaml -----------------------------------------------------------------------

    def _networks_file(self) -> str:
        out = self._header("vocabularies, staffing and networks")
        out.append("areas:")
        for ident, en, nn in AREAS:
            out += [f"  - id: syn-{ident}", f"    labels: {{en: {scalar(en)}, nn: {scalar(nn)}}}",
                    "    group: synthetic", "    sources: [synthetic:networks]"]
        out.append("roles:")
        for ident, en, anchor in ROLES:
            out += [f"  - id: syn-{ident}", f"    labels: {{en: {scalar(en)}}}"]
            if anchor:
                out.append(f"    anchor: {anchor}")
            out.append("    sources: [synthetic:networks]")
        self._staffing(out)
        out.append("networks:")
        for country in self.countries:
            self._national_networks(country, out)
            for region in country.regions:
                self._regional_networks(country, region, out)
            for trust in country.trusts:
                self._trust_networks(country, trust, out)
        return "\n".join(out) + "\n"

    def _staffing(self, out: list[str]) -> None:
        out += ["staffing:", "  assumption: syn-staffing-by-size",
                "  capacity_hours_per_year: {assume: syn-capacity}",
                "  capacity_assumption: syn-capacity",
                "  rules:", "    - max_population: {assume: syn-staffing-by-size.small}",
                "      persons:",
                "        - [syn-health-leader, syn-ehealth-coordinator, "
                "syn-welfare-tech-coordinator, syn-implementation-lead]",
                "        - [syn-chief-executive]",
                "    - max_population: {assume: syn-staffing-by-size.middle}", "      persons:",
                "        - [syn-ehealth-coordinator, syn-welfare-tech-coordinator, "
                "syn-implementation-lead]",
                "    - persons:", "        - [syn-ehealth-coordinator, syn-implementation-lead]",
                "  overrides:"]
        for country in self.countries:
            for members in country.by_region.values():
                muni = members[len(members) // 2]
                out += [f"    {muni.id}:", "      - [syn-health-leader, syn-ehealth-coordinator]",
                        "      - [syn-welfare-tech-coordinator, syn-implementation-lead]"]

    def _network(self, out: list[str], ident: str, name: str, kind: str, level: str, cc: str,
                 host: str, coverage: str, targets: list[str], *,
                 parent: str | None = None, participants: list[str] | None = None,
                 participation: list[str] | None = None,
                 tail: list[tuple[str, str]] | None = None) -> None:
        rng = self.rng
        areas = sorted(rng.sample(range(len(AREAS)), rng.randint(1, 3)))
        tasks = sorted(rng.sample(range(len(TASKS)), rng.randint(1, 3)))
        fields = [("id", ident), ("name", scalar(name + " (synthetic)")), ("kind", kind),
                  ("level", level), ("country", f'"{cc}"'), ("host", host)]
        if parent:
            fields.append(("parent", parent))
        if participants:
            fields.append(("participants", flow(participants)))
        fields += [("coverage", coverage),
                   ("areas", flow([f"syn-{AREAS[i][0]}" for i in areas])),
                   ("tasks", flow([TASKS[i] for i in tasks]))]
        self._record(out, fields)
        if targets:
            out.append("    targets:")
            out.extend(f"      - {t}" for t in targets)
        if participation:
            out.append("    participation:")
            out.extend(f"      - {p}" for p in participation)
        for key, value in tail or ():
            out.append(f"    {key}: {value}")
        out.append("    sources: [synthetic:networks]")

    @staticmethod
    def _target(role: str, estimate: str | None = None, *, meetings: float | None = None,
                hours: float | str | None = None, asks: str | None = None,
                seats: int | None = None) -> str:
        """A target in data format 2: with `estimate`, the numbers left out are the
        assumption's (value and range) and a number given is an estimate whose range is the
        assumption's scaled to it; without, the numbers are documented (`hours` may be an
        `{assume: ...}` reference, an assumed length of documented meetings)."""
        fields = [f"role: syn-{role}"]
        if asks:
            fields.append(f"asks: {asks}")
        if seats is not None:
            fields.append(f"seats: {seats}")
        if meetings is not None:
            fields.append(f"meetings_per_year: {meetings:g}")
        if hours is not None:
            fields.append(f"hours_per_meeting: {hours if isinstance(hours, str) else f'{hours:g}'}")
        fields.append(f"estimate: {estimate}" if estimate else "sources: [synthetic:minutes]")
        return "{" + ", ".join(fields) + "}"

    def _participation(self, reach: int) -> list[str]:
        """About half the digitalisation networks document how many of the `reach`
        municipalities take part, twice (a count that held until the next one)."""
        if reach < 4 or self.rng.random() < 0.5:
            return []
        first = reach - self.rng.randint(1, max(1, reach // 5))
        second = min(reach, first + self.rng.randint(-1, 2))
        why = "estimate: syn-participation, sources: [synthetic:networks]"
        return [f'{{count: {first}, of: {reach}, from: "2019", to: "2023-12-31", {why}}}',
                f'{{count: {second}, of: {reach}, from: "2024", {why}}}']

    @staticmethod
    def _funding(source: str, scheme: str, reports_to: str) -> str:
        return (f"[{{source: {source}, scheme: {scalar(scheme)}, reports_to: {reports_to}, "
                "sources: [synthetic:grants]}]")

    @staticmethod
    def _period(start: int, end: int | None = None) -> str:
        return (f'{{from: "{start}", to: "{end}"}}' if end else f'{{from: "{start}"}}')

    def _national_networks(self, country: _Country, out: list[str]) -> None:
        rng, nat = self.rng, country.national
        cc, code = country.shape.code, f'"{country.shape.code}"'
        t = self._target
        active = sum(not m.ended for m in country.municipalities)
        self._network(out, nat("ehealth-council"), f"National e-health council {cc}", "council",
                      "national", cc, nat("directorate"), f"{{country: {code}}}",
                      [t("chief-executive", "syn-cadence-national", asks="seats",
                         seats=max(1, min(5, active))),
                       t("health-leader", meetings=2, hours="{assume: syn-hours-default.council}")],
                      participants=[nat("association"), nat("ministry")],
                      tail=[("reports_to", flow([nat("ministry")])),
                            ("steered_by", flow([nat("ministry")])),
                            ("period", self._period(2017))])
        welfare = nat("welfare-tech-network")
        self._network(out, welfare, f"National welfare-technology network {cc}", "network",
                      "national", cc, nat("association"), f"{{country: {code}}}",
                      [t("welfare-tech-coordinator", "syn-cadence-national")],
                      tail=[("funding", self._funding(nat("directorate"), f"SYN-{cc}-0706",
                                                      nat("directorate"))),
                            ("reports_to", flow([nat("association")])),
                            ("period", self._period(2014))])
        self._network(out, nat("leaders-forum"), f"Health leaders' forum {cc}", "forum",
                      "national", cc, nat("association"),
                      f"{{country: {code}, kind: municipality}}",
                      [t("health-leader", "syn-cadence-national", meetings=1)])
        munis = [m for m in country.municipalities if not m.ended]
        for i in range(1, _scaled(3, self.scale) + 1):
            ident = nat(f"programme-{i:03d}")
            if rng.random() < 0.2:  # reach documented only as a number
                coverage = f"{{count: {rng.randint(20, 140)}, kind: municipality}}"
            else:
                chosen = sorted(rng.sample(range(len(munis)), min(len(munis), rng.randint(15, 45))))
                coverage = flow([munis[k].id for k in chosen])
            start = rng.randint(2012, 2022)
            end = start + rng.randint(2, 6)
            self._network(out, ident, f"National programme {cc}-{i}", rng.choice(
                          ("programme", "project", "grant-scheme")), "national", cc,
                          rng.choice((nat("directorate"), nat("ehealth-agency"))), coverage,
                          [t("implementation-lead", "syn-cadence-coordinator", meetings=4)],
                          parent=welfare if rng.random() < 0.4 else None,
                          tail=[("funding", self._funding(nat("ministry"), f"SYN-{cc}-{i:03d}",
                                                          nat("directorate"))),
                                ("period", self._period(start, end if end < 2026 else None))])

    def _regional_networks(self, country: _Country, region: str, out: list[str]) -> None:
        rng, nat, t = self.rng, country.national, self._target
        cc = country.shape.code
        members = country.by_region[region]
        active = [m for m in members if not m.ended]
        host = max(active or members, key=lambda m: m.population).id
        digi = f"{region}-digi"
        steering, group = f"{digi}-steering", f"{digi}-ehealth"
        label = region.rsplit("-", 1)[1]
        self._network(out, digi, f"Digitalisation network {cc}-{label}", "network", "regional", cc,
                      host, f"{{region: {region}, count: {len(members)}}}",
                      [t("ehealth-coordinator", "syn-cadence-coordinator"),
                       t("health-leader", "syn-cadence-leader"),
                       t("welfare-tech-coordinator", "syn-cadence-coordinator", asks="network")],
                      participation=self._participation(len(members)),
                      tail=[("funding", self._funding(nat("directorate"), f"SYN-{cc}-0706",
                                                      nat("directorate"))),
                            ("reports_to", flow([nat("association")])),
                            ("steered_by", flow([steering])),
                            ("period", self._period(rng.randint(2016, 2021)))])
        largest = sorted(active or members, key=lambda m: (-m.population, m.id))[:6]
        participants = [region] + ([nat(f"state-admin-{label}")] if cc == "NO" else [])
        self._network(out, steering, f"Steering group {cc}-{label}", "steering-group", "regional",
                      cc, region, flow([m.id for m in largest]),
                      [t("chief-executive", meetings=4,
                         hours="{assume: syn-hours-default.steering}")],
                      parent=digi, participants=participants)
        left_out = [m.id for m in rng.sample(members, min(2, len(members) - 1))]
        self._network(out, group, f"E-health working group {cc}-{label}", "network", "regional",
                      cc, host, f"{{region: {region}, except: {flow(sorted(left_out))}}}",
                      [t("ehealth-coordinator", "syn-cadence-coordinator"),
                       t("welfare-tech-coordinator", "syn-cadence-coordinator", meetings=8)],
                      parent=digi)
        if rng.random() < 0.3 and len(active) >= 3:
            chosen = sorted(rng.sample(range(len(active)), rng.randint(3, min(10, len(active)))))
            start = rng.randint(2019, 2024)
            self._network(out, f"{region}-digi-project", f"Joint implementation {cc}-{label}",
                          "project", "regional", cc, host, flow([active[k].id for k in chosen]),
                          [t("implementation-lead", "syn-cadence-coordinator", meetings=10,
                             hours=1.5)],
                          parent=group, tail=[("period", self._period(start, start + 3))])

    def _trust_networks(self, country: _Country, trust: str, out: list[str]) -> None:
        rng, t = self.rng, self._target
        cc = country.shape.code
        label = trust.rsplit("-", 1)[1]
        community = f"{trust}-community"
        self._network(out, community, f"Health community {cc}-{label}", "health-community",
                      "regional", cc, trust, f"{{catchment: {trust}, include: [{trust}]}}",
                      [t("mayor", "syn-cadence-leader", meetings=1, hours=5),
                       t("chief-executive", "syn-cadence-leader", meetings=1, hours=5),
                       t("health-leader", "syn-cadence-leader")],
                      tail=[("period", self._period(2020))])
        if rng.random() < 0.5:
            active = sum(not m.ended for m in country.by_trust.get(trust, ()))
            seats = [t("health-leader", "syn-cadence-leader", asks="seats",
                       seats=min(4, active))] if active >= 2 else []
            self._network(out, f"{community}-committee", f"Strategic committee {cc}-{label}",
                          "committee", "regional", cc, trust, f"{{catchment: {trust}}}",
                          [*seats, t("medical-officer", "syn-cadence-leader", hours=2)],
                          parent=community, tail=[("reports_to", flow([community]))])
