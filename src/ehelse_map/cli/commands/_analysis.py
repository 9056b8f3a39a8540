"""What the analysis commands share: checking filter values against the loaded data set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ehelse_map.cli.options import check_choice

if TYPE_CHECKING:
    from ehelse_map.model.records import Dataset


def check_filters(dataset: Dataset, *, country: str | None = None, region: str | None = None,
                  area: str | None = None, role: str | None = None) -> None:
    """Unknown ids are usage errors with a suggestion (exit 2), never an empty result."""
    from ehelse_map.load.spec import COUNTRIES

    check_choice("--country", country, COUNTRIES)
    regions = {a.region for a in dataset.actors.values() if a.region} | {
        a.id for a in dataset.actors.values() if a.kind in ("county", "region")}
    check_choice("--region", region, sorted(regions))
    check_choice("--area", area, sorted(dataset.areas))
    check_choice("--role", role, sorted(dataset.roles))
