"""The words diagrams draw themselves, in Norwegian (bokmål, nynorsk) and English.

Names of actors, networks, areas and roles come from the data (`short_name`, `labels`); this table
holds only titles, legends and captions, each by a key the plans use. The English text is the
message id of the gettext catalogs (`render/i18n`), where the Bokmål and Nynorsk translations
live; a missing translation falls back to English, and `tests/test_i18n.py` fails on one.
"""

from __future__ import annotations

from ehelse_map.render.i18n import LANGS, N_, messages

__all__ = ["LANGS", "listing", "text"]

_TEXT: dict[str, str] = {
    "title_profile": N_("Networks reaching {name} and the hours they ask"),
    "profile_stands_for": N_("stands for {n} organisations"),
    "profile_inhabitants": N_("{n} inhabitants"),
    "profile_inactive": N_("{name} is not active on this date: no network is counted."),
    "profile_none": N_("No network reaches {name} on {date}."),
    "caption_profile": N_(
        "Each bubble is a network reaching {name} on {date}, directly or through a "
        "record it belongs to; its area is the hours a year it asks of {name} (central "
        "value), a thin ring the high end of the range over the assumptions. ~: the "
        "hours rest on estimated meeting cadences; documented hours are plain. The "
        "centre is not to scale."),
    "caption_profile_links": N_(
        "Lines join networks that overlap in {name}: they ask it for the same role on a "
        "mandate area they share (thicker: a higher overlap score)."),
    "caption_profile_person_links": N_(
        "Dashed lines: different roles on a shared area, held by one person there under "
        "the staffing assumption."),
    "caption_profile_unknown": N_(
        "Unknown is never drawn as zero: {n} of the {total} networks give no meeting "
        "cadence or no target role, so their hours are unknown (dashed rings of one "
        "size, marked ?)."),
    "caption_profile_floor": N_(
        "+? marks a floor: some of the network's meeting series have no known hours."),
    "caption_profile_nothing": N_(
        "{n} networks target only posts they hold themselves and ask no time of {name} "
        "(0 h, documented): small grey circles."),
    "caption_profile_absent": N_(
        "Documented participation leaves {name} out of {n} networks that cover it; they "
        "are not drawn: {names}."),
    "caption_profile_via": N_(
        "{n} networks reach {name} through {via}, a record it belongs to (marked 'via')."),
    "caption_profile_aggregate": N_(
        "{name} stands for {n} organisations: the hours are those of one of them."),
    "caption_profile_more": N_(
        "The page holds {shown} of the {total} networks one by one: the {n} that ask the "
        "fewest hours are counted in '+{n} more'; ehelse-map profile {id} lists them all."),
    "caption_profile_persons": N_(
        "P1, P2, …: the persons who attend, with the roles each holds under the staffing "
        "assumption '{staffing}'; hours a year each, {capacity}."),
    "profile_capacity": N_("against a capacity of {value} h a year"),
    "profile_no_capacity": N_("with no capacity set in the data"),
    "caption_profile_assumptions": N_("The hours rest on the assumptions {ids}."),
    "caption_profile_findings": N_(
        "[{findings}] after an assumption: it is taken from that finding of the 2023 "
        "evaluation, so a figure that follows from it cannot confirm the finding."),
    "profile_level_entry": N_("{level} network"),
    "level_national": N_("national"),
    "level_regional": N_("regional"),
    "level_local": N_("local"),
    "level_other": N_("other"),
    "legend_profile_size": N_("Bubble area: hours a year it asks"),
    "profile_size_entry": N_("{n} h a year"),
    "profile_range_key": N_("thin ring: the high end of the range"),
    "profile_unknown_key": N_("dashed, ?: hours unknown (not to scale)"),
    "profile_nothing_key": N_("grey circle: asks no time (0 h)"),
    "profile_overlap_key": N_("overlap here: same role, shared area"),
    "profile_person_key": N_("one person here holds both roles"),
    "legend_profile_persons": N_("Persons asked"),
    "hours_unit": N_("h"),
    "profile_unknown_label": N_("hours unknown"),
    "profile_nothing_label": N_("0 h: asks no time"),
    "profile_via": N_("via {name}"),
    "profile_more_label": N_("+{n} more"),
    "profile_more_hours": N_("{hours} h together"),
    "profile_more_unknown": N_("{n} of unknown hours"),
    "profile_networks": N_("{n} networks"),
    "profile_network": N_("1 network"),
    "title_landscape": N_("Who coordinates e-health: state, regions, networks and municipalities"),
    "title_overlap": N_("Overlapping networks: who asks the same people for the same thing"),
    "title_burden": N_("Coordination burden per person in each municipality"),
    "title_upset": N_("Which networks target the same roles in the same organisations"),
    "scope_all": N_("All countries in the data"),
    "scope_country": N_("Country: {value}"),
    "scope_region": N_("Region: {value}"),
    "as_of": N_("as of {date}"),
    "highlighted": N_("highlighted: {value}"),
    "caption_source": N_("Source: {source}, {sources}. Situation as of {as_of}."),
    "caption_assumed": N_("Assumed for this picture, not the data's values (--assume): "
                          "{overrides}."),
    "default_source": N_("ehelse-map default data set"),
    "data_folder": N_("data set '{name}'"),
    "tier_national": N_("State and national"),
    "tier_regional": N_("Regional"),
    "tier_local": N_("Municipalities"),
    "country_NO": N_("Norway"),
    "country_SE": N_("Sweden"),
    "country_DK": N_("Denmark"),
    "country_FI": N_("Finland"),
    "country_IS": N_("Iceland"),
    "country_FO": N_("Faroe Islands"),
    "country_GL": N_("Greenland"),
    "country_AX": N_("Åland"),
    "group_count": N_("{name} · {n}"),
    "aggregate": N_("{name}\n({n}, not listed one by one)"),
    "legend_actors": N_("Organisations (discs)"),
    "legend_networks": N_("Networks (rings)"),
    "legend_size": N_("Bubble area"),
    "legend_links": N_("Lines"),
    "state": N_("State bodies"),
    "health": N_("Health trusts and state enterprises"),
    "association": N_("Associations and regional digi networks"),
    "county": N_("Counties and regions"),
    "municipality": N_("Municipalities"),
    "other-actor": N_("Companies, centres, other"),
    "net": N_("Networks, forums, health communities"),
    "programme": N_("Programmes, projects, grants, agreements"),
    "governance": N_("Councils, steering groups, committees"),
    "size_reach": N_("{n} organisations reached"),
    "size_municipality": N_("Municipalities: area ∝ population"),
    "legend_clusters": N_("inner circles: health-trust areas"),
    "legend_aggregate": N_("dotted: counted, not listed one by one"),
    "link_reach": N_("line: reaches these organisations"),
    "caption_landscape": N_(
        "Networks (rings) are drawn in the tier of their level; lines run to the organisations "
        "and municipality groups they reach, thicker for more organisations. Organisations "
        "(discs) are sized by the organisations their networks reach."),
    "more_networks": N_("+{n} more networks"),
    "more_organisations": N_("+{n} more organisations"),
    "more_groups": N_("+{n} more groups · {m}"),
    "caption_summarised": N_(
        "Too many to draw one by one: where a country has more than {limit} organisations or "
        "networks in a tier, the {shown} with the widest reach are drawn, and {what} are "
        "summarised in dashed “+N more” bubbles. Raise --max-bubbles, or narrow the selection "
        "with --country or --region, to see them."),
    "caption_summarised_all": N_(
        "The page holds too little to draw them one by one: where a country has more than one "
        "organisation or network in a tier, {what} are counted in dashed “+N more” bubbles. Use "
        "a larger --size, or narrow the selection with --country or --region, to see them."),
    "summarised_organisations": N_("{n} organisations"),
    "summarised_networks": N_("{n} networks"),
    "summarised_groups": N_("{n} municipality groups"),
    "and": N_("and"),
    "more": N_("+{n} more not labelled"),
    "count_only": N_("{n} (not listed)"),
    "legend_score": N_("Overlap score (weighted Jaccard)"),
    "caption_overlap": N_(
        "Score: the share of (area, role, organisation) combinations two networks have in "
        "common. Every overlapping pair is drawn; the {top} strongest are labelled with their "
        "score, the organisations both reach, and the areas and roles they share."),
    "caption_overlap_strongest": N_(
        "Score: the share of (area, role, organisation) combinations two networks have in "
        "common. Too many to draw one by one: the {shown} strongest of {total} overlapping "
        "pairs are drawn, joining {drawn} of the {overlapping} networks that overlap; the {top} "
        "strongest are labelled with their score, the organisations both reach, and the areas "
        "and roles they share. Use --country or --region to see the others."),
    "not_overlapping": N_("{n} networks overlap no other: {names}."),
    "and_more": N_("and {n} more"),
    "nothing_selected": N_("No organisations or networks in this selection."),
    "no_pairs": N_("No overlapping networks in this selection."),
    "shared_orgs": N_("{n} organisations"),
    "legend_load": N_("Busiest person's hours ÷ capacity"),
    "legend_key": N_("Key"),
    "estimated_key": N_("value rests on estimated cadences"),
    "aggregate_average": N_("{name}: one of average size"),
    "aggregates_row": N_(
        "Aggregate records: one municipality of average size each (dashed: population not in "
        "the data)"),
    "capacity_mark": N_("capacity"),
    "burden_summarised": N_(
        "Too many to draw one by one: of {groups} {unit}, the {shown} with the most loaded "
        "person are drawn ({drawn} of {total} municipalities). Use --country or --region to see "
        "the others."),
    "burden_groups_region": N_("counties and regions"),
    "burden_groups_catchment": N_("health-trust areas"),
    "not_reached": N_("Not reached by any network"),
    "hours_unknown": N_("Reached; hours unknown"),
    "estimated_mark": N_("Rests on estimates (outline)"),
    "caption_burden": N_(
        "Colour: yearly meeting hours networks ask of the busiest person in each municipality, "
        "divided by the capacity of one person ({capacity:g} h/yr, assumption '{capacity_id}'). "
        "{size}"),
    "bubble_population": N_("Bubble area ∝ population."),
    "bubble_equal": N_(
        "Every municipality is drawn the same size (--bubble-size equal), so small ones are as "
        "visible as large ones."),
    "caption_estimates": N_(
        "Estimates: the meeting cadence of {est} of {total} networks is not published and is "
        "estimated ({ids}); which roles one person holds follows the staffing assumption "
        "'{staffing}'. Values marked ~ rest on estimated cadences."),
    "caption_aggregates": N_(
        "Aggregate records ({names}) are drawn as one municipality of average size."),
    "caption_observed": N_(
        "Survey answers: hours observed in {n} of {total} municipalities replace the estimates "
        "there."),
    "caption_no_capacity": N_(
        "No capacity is set in the data: colour shows hours a year of the busiest person. "
        "{size}"),
    "legend_hours": N_("Busiest person's hours a year"),
    "no_municipalities": N_("No municipalities with population in this selection."),
    "times_capacity": N_("{name} {value}×"),
    "upset_sets": N_("(organisation, role)\ncombinations targeted"),
    "upset_bars": N_("Combinations targeted by exactly\nthese networks and no others"),
    "legend_degree": N_("Networks in the combination"),
    "degree_1": N_("1 (no overlap)"),
    "degree_n": N_("{n}"),
    "degree_more": N_("{n} or more"),
    "caption_upset": N_(
        "UpSet matrix (Lex et al., 2014). Each column is one combination of networks; the bar "
        "counts the (organisation, role) pairs that exactly those networks target. Aggregate "
        "records count as the organisations they stand for."),
    "upset_more": N_("{n} smaller combinations and {m} networks are not shown."),
    "title_sensitivity": N_("Which assumptions move the headline figures most"),
    "caption_sensitivity": N_(
        "Each bar sets one assumption value to the low, then the high end of its range, the "
        "others central: the bar runs from the figure at the low end (blue) to the figure at "
        "the high end (orange); the line is the central value. The largest swing is on top. "
        "Figures can move beyond these bars when several values change together."),
    "caption_sensitivity_findings": N_(
        "[{findings}] after an assumption: it is taken from that finding of the 2023 "
        "evaluation, so a figure it moves cannot confirm the finding."),
    "caption_sensitivity_more": N_(
        "Values that move a figure less than those drawn are counted under its panel; "
        "`ehelse-map sensitivity` lists them all."),
    "sensitivity_none": N_("No assumption in the data states a range: nothing can swing."),
    "sens_max_person_hours": N_("Hours a year of the most loaded person"),
    "sens_persons_over_capacity": N_("Persons asked for more than their capacity"),
    "sens_person_hours_mean": N_("Mean hours of the most loaded person, {size} inhabitants"),
    "sens_top_saving": N_("Hours a year the best merge candidate saves"),
    "sens_unknown": N_("unknown: the data cannot give this figure"),
    "sens_still": N_("{n} more values with a range do not move it"),
    "sens_hidden": N_("+{n} more that move it less"),
    "sens_nothing_moves": N_("no assumption with a range moves it"),
    "legend_sensitivity": N_("The figure with the value"),
    "sens_at_low": N_("at its low end"),
    "sens_at_high": N_("at its high end"),
    "sens_central": N_("central value"),
    "upset_none": N_("No network in this selection targets a role in a listed organisation."),
    "highlight_legend": N_("Includes {name}"),
    "top_load": N_(", {value}× capacity"),
    "caption_top_person": N_(
        "Most loaded person: {name}, {hours} h a year{load} ({range}); resting on {ids}."),
    "range_none": N_("no range: the assumptions give none"),
    "range_hours": N_("{low}–{high} h; ranges over the assumptions' low and high values"),
    "caption_hours_unknown": N_(
        "Unknown is never drawn as zero: municipalities reached by networks with no known hours "
        "are white ({n})."),
    "caption_hours_floor": N_(
        "{n} of the {reached} municipalities reached are also reached by networks whose hours "
        "are unknown (no published cadence, or no target role): their values are floors, marked "
        "+?."),
    "caption_inferred_networks": N_(
        "{n} of the {total} networks behind these values are partly inferred (their coverage, "
        "roles or host; the data says why)."),
    "caption_inferred_marked": N_("† marks inferred records: {names}."),
    "caption_inferred_mark": N_(
        "† marks a record that is partly inferred (the data's 'inferred' says why)."),
    "inferred_key": N_("part of the record is inferred"),
    "floor_key": N_("some hours unknown: the value is a floor"),
    "more_key": N_("dashed: more, summarised"),
    "reach_unknown_key": N_("dashed ring: whom it reaches not documented"),
    "caption_reach_unknown": N_(
        "A dashed ring: the data does not say whom the network reaches (never drawn as reaching "
        "nobody)."),
    "caption_nested": N_(
        "A ring drawn inside another is nested in it: its organisations and roles lie inside "
        "the other's on the areas they share (the outer ring grows to hold it)."),
    "nested_key": N_("ring in a ring: nested in it"),
    "relation_nested": N_("nested"),
    "relation_duplicate": N_("duplicate"),
    "relation_partial": N_("partial"),
    "caption_not_compared": N_(
        "{n} networks could not be compared, because the data does not say whom they ask (never "
        "read as no overlap): {reasons}."),
    "reason_no_target_roles": N_("no target roles"),
    "reason_no_areas": N_("no mandate areas"),
    "reason_organisations_not_listed": N_("organisations not listed"),
    "caption_upset_undocumented": N_(
        "{n} networks are not in the matrix because the data does not say whom they target "
        "(never drawn as targeting nobody): {names}."),
    "labels_dropped": N_("{n} labels did not fit the picture and are left out."),
    "legend_lines": N_("Lines (from the body to the network)"),
    "line_host": N_("hosts it"),
    "line_funding": N_("funds it"),
    "line_mandate": N_("gives its mandate"),
    "line_agreement": N_("agreement behind its work"),
    "line_cooperation": N_("cooperation"),
    "line_ownership": N_("owns it"),
    "line_evaluation": N_("evaluated it"),
    "size_equal": N_("Municipalities: all drawn the same size"),
}


def text(key: str, lang: str, **values: object) -> str:
    """The phrase `key` in `lang` (English when missing), with `values` filled in."""
    return messages(lang).t(_TEXT[key], **values)


def listing(items: list[str], lang: str) -> str:
    """`a, b and c` in the language."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('and', lang)} {items[-1]}"
