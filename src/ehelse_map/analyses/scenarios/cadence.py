"""`NETWORK:ROLE=MxH`: a cadence written on the command line (`whatif --cadence`)."""

from __future__ import annotations


def parse_cadence(text: str) -> tuple[str, str, float, float]:
    """`NETWORK:ROLE=MxH` (meetings a year × hours a meeting) -> parts; raises ValueError."""
    head, _, cadence = text.partition("=")
    network, _, role = head.partition(":")
    meetings, _, hours = cadence.lower().replace("×", "x").partition("x")
    usage = f"'{text}' is not NETWORK:ROLE=MEETINGSxHOURS (e.g. ks-ekomp:helseleiar=4x3)"
    try:
        values = float(meetings), float(hours or 0)
    except ValueError:
        raise ValueError(usage) from None
    if not network or not role or (not hours and values[0] != 0):
        raise ValueError(usage)
    if min(values) < 0 or any(v != v or v in (float("inf"),) for v in values):
        raise ValueError(f"'{text}': meetings and hours must be numbers >= 0")
    return network, role, values[0], values[1]
