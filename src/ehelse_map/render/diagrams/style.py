"""What every diagram shares: options, palette and kind colours, boxes, the caption's source
line, rcParams and saving to bytes. The drawing surface and text measuring are in `sheet.py`.

Layout is done in inches on a fixed layout resolution, never in pixels, so the picture is the
same in PNG (any --dpi), SVG and PDF. matplotlib is imported inside functions only, and never
through pyplot: no global figure state, no backend switching.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ehelse_map.model.scope import Filters
from ehelse_map.render.diagrams.i18n import text
from ehelse_map.render.diagrams.page import PageSize
from ehelse_map.render.i18n import messages

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ehelse_map.model.records import Actor, Area, Dataset, Network, Role

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
DEFAULT_BUBBLES = 24
"""`--max-bubbles` at the natural size, and the most a page is given."""
BUBBLE_SIZES = ("population", "equal")
INFERRED_MARK = "\u2020"
"""† after a name: part of the record is an inference (its `inferred` says why)."""
ESTIMATED_MARK = "~"
"""~ before a value: it rests on estimated meeting cadences."""
UNKNOWN_MARK = "+?"
"""+? after a value: networks whose hours are unknown also reach it; the value is a floor."""
LAYOUT_DPI = 100
LINESPACING = 1.15
DEFAULT_DPI = 100
CREATOR = "ehelse-map"

#: matplotlib settings for every diagram: text stays text in SVG, TrueType in PDF, fixed ids;
#: `$` is a dollar, never mathtext (names come from the data). `font.family` is added by
#: `diagram_context`: the font stack of `glyphs.families()`, which depends on the machine.
RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "ehelse-map",
    "pdf.fonttype": 42,
    "font.size": 9,
    "text.parse_math": False,
    "text.usetex": False,
    "axes.formatter.use_mathtext": False,
    "axes.unicode_minus": False,
    "path.simplify": True,
    "savefig.facecolor": "white",
    # FreeType hinting costs about a third of the text drawing in matplotlib 3.11 and buys
    # nothing visible at report resolutions.
    "text.hinting": "none",
}

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Grey is added for "other".
OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}
GREY = "#BBBBBB"
DARK = "#333333"
MUTED = "#666666"
FAINT = "#E8E8E8"

#: Actor kinds gathered into the categories a reader can tell apart, with their colours.
ACTOR_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "state": (OKABE_ITO["blue"], ("government", "ministry", "directorate", "agency",
                                  "state-administrator")),
    "health": (OKABE_ITO["vermillion"], ("state-enterprise", "regional-health-authority",
                                         "health-trust")),
    "association": (OKABE_ITO["orange"], ("association",)),
    "county": (OKABE_ITO["green"], ("county", "region")),
    "municipality": (OKABE_ITO["sky"], ("municipality",)),
    "other-actor": (GREY, ("company", "competence-centre", "other")),
}
#: Network kinds likewise; networks are drawn as rings, actors as discs.
NETWORK_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "net": (OKABE_ITO["purple"], ("network", "forum", "seminar-series", "health-community")),
    "programme": ("#B8A800", ("programme", "project", "grant-scheme", "agreement", "strategy",
                              "other")),
    "governance": (DARK, ("council", "steering-group", "committee", "secretariat")),
}


def actor_group(kind: str) -> str:
    return next((g for g, (_, kinds) in ACTOR_GROUPS.items() if kind in kinds), "other-actor")


def network_group(kind: str) -> str:
    return next((g for g, (_, kinds) in NETWORK_GROUPS.items() if kind in kinds), "programme")


def actor_colour(kind: str) -> str:
    return ACTOR_GROUPS[actor_group(kind)][0]


def network_colour(kind: str) -> str:
    return NETWORK_GROUPS[network_group(kind)][0]


@dataclass(frozen=True)
class DiagramOptions:
    """What a diagram shows; every field has a command-line option of the same name."""

    as_of: date
    lang: str = "en"
    title: str | None = None
    country: str | None = None
    region: str | None = None
    highlight: str | None = None
    group: str = "region"
    """How `burden` packs municipalities: `region` (county) or `catchment` (health trust)."""
    source: str = "ehelse-map default data set"
    """How the caption names the data set (a folder name, never a full path)."""
    max_bubbles: int | None = None
    """`landscape`: most organisations, and most networks, drawn per country and tier (half as
    many municipality groups); the rest are summarised in a "+N more" bubble. None: 24 at the
    natural size, and as many as the page holds with `size` (never more than 24)."""
    size: PageSize | None = None
    """The page the picture is made for (`--size`); None: the kind's natural size."""
    bubble_size: str = "population"
    """How `burden` sizes municipalities: `population` (area ∝ inhabitants) or `equal`."""
    organisation: str | None = None
    """`profile`: the actor id at the centre of the picture (required there; the other kinds
    do not use it, and the command refuses it for them)."""

    @property
    def filters(self) -> Filters:
        """The country and region filters, as every analysis reads them."""
        return Filters(country=self.country, region=self.region)


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in inches, y upwards."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return (self.x0 < other.x1 + gap and other.x0 < self.x1 + gap
                and self.y0 < other.y1 + gap and other.y0 < self.y1 + gap)

    def inside(self, other: Box) -> bool:
        return (self.x0 >= other.x0 and self.x1 <= other.x1
                and self.y0 >= other.y0 and self.y1 <= other.y1)

    def hits_circle(self, x: float, y: float, r: float) -> bool:
        nearest_x = min(max(x, self.x0), self.x1)
        nearest_y = min(max(y, self.y0), self.y1)
        return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < r * r

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@contextlib.contextmanager
def diagram_context() -> Iterator[None]:
    """rcParams for building and saving a diagram, restored afterwards."""
    import matplotlib

    from ehelse_map.render.diagrams.glyphs import PRIMARY, families

    settings: dict[Any, Any] = {**RC, "font.family": list(families()),
                                "font.sans-serif": [PRIMARY]}
    with matplotlib.rc_context(settings):
        yield


# --- captions and names ---------------------------------------------------------------------

def source_parts(dataset: Dataset, options: DiagramOptions, records: list[Any]) -> list[str]:
    """`Source: <data set> (N sources cited by what is shown). As of <date>.`, after the
    assumption values the run changed (`--assume`), which every picture names."""
    cited = sorted({s for record in records for s in getattr(record, "sources", ())})
    seeds = [s for s in cited if s.startswith("seed:")]
    m = messages(options.lang)
    count = m.tn("{n} cited source", "{n} cited sources", len(cited)) + " (" + m.tn(
        "{n} seed document", "{n} seed documents", len(seeds)) + ")"
    assumed = ([text("caption_assumed", options.lang, overrides="; ".join(dataset.overrides))]
               if dataset.overrides else [])
    return [*assumed, text("caption_source", options.lang, source=options.source,
                           sources=count, as_of=options.as_of.isoformat())]


def nice_sizes(biggest: float) -> list[int]:
    """Up to three round values for a size legend, each at most a quarter of the next."""
    candidates = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    fitting = [c for c in candidates if c <= biggest] or [1]
    picks = [fitting[-1]]
    for c in reversed(fitting[:-1]):
        if c * 4 <= picks[-1]:
            picks.append(c)
        if len(picks) == 3:
            break
    return sorted(picks)


def display_name(record: Actor | Network) -> str:
    """The name diagrams show: the short name, else the name. Pure (plans never import
    matplotlib); the build warns about characters no font has, from the plan's `names`."""
    return record.short_name or record.name


def owner(record: Actor | Network | Area | Role) -> str:
    """How a font warning names a record: `network 'x'`."""
    return f"{type(record).__name__.lower()} '{record.id}'"


def vocabulary_label(record: Area | Role, lang: str) -> str:
    """An area's or a role's label as diagrams show it."""
    return record.label(lang)


# --- saving ------------------------------------------------------------------------------------

def format_of(target: str) -> str | None:
    """The output format for a file name, from its extension (None when unknown)."""
    lowered = target.lower()
    return next((fmt for ext, fmt in FORMATS.items() if lowered.endswith(ext)), None)


def figure_bytes(figure: Figure, fmt: str, dpi: int = DEFAULT_DPI) -> bytes:
    """The figure as PNG, SVG or PDF bytes, with no timestamps: same figure, same bytes.

    PNG: matplotlib draws the RGBA pixels (its `raw` format, so `savefig`'s handling of dpi
    and colours is kept) and `png.encode` writes them, several times faster than Pillow."""
    from ehelse_map.render.diagrams.png import encode
    from ehelse_map.version import __version__

    creator = f"{CREATOR} {__version__}"
    with diagram_context():
        if fmt == "png":
            pixels = _Pixels()
            figure.savefig(pixels, format="raw", dpi=dpi)
            if pixels.rgba is not None and pixels.rgba.ndim == 3:
                return encode(pixels.rgba, dpi, {"Software": creator})
            # a matplotlib that hands over flat bytes: its own PNG writer, through Pillow
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": creator})
            return buffer.getvalue()
        metadata_of: dict[str, dict[str, Any]] = {
            "svg": {"Date": None, "Creator": creator},
            "pdf": {"CreationDate": None, "ModDate": None, "Creator": creator},
        }
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=72, metadata=metadata_of[fmt])
    return buffer.getvalue()


class _Pixels(io.BytesIO):
    """What `savefig(format="raw")` writes to (a file to matplotlib): it keeps the (height,
    width, 4) buffer the Agg renderer hands over, whose shape a byte string would lose."""

    rgba: Any = None

    def write(self, data: Any) -> int:  # keeps the array, not its bytes
        import numpy

        # the renderer's own buffer, not a copy: `figure_bytes` encodes it before any redraw
        self.rgba = numpy.asarray(data, dtype=numpy.uint8)
        return int(self.rgba.nbytes)
