"""`ehelse-map actors`, `networks` and `show ID`: what the data set holds."""

from __future__ import annotations

from typing import Annotated

import typer

from ehelse_map.cli.options import (
    ActiveOption,
    AsOfOption,
    CountryOption,
    DataOption,
    FormatOption,
    KindOption,
    LangOption,
    LevelOption,
    RegionOption,
    TopOption,
    as_of_date,
    check_choice,
    in_scope,
    language,
    load,
    record,
)
from ehelse_map.render.formats import Format


def _check_filters(level: str | None, kind: str | None, kinds: tuple[str, ...]) -> None:
    from ehelse_map.load.vocab import LEVELS

    check_choice("--level", level, LEVELS)
    check_choice("--kind", kind, kinds)


def actors(data: DataOption = None, fmt: FormatOption = Format.table, lang: LangOption = None,
           as_of: AsOfOption = None,
           country: CountryOption = None, region: RegionOption = None,
           level: LevelOption = None, kind: KindOption = None,
           active: ActiveOption = False, top: TopOption = None) -> None:
    """List actors: organisations and bodies, with official numbers and populations."""
    from ehelse_map.analyses.common import take
    from ehelse_map.analyses.listings import list_actors
    from ehelse_map.cli.terminal import draw, screen_top, show
    from ehelse_map.load.vocab import ACTOR_KINDS
    from ehelse_map.render.listing_tables import actors_table

    _check_filters(level, kind, ACTOR_KINDS)
    top, limited = screen_top(top, fmt)
    dataset = load(data)
    day, scope = in_scope(dataset, as_of, country=country, region=region)
    found = list_actors(dataset, day, country=scope.country, region=scope.region, level=level,
                        kind=kind, active_only=active)
    items = take(found, top)
    show(draw(actors_table(items, day, total=len(found), lang=language(lang, fmt)), items,
              fmt, limited=limited))


def networks(data: DataOption = None, fmt: FormatOption = Format.table,
             lang: LangOption = None, as_of: AsOfOption = None,
             country: CountryOption = None, region: RegionOption = None,
             level: LevelOption = None, kind: KindOption = None,
             active: ActiveOption = False, top: TopOption = None) -> None:
    """List networks, programmes, forums and councils, with their reach and mandate."""
    from ehelse_map.analyses.common import take
    from ehelse_map.analyses.listings import list_networks
    from ehelse_map.cli.terminal import draw, screen_top, show
    from ehelse_map.load.vocab import NETWORK_KINDS
    from ehelse_map.render.listing_tables import networks_table

    _check_filters(level, kind, NETWORK_KINDS)
    top, limited = screen_top(top, fmt)
    dataset = load(data)
    day, scope = in_scope(dataset, as_of, country=country, region=region)
    found = list_networks(dataset, day, country=scope.country, region=scope.region,
                          level=level, kind=kind, active_only=active)
    items = take(found, top)
    show(draw(networks_table(items, day, total=len(found), lang=language(lang, fmt)),
              items, fmt, limited=limited))


def show(record_id: Annotated[str, typer.Argument(
             metavar="ID", help="An actor or network: its id or name.")],
         data: DataOption = None, fmt: FormatOption = Format.table,
         lang: LangOption = None, as_of: AsOfOption = None) -> None:
    """Show one actor or network with every field and its sources.

    For an organisation, also the networks that reach it (`profile ID`: what they ask).
    """
    from ehelse_map.analyses.listings import (
        ActorItem,
        NetworkItem,
        actor_item,
        network_item,
        reaching,
    )
    from ehelse_map.cli.terminal import draw
    from ehelse_map.cli.terminal import show as show_output
    from ehelse_map.render.listing_tables import show_table

    dataset = load(data)
    day = as_of_date(as_of, dataset)
    ident = record(dataset, record_id, "ID")
    item: ActorItem | NetworkItem
    if ident in dataset.actors:
        item = actor_item(dataset.actors[ident], day, reaching(dataset, day).get(ident, ()))
    else:
        item = network_item(dataset, dataset.networks[ident], day)
    show_output(draw(show_table(dataset, item, language(lang, fmt)), item, fmt))


def register(app: typer.Typer) -> None:
    app.command("actors")(actors)
    app.command("networks")(networks)
    app.command("show")(show)
