"""What the synthetic data set is made of: the five Nordic countries' real structure at scale
1, and the made-up vocabularies, sources and assumptions every synthetic record cites."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountryShape:
    """A country's real structure at scale 1."""

    code: str
    municipalities: int
    regions: int
    region_kind: str  # `county` or `region`
    trusts: int  # health trusts that give municipalities their `catchment`; 0 when none
    authorities: int  # regional health authorities owning the trusts; 0 when none
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]


NORDIC = (
    CountryShape("NO", 357, 15, "county", 19, 4, ("Ål", "Bjør", "Sta", "Ves", "Hau", "Fjell",
                 "Ny", "Strand", "Sør", "Nord", "Øy", "Lille"), ("vik", "dal", "øy", "nes",
                 "berg", "sund", "fjord", "haug", "stad")),
    CountryShape("SE", 290, 21, "region", 0, 0, ("Ek", "Björk", "Sol", "Norr", "Sunds",
                 "Lind", "Ås", "Väster", "Öster", "Hög"), ("sjö", "köping", "by", "holm",
                 "berg", "vik", "å", "hult")),
    CountryShape("DK", 98, 5, "region", 0, 0, ("Hol", "Ny", "Vester", "Sønder", "Fre", "Ring",
                 "Skov", "Hel"), ("by", "bæk", "sted", "lev", "rup", "strup", "købing")),
    CountryShape("FI", 308, 19, "region", 21, 0, ("Jär", "Kuu", "Lah", "Pori", "Salo", "Kes",
                 "Mänt", "Vaa"), ("järvi", "koski", "lahti", "saari", "mäki", "niemi", "vaara")),
    CountryShape("IS", 64, 8, "region", 7, 0, ("Borg", "Hafn", "Sel", "Akur", "Dal", "Vík",
                 "Stykk"), ("fjörður", "ey", "nes", "byggð", "vík")),
)

AREAS = (("medicines", "Medicines", "Legemiddelområdet"),
         ("remote-care", "Digital home follow-up", "Digital heimeoppfølging"),
         ("welfare-technology", "Welfare technology", "Velferdsteknologi"),
         ("records", "Records and information sharing", "Journal og samhandling"),
         ("citizen-services", "Digital citizen services", "Digitale innbyggjartenester"),
         ("decision-support", "Decision support", "Beslutningsstøtte"),
         ("security", "Information security", "Informasjonstryggleik"),
         ("competence", "Digital competence", "Digital kompetanse"),
         ("procurement", "Joint procurement", "Felles anskaffing"),
         ("data-use", "Secondary use of health data", "Sekundærbruk av helsedata"))

ROLES = (("health-leader", "Head of health and care", "health-leader"),
         ("chief-executive", "Chief executive", "chief-executive"),
         ("mayor", "Mayor", "elected"),
         ("ehealth-coordinator", "E-health coordinator", None),
         ("welfare-tech-coordinator", "Welfare-technology coordinator", None),
         ("implementation-lead", "Local implementation lead", None),
         ("it-lead", "Head of IT", None),
         ("medical-officer", "Chief municipal medical officer", None))

TASKS = ("coordination", "implementation", "competence", "development", "steering", "funding",
         "advisory", "information", "standardisation", "anchoring", "procurement")

SOURCES = (("synthetic:000", "Synthetic data set written by ehelse-map generate"),
           ("synthetic:register", "Synthetic register of municipalities and populations"),
           ("synthetic:bodies", "Synthetic list of national and regional bodies"),
           ("synthetic:networks", "Synthetic list of networks and their mandates"),
           ("synthetic:minutes", "Synthetic minutes documenting meeting cadence"),
           ("synthetic:grants", "Synthetic grant-scheme announcements"))

#: (id, text, values): values are (name, value, low, high, unit), the assumption's quantities
#: with their ranges (data format 2), which targets and the staffing rules refer to.
ASSUMPTIONS: tuple[tuple[str, str, tuple[tuple[str, float, float, float, str], ...]], ...] = (
    ("syn-cadence-leader", "SYNTHETIC ESTIMATE. Leader networks meet 4 times a year for 3 hours.",
     (("meetings_per_year", 4, 2, 6, "meetings/year"), ("hours_per_meeting", 3, 2, 4, "hours"))),
    ("syn-cadence-coordinator", "SYNTHETIC ESTIMATE. Coordinator networks meet 6 times a year "
     "for 2 hours.", (("meetings_per_year", 6, 4, 12, "meetings/year"),
                      ("hours_per_meeting", 2, 1.5, 3, "hours"))),
    ("syn-cadence-national", "SYNTHETIC ESTIMATE. National networks gather twice a year for a "
     "working day.", (("meetings_per_year", 2, 1, 4, "meetings/year"),
                      ("hours_per_meeting", 6, 4, 7, "hours"))),
    ("syn-hours-default", "SYNTHETIC ESTIMATE (hours only). Where the number of meetings is "
     "documented but not their length.", (("steering", 2.5, 2, 3, "hours"),
                                          ("council", 3, 2, 4, "hours"))),
    ("syn-staffing-by-size", "SYNTHETIC ESTIMATE. Small municipalities combine the e-health roles "
     "in one person; large ones give each role its own person.",
     (("small", 5000, 3000, 10000, "inhabitants"), ("middle", 20000, 10000, 30000, "inhabitants"))),
    ("syn-capacity", "SYNTHETIC ESTIMATE. One person can give 150 hours a year to networks.",
     (("capacity_hours_per_year", 150, 100, 200, "hours/year"),)),
    ("syn-participation", "SYNTHETIC INFERENCE. A documented count of members holds until the "
     "next one.", ()),
)
