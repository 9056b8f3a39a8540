"""The words diagrams draw themselves, in Norwegian (bokmål, nynorsk) and English.

Names of actors, networks, areas and roles come from the data (`short_name`, `labels`); this table
holds only titles, legends and captions. A missing translation falls back to English.
"""

from __future__ import annotations

LANGS = ("nb", "nn", "en")

_TEXT: dict[str, dict[str, str]] = {
    # titles
    "title_landscape": {
        "en": "Who coordinates e-health: state, regions, networks and municipalities",
        "nb": "Hvem samordner e-helse: stat, region, nettverk og kommuner",
        "nn": "Kven samordnar e-helse: stat, region, nettverk og kommunar"},
    "title_overlap": {
        "en": "Overlapping networks: who asks the same people for the same thing",
        "nb": "Overlappende nettverk: hvem spør de samme folkene om det samme",
        "nn": "Overlappande nettverk: kven spør dei same folka om det same"},
    "title_burden": {
        "en": "Coordination burden per person in each municipality",
        "nb": "Samordningsbyrde per person i hver kommune",
        "nn": "Samordningsbyrde per person i kvar kommune"},
    "title_upset": {
        "en": "Which networks target the same roles in the same organisations",
        "nb": "Hvilke nettverk retter seg mot de samme rollene i de samme organisasjonene",
        "nn": "Kva nettverk rettar seg mot dei same rollene i dei same organisasjonane"},
    # subtitles and scope
    "scope_all": {"en": "All countries in the data", "nb": "Alle land i dataene",
                  "nn": "Alle land i dataa"},
    "scope_country": {"en": "Country: {value}", "nb": "Land: {value}", "nn": "Land: {value}"},
    "scope_region": {"en": "Region: {value}", "nb": "Region: {value}", "nn": "Region: {value}"},
    "as_of": {"en": "as of {date}", "nb": "per {date}", "nn": "per {date}"},
    "highlighted": {"en": "highlighted: {value}", "nb": "uthevet: {value}",
                    "nn": "utheva: {value}"},
    # caption
    "caption_source": {
        "en": "Source: {source}, {sources}. Situation as of {as_of}.",
        "nb": "Kilde: {source}, {sources}. Situasjonen per {as_of}.",
        "nn": "Kjelde: {source}, {sources}. Situasjonen per {as_of}."},
    "caption_assumed": {
        "en": "Assumed for this picture, not the data's values (--assume): {overrides}.",
        "nb": "Antatt for denne figuren, ikke dataenes verdier (--assume): {overrides}.",
        "nn": "Anteke for denne figuren, ikkje verdiane i dataa (--assume): {overrides}."},
    "sources_count": {
        "en": "{n} cited sources ({seeds} seed documents)",
        "nb": "{n} siterte kilder ({seeds} kildedokumenter fra oppstarten)",
        "nn": "{n} siterte kjelder ({seeds} kjeldedokument frå oppstarten)"},
    "default_source": {"en": "ehelse-map default data set", "nb": "standarddata i ehelse-map",
                       "nn": "standarddata i ehelse-map"},
    "data_folder": {"en": "data set '{name}'", "nb": "datasett «{name}»",
                    "nn": "datasett «{name}»"},
    # tiers (landscape)
    "tier_national": {"en": "State and national", "nb": "Stat og nasjonalt",
                      "nn": "Stat og nasjonalt"},
    "tier_regional": {"en": "Regional", "nb": "Regionalt", "nn": "Regionalt"},
    "tier_local": {"en": "Municipalities", "nb": "Kommuner", "nn": "Kommunar"},
    "country_NO": {"en": "Norway", "nb": "Norge", "nn": "Noreg"},
    "country_SE": {"en": "Sweden", "nb": "Sverige", "nn": "Sverige"},
    "country_DK": {"en": "Denmark", "nb": "Danmark", "nn": "Danmark"},
    "country_FI": {"en": "Finland", "nb": "Finland", "nn": "Finland"},
    "country_IS": {"en": "Iceland", "nb": "Island", "nn": "Island"},
    "country_FO": {"en": "Faroe Islands", "nb": "Færøyene", "nn": "Færøyane"},
    "country_GL": {"en": "Greenland", "nb": "Grønland", "nn": "Grønland"},
    "country_AX": {"en": "Åland", "nb": "Åland", "nn": "Åland"},
    "group_count": {"en": "{name} · {n}", "nb": "{name} · {n}", "nn": "{name} · {n}"},
    "aggregate": {"en": "{name}\n({n}, not listed one by one)",
                  "nb": "{name}\n({n}, ikke listet enkeltvis)",
                  "nn": "{name}\n({n}, ikkje lista kvar for seg)"},
    # legend titles and entries
    "legend_actors": {"en": "Organisations (discs)", "nb": "Organisasjoner (fylte)",
                      "nn": "Organisasjonar (fylte)"},
    "legend_networks": {"en": "Networks (rings)", "nb": "Nettverk (ringer)",
                        "nn": "Nettverk (ringar)"},
    "legend_size": {"en": "Bubble area", "nb": "Boblestørrelse", "nn": "Bobleareal"},
    "legend_links": {"en": "Lines", "nb": "Linjer", "nn": "Linjer"},
    "state": {"en": "State bodies", "nb": "Statlige organer", "nn": "Statlege organ"},
    "health": {"en": "Health trusts and state enterprises", "nb": "Helseforetak og statsforetak",
               "nn": "Helseføretak og statsføretak"},
    "association": {"en": "Associations and regional digi networks",
                    "nb": "Foreninger og regionale digi-nettverk",
                    "nn": "Foreiningar og regionale digi-nettverk"},
    "county": {"en": "Counties and regions", "nb": "Fylker og regioner",
               "nn": "Fylke og regionar"},
    "municipality": {"en": "Municipalities", "nb": "Kommuner", "nn": "Kommunar"},
    "other-actor": {"en": "Companies, centres, other", "nb": "Selskaper, sentre, andre",
                    "nn": "Selskap, senter, andre"},
    "net": {"en": "Networks, forums, health communities",
            "nb": "Nettverk, fora, helsefellesskap", "nn": "Nettverk, forum, helsefellesskap"},
    "programme": {"en": "Programmes, projects, grants, agreements",
                  "nb": "Programmer, prosjekter, tilskudd, avtaler",
                  "nn": "Program, prosjekt, tilskot, avtalar"},
    "governance": {"en": "Councils, steering groups, committees",
                   "nb": "Råd, styringsgrupper, utvalg", "nn": "Råd, styringsgrupper, utval"},
    "size_reach": {"en": "{n} organisations reached", "nb": "{n} organisasjoner nådd",
                   "nn": "{n} organisasjonar nådde"},
    "size_municipality": {"en": "Municipalities: area ∝ population",
                          "nb": "Kommuner: areal ∝ innbyggertall",
                          "nn": "Kommunar: areal ∝ folketal"},
    "legend_clusters": {"en": "inner circles: health-trust areas",
                        "nb": "indre sirkler: helseforetaksområder",
                        "nn": "indre sirklar: helseføretaksområde"},
    "legend_aggregate": {"en": "dotted: counted, not listed one by one",
                         "nb": "prikket: talt, ikke listet enkeltvis",
                         "nn": "prikka: talde, ikkje lista kvar for seg"},
    "link_reach": {"en": "line: reaches these organisations",
                   "nb": "linje: når disse organisasjonene",
                   "nn": "linje: når desse organisasjonane"},
    "caption_landscape": {
        "en": "Networks (rings) are drawn in the tier of their level; lines run to the "
              "organisations and municipality groups they reach, thicker for more "
              "organisations. Organisations (discs) are sized by the organisations their "
              "networks reach.",
        "nb": "Nettverk (ringer) står i nivået sitt; linjene går til organisasjonene og "
              "kommunegruppene de når, tykkere jo flere organisasjoner. Organisasjoner (fylte "
              "bobler) har størrelse etter hvor mange organisasjoner nettverkene deres når.",
        "nn": "Nettverk (ringar) står i nivået sitt; linjene går til organisasjonane og "
              "kommunegruppene dei når, tjukkare jo fleire organisasjonar. Organisasjonar "
              "(fylte bobler) har storleik etter kor mange organisasjonar nettverka deira når."},
    "more_networks": {"en": "+{n} more networks", "nb": "+{n} nettverk til",
                      "nn": "+{n} nettverk til"},
    "more_organisations": {"en": "+{n} more organisations", "nb": "+{n} organisasjoner til",
                           "nn": "+{n} organisasjonar til"},
    "more_groups": {"en": "+{n} more groups · {m}", "nb": "+{n} grupper til · {m}",
                    "nn": "+{n} grupper til · {m}"},
    "caption_summarised": {
        "en": "Too many to draw one by one: where a country has more than {limit} organisations "
              "or networks in a tier, the {shown} with the widest reach are drawn, and {what} "
              "are summarised in dashed \u201c+N more\u201d bubbles. Raise --max-bubbles, or "
              "narrow the selection with --country or --region, to see them.",
        "nb": "For mange til å tegne hver for seg: der et land har flere enn {limit} "
              "organisasjoner eller nettverk på et nivå, vises de {shown} som når flest, og "
              "{what} er samlet i stiplede «+N til»-bobler. Øk --max-bubbles, eller snevre inn "
              "utvalget med --country eller --region, for å se dem.",
        "nn": "For mange til å teikne kvar for seg: der eit land har fleire enn {limit} "
              "organisasjonar eller nettverk på eit nivå, blir dei {shown} som når flest viste, "
              "og {what} er samla i stipla «+N til»-bobler. Auk --max-bubbles, eller snevra inn "
              "utvalet med --country eller --region, for å sjå dei."},
    "caption_summarised_all": {
        "en": "The page holds too little to draw them one by one: where a country has more "
              "than one organisation or network in a tier, {what} are counted in dashed "
              "\u201c+N more\u201d bubbles. Use a larger --size, or narrow the selection with "
              "--country or --region, to see them.",
        "nb": "Siden har for lite plass til å tegne dem hver for seg: der et land har mer enn "
              "én organisasjon eller ett nettverk på et nivå, er {what} talt i stiplede "
              "«+N til»-bobler. Bruk større --size, eller snevre inn utvalget med --country "
              "eller --region, for å se dem.",
        "nn": "Sida har for lite plass til å teikne dei kvar for seg: der eit land har meir "
              "enn éin organisasjon eller eitt nettverk på eit nivå, er {what} talde i stipla "
              "«+N til»-bobler. Bruk større --size, eller snevra inn utvalet med --country "
              "eller --region, for å sjå dei."},
    "summarised_organisations": {"en": "{n} organisations", "nb": "{n} organisasjoner",
                                 "nn": "{n} organisasjonar"},
    "summarised_networks": {"en": "{n} networks", "nb": "{n} nettverk", "nn": "{n} nettverk"},
    "summarised_groups": {"en": "{n} municipality groups", "nb": "{n} kommunegrupper",
                          "nn": "{n} kommunegrupper"},
    "and": {"en": "and", "nb": "og", "nn": "og"},
    "more": {"en": "+{n} more not labelled", "nb": "+{n} til uten etikett",
             "nn": "+{n} til utan etikett"},
    "count_only": {"en": "{n} (not listed)", "nb": "{n} (ikke listet)",
                   "nn": "{n} (ikkje lista)"},
    # overlap
    "legend_score": {"en": "Overlap score (weighted Jaccard)",
                     "nb": "Overlappskår (vektet Jaccard)",
                     "nn": "Overlappskår (vekta Jaccard)"},
    "caption_overlap": {
        "en": "Score: the share of (area, role, organisation) combinations two networks have "
              "in common. Every overlapping pair is drawn; the {top} strongest are labelled "
              "with their score, the organisations both reach, and the areas and roles they "
              "share.",
        "nb": "Skår: andelen (område, rolle, organisasjon)-kombinasjoner to nettverk har felles. "
              "Alle par som overlapper er tegnet; de {top} sterkeste har etikett med skår, "
              "organisasjoner begge når og felles områder og roller.",
        "nn": "Skår: delen (område, rolle, organisasjon)-kombinasjonar to nettverk har felles. "
              "Alle par som overlappar er teikna; dei {top} sterkaste har etikett med skår, "
              "organisasjonar begge når og felles område og roller."},
    "caption_overlap_strongest": {
        "en": "Score: the share of (area, role, organisation) combinations two networks have "
              "in common. Too many to draw one by one: the {shown} strongest of {total} "
              "overlapping pairs are drawn, joining {drawn} of the {overlapping} networks that "
              "overlap; the {top} strongest are labelled with their score, the organisations "
              "both reach, and the areas and roles they share. Use --country or --region to "
              "see the others.",
        "nb": "Skår: andelen (område, rolle, organisasjon)-kombinasjoner to nettverk har felles. "
              "For mange til å tegne hver for seg: de {shown} sterkeste av {total} par som "
              "overlapper er tegnet, mellom {drawn} av de {overlapping} nettverkene som "
              "overlapper; de {top} sterkeste har etikett med skår, organisasjoner begge når "
              "og felles områder og roller. Bruk --country eller --region for å se de andre.",
        "nn": "Skår: delen (område, rolle, organisasjon)-kombinasjonar to nettverk har felles. "
              "For mange til å teikne kvar for seg: dei {shown} sterkaste av {total} par som "
              "overlappar er teikna, mellom {drawn} av dei {overlapping} nettverka som "
              "overlappar; dei {top} sterkaste har etikett med skår, organisasjonar begge når "
              "og felles område og roller. Bruk --country eller --region for å sjå dei andre."},
    "not_overlapping": {"en": "{n} networks overlap no other: {names}.",
                        "nb": "{n} nettverk overlapper ikke med noen andre: {names}.",
                        "nn": "{n} nettverk overlappar ikkje med nokon andre: {names}."},
    "and_more": {"en": "and {n} more", "nb": "og {n} til", "nn": "og {n} til"},
    "nothing_selected": {"en": "No organisations or networks in this selection.",
                         "nb": "Ingen organisasjoner eller nettverk i dette utvalget.",
                         "nn": "Ingen organisasjonar eller nettverk i dette utvalet."},
    "no_pairs": {"en": "No overlapping networks in this selection.",
                 "nb": "Ingen overlappende nettverk i dette utvalget.",
                 "nn": "Ingen overlappande nettverk i dette utvalet."},
    "shared_orgs": {"en": "{n} organisations", "nb": "{n} organisasjoner",
                    "nn": "{n} organisasjonar"},
    # burden
    "legend_load": {"en": "Busiest person's hours ÷ capacity",
                    "nb": "Timer for den travleste personen ÷ kapasitet",
                    "nn": "Timar for den travlaste personen ÷ kapasitet"},
    "legend_key": {"en": "Key", "nb": "Tegnforklaring", "nn": "Teiknforklaring"},
    "estimated_key": {"en": "value rests on estimated cadences",
                      "nb": "verdien bygger på anslåtte møtehyppigheter",
                      "nn": "verdien byggjer på overslag over møtefrekvens"},
    "aggregate_average": {"en": "{name}: one of average size",
                          "nb": "{name}: én av gjennomsnittlig størrelse",
                          "nn": "{name}: éin av gjennomsnittleg storleik"},
    "aggregates_row": {
        "en": "Aggregate records: one municipality of average size each (dashed: population "
              "not in the data)",
        "nb": "Samleposter: hver som én kommune av gjennomsnittlig størrelse (stiplet: "
              "innbyggertall mangler i dataene)",
        "nn": "Samlepostar: kvar som éin kommune av gjennomsnittleg storleik (stipla: "
              "folketal manglar i dataa)"},
    "capacity_mark": {"en": "capacity", "nb": "kapasitet", "nn": "kapasitet"},
    "burden_summarised": {
        "en": "Too many to draw one by one: of {groups} {unit}, the {shown} with the most "
              "loaded person are drawn ({drawn} of {total} municipalities). Use --country or "
              "--region to see the others.",
        "nb": "For mange til å tegne hver for seg: av {groups} {unit} er de {shown} med den "
              "mest belastede personen tegnet ({drawn} av {total} kommuner). Bruk --country "
              "eller --region for å se de andre.",
        "nn": "For mange til å teikne kvar for seg: av {groups} {unit} er dei {shown} med den "
              "mest belasta personen teikna ({drawn} av {total} kommunar). Bruk --country "
              "eller --region for å sjå dei andre."},
    "burden_groups_region": {"en": "counties and regions", "nb": "fylker og regioner",
                             "nn": "fylke og regionar"},
    "burden_groups_catchment": {"en": "health-trust areas", "nb": "helseforetaksområder",
                                "nn": "helseføretaksområde"},
    "not_reached": {"en": "Not reached by any network", "nb": "Ikke nådd av noe nettverk",
                    "nn": "Ikkje nådd av noko nettverk"},
    "hours_unknown": {"en": "Reached; hours unknown", "nb": "Nådd; timer ukjent",
                      "nn": "Nådd; timar ukjende"},
    "estimated_mark": {"en": "Rests on estimates (outline)", "nb": "Bygger på anslag (kant)",
                       "nn": "Byggjer på overslag (kant)"},
    "caption_burden": {
        "en": "Colour: yearly meeting hours networks ask of the busiest person in each "
              "municipality, divided by the capacity of one person ({capacity:g} h/yr, "
              "assumption '{capacity_id}'). {size}",
        "nb": "Farge: timer i året nettverkene ber den travleste personen i hver kommune om, "
              "delt på kapasiteten til én person ({capacity:g} t/år, antakelse "
              "«{capacity_id}»). {size}",
        "nn": "Farge: timar i året nettverka ber den travlaste personen i kvar kommune om, "
              "delt på kapasiteten til éin person ({capacity:g} t/år, føresetnad "
              "«{capacity_id}»). {size}"},
    "bubble_population": {"en": "Bubble area ∝ population.",
                          "nb": "Boblearealet ∝ innbyggertall.",
                          "nn": "Bobleareal ∝ folketal."},
    "bubble_equal": {
        "en": "Every municipality is drawn the same size (--bubble-size equal), so small ones "
              "are as visible as large ones.",
        "nb": "Alle kommuner er tegnet like store (--bubble-size equal), så små kommuner syns "
              "like godt som store.",
        "nn": "Alle kommunar er teikna like store (--bubble-size equal), så små kommunar "
              "synest like godt som store."},
    "caption_estimates": {
        "en": "Estimates: the meeting cadence of {est} of {total} networks is not published "
              "and is estimated ({ids}); which roles one person holds follows the staffing "
              "assumption '{staffing}'. Values marked ~ rest on estimated cadences.",
        "nb": "Anslag: møtehyppigheten i {est} av {total} nettverk er ikke publisert og er "
              "anslått ({ids}); hvilke roller én person har, følger bemanningsantakelsen "
              "«{staffing}». Verdier merket ~ bygger på anslåtte møtehyppigheter.",
        "nn": "Overslag: møtefrekvensen i {est} av {total} nettverk er ikkje publisert og er "
              "rekna ut som overslag ({ids}); kva roller éin person har, følgjer "
              "bemanningsføresetnaden «{staffing}». Verdiar merkte ~ byggjer på overslag."},
    "caption_aggregates": {
        "en": "Aggregate records ({names}) are drawn as one municipality of average size.",
        "nb": "Samleposter ({names}) er tegnet som én kommune av gjennomsnittlig størrelse.",
        "nn": "Samlepostar ({names}) er teikna som éin kommune av gjennomsnittleg storleik."},
    "caption_observed": {
        "en": "Survey answers: hours observed in {n} of {total} municipalities replace the "
              "estimates there.",
        "nb": "Spørreundersøkelse: timer oppgitt av {n} av {total} kommuner erstatter anslagene "
              "der.",
        "nn": "Spørjeundersøking: timar oppgjevne av {n} av {total} kommunar erstattar anslaga "
              "der."},
    "caption_no_capacity": {
        "en": "No capacity is set in the data: colour shows hours a year of the busiest "
              "person. {size}",
        "nb": "Dataene har ingen kapasitet: fargen viser timer i året for den travleste "
              "personen. {size}",
        "nn": "Dataa har ingen kapasitet: fargen viser timar i året for den travlaste "
              "personen. {size}"},
    "legend_hours": {"en": "Busiest person's hours a year",
                     "nb": "Timer i året for den travleste personen",
                     "nn": "Timar i året for den travlaste personen"},
    "no_municipalities": {"en": "No municipalities with population in this selection.",
                          "nb": "Ingen kommuner med innbyggertall i dette utvalget.",
                          "nn": "Ingen kommunar med folketal i dette utvalet."},
    "times_capacity": {"en": "{name} {value}×", "nb": "{name} {value}×", "nn": "{name} {value}×"},
    # upset
    "upset_sets": {"en": "(organisation, role)\ncombinations targeted",
                   "nb": "(organisasjon, rolle)-\nkombinasjoner",
                   "nn": "(organisasjon, rolle)-\nkombinasjonar"},
    "upset_bars": {"en": "Combinations targeted by exactly\nthese networks and no others",
                   "nb": "Kombinasjoner som nås av akkurat\ndisse nettverkene og ingen andre",
                   "nn": "Kombinasjonar som vert nådde av akkurat\ndesse nettverka og ingen andre"},
    "legend_degree": {"en": "Networks in the combination", "nb": "Nettverk i kombinasjonen",
                      "nn": "Nettverk i kombinasjonen"},
    "degree_1": {"en": "1 (no overlap)", "nb": "1 (ingen overlapp)", "nn": "1 (ingen overlapp)"},
    "degree_n": {"en": "{n}", "nb": "{n}", "nn": "{n}"},
    "degree_more": {"en": "{n} or more", "nb": "{n} eller flere", "nn": "{n} eller fleire"},
    "caption_upset": {
        "en": "UpSet matrix (Lex et al., 2014). Each column is one combination of networks; "
              "the bar counts the (organisation, role) pairs that exactly those networks "
              "target. Aggregate records count as the organisations they stand for.",
        "nb": "UpSet-matrise (Lex mfl., 2014). Hver kolonne er én kombinasjon av nettverk; "
              "stolpen teller (organisasjon, rolle)-parene som akkurat de nettverkene retter "
              "seg mot. Samleposter teller som organisasjonene de står for.",
        "nn": "UpSet-matrise (Lex mfl., 2014). Kvar kolonne er éin kombinasjon av nettverk; "
              "stolpen tel (organisasjon, rolle)-para som akkurat dei nettverka rettar seg mot. "
              "Samlepostar tel som organisasjonane dei står for."},
    "upset_more": {"en": "{n} smaller combinations and {m} networks are not shown.",
                   "nb": "{n} mindre kombinasjoner og {m} nettverk er ikke vist.",
                   "nn": "{n} mindre kombinasjonar og {m} nettverk er ikkje viste."},
    "title_sensitivity": {
        "en": "Which assumptions move the headline figures most",
        "nb": "Hvilke antakelser flytter hovedtallene mest",
        "nn": "Kva antakingar flyttar hovudtala mest"},
    "caption_sensitivity": {
        "en": "Each bar sets one assumption value to the low, then the high end of its range, "
              "the others central: the bar runs from the figure at the low end (blue) to the "
              "figure at the high end (orange); the line is the central value. The largest "
              "swing is on top. Figures can move beyond these bars when several values change "
              "together.",
        "nb": "Hver stolpe setter én antakelse til den lave, så den høye enden av spennet sitt, "
              "med de andre i midten: stolpen går fra tallet ved den lave enden (blå) til tallet "
              "ved den høye (oransje); streken er midtverdien. Største utslag står øverst. "
              "Tallene kan flytte seg mer når flere verdier endres samtidig.",
        "nn": "Kvar stolpe set éi antaking til den låge, så den høge enden av spennet sitt, med "
              "dei andre i midten: stolpen går frå talet ved den låge enden (blå) til talet ved "
              "den høge (oransje); streken er midtverdien. Største utslag står øvst. Tala kan "
              "flytte seg meir når fleire verdiar endrar seg samstundes."},
    "caption_sensitivity_findings": {
        "en": "[{findings}] after an assumption: it is taken from that finding of the 2023 "
              "evaluation, so a figure it moves cannot confirm the finding.",
        "nb": "[{findings}] etter en antakelse: den er hentet fra dette funnet i evalueringen "
              "fra 2023, så et tall den flytter kan ikke bekrefte funnet.",
        "nn": "[{findings}] etter ei antaking: ho er henta frå dette funnet i evalueringa frå "
              "2023, så eit tal ho flyttar kan ikkje stadfeste funnet."},
    "caption_sensitivity_more": {
        "en": "Values that move a figure less than those drawn are counted under its panel; "
              "`ehelse-map sensitivity` lists them all.",
        "nb": "Verdier som flytter et tall mindre enn de som er tegnet, er talt opp under "
              "panelet; `ehelse-map sensitivity` viser alle.",
        "nn": "Verdiar som flyttar eit tal mindre enn dei som er teikna, er talde opp under "
              "panelet; `ehelse-map sensitivity` viser alle."},
    "sensitivity_none": {
        "en": "No assumption in the data states a range: nothing can swing.",
        "nb": "Ingen antakelse i dataene oppgir et spenn: ingenting kan svinge.",
        "nn": "Inga antaking i dataa oppgjev eit spenn: ingenting kan svinge."},
    "sens_max_person_hours": {
        "en": "Hours a year of the most loaded person",
        "nb": "Timer i året for den mest belastede personen",
        "nn": "Timar i året for den mest belasta personen"},
    "sens_persons_over_capacity": {
        "en": "Persons asked for more than their capacity",
        "nb": "Personer som blir bedt om mer enn kapasiteten sin",
        "nn": "Personar som vert bedne om meir enn kapasiteten sin"},
    "sens_person_hours_mean": {
        "en": "Mean hours of the most loaded person, {size} inhabitants",
        "nb": "Gjennomsnittlige timer for den mest belastede personen, {size} innbyggere",
        "nn": "Gjennomsnittlege timar for den mest belasta personen, {size} innbyggjarar"},
    "sens_top_saving": {
        "en": "Hours a year the best merge candidate saves",
        "nb": "Timer i året den beste sammenslåingen sparer",
        "nn": "Timar i året den beste samanslåinga sparer"},
    "sens_unknown": {
        "en": "unknown: the data cannot give this figure",
        "nb": "ukjent: dataene kan ikke gi dette tallet",
        "nn": "ukjend: dataa kan ikkje gje dette talet"},
    "sens_still": {
        "en": "{n} more values with a range do not move it",
        "nb": "{n} andre verdier med spenn flytter det ikke",
        "nn": "{n} andre verdiar med spenn flyttar det ikkje"},
    "sens_hidden": {
        "en": "+{n} more that move it less",
        "nb": "+{n} til som flytter det mindre",
        "nn": "+{n} til som flyttar det mindre"},
    "sens_nothing_moves": {
        "en": "no assumption with a range moves it",
        "nb": "ingen antakelse med spenn flytter det",
        "nn": "inga antaking med spenn flyttar det"},
    "legend_sensitivity": {"en": "The figure with the value", "nb": "Tallet med verdien",
                           "nn": "Talet med verdien"},
    "sens_at_low": {"en": "at its low end", "nb": "i den lave enden", "nn": "i den låge enden"},
    "sens_at_high": {"en": "at its high end", "nb": "i den høye enden",
                     "nn": "i den høge enden"},
    "sens_central": {"en": "central value", "nb": "midtverdi", "nn": "midtverdi"},
    "upset_none": {"en": "No network in this selection targets a role in a listed organisation.",
                   "nb": "Ingen nettverk i utvalget retter seg mot en rolle i en listet "
                         "organisasjon.",
                   "nn": "Ingen nettverk i utvalet rettar seg mot ei rolle i ein lista "
                         "organisasjon."},
    "highlight_legend": {"en": "Includes {name}", "nb": "Omfatter {name}",
                         "nn": "Omfattar {name}"},
    # honesty: ranges, unknowns, inferences (issues 15 and 16)
    "top_load": {"en": ", {value}× capacity", "nb": ", {value}× kapasiteten",
                 "nn": ", {value}× kapasiteten"},
    "caption_top_person": {
        "en": "Most loaded person: {name}, {hours} h a year{load} ({range}); resting on "
              "{ids}.",
        "nb": "Mest belastet person: {name}, {hours} timer i året{load} ({range}); bygger på "
              "{ids}.",
        "nn": "Mest belasta person: {name}, {hours} timar i året{load} ({range}); byggjer på "
              "{ids}."},
    "range_none": {"en": "no range: the assumptions give none",
                   "nb": "uten spenn: antakelsene oppgir ikke noe",
                   "nn": "utan spenn: føresetnadene oppgir ikkje noko"},
    "range_hours": {"en": "{low}–{high} h; ranges over the assumptions' low and high values",
                    "nb": "{low}–{high} t; spenn over antakelsenes lave og høye verdier",
                    "nn": "{low}–{high} t; spenn over dei låge og høge verdiane til "
                          "føresetnadene"},
    "caption_hours_unknown": {
        "en": "Unknown is never drawn as zero: municipalities reached by networks with no "
              "known hours are white ({n}).",
        "nb": "Ukjent tegnes aldri som null: kommuner som nås av nettverk uten kjente timer, "
              "er hvite ({n}).",
        "nn": "Ukjent blir aldri teikna som null: kommunar som blir nådde av nettverk utan "
              "kjende timar, er kvite ({n})."},
    "caption_hours_floor": {
        "en": "{n} of the {reached} municipalities reached are also reached by networks whose "
              "hours are unknown (no published cadence, or no target role): their values are "
              "floors, marked +?.",
        "nb": "{n} av de {reached} kommunene som nås, nås også av nettverk med ukjente timer "
              "(ingen publisert møtehyppighet eller ingen målrolle): verdiene er nedre "
              "grenser, merket +?.",
        "nn": "{n} av dei {reached} kommunane som blir nådde, blir òg nådde av nettverk med "
              "ukjende timar (ingen publisert møtefrekvens eller inga målrolle): verdiane er "
              "nedre grenser, merkte +?."},
    "caption_inferred_networks": {
        "en": "{n} of the {total} networks behind these values are partly inferred (their "
              "coverage, roles or host; the data says why).",
        "nb": "{n} av de {total} nettverkene bak verdiene er delvis utledet (dekning, roller "
              "eller vert; dataene sier hvorfor).",
        "nn": "{n} av dei {total} nettverka bak verdiane er delvis utleidde (dekning, roller "
              "eller vert; dataa seier kvifor)."},
    "caption_inferred_marked": {"en": "† marks inferred records: {names}.",
                                "nb": "† merker utledede poster: {names}.",
                                "nn": "† merkjer utleidde postar: {names}."},
    "caption_inferred_mark": {
        "en": "† marks a record that is partly inferred (the data's 'inferred' says why).",
        "nb": "† merker en post som er delvis utledet ('inferred' i dataene sier hvorfor).",
        "nn": "† merkjer ein post som er delvis utleidd ('inferred' i dataa seier kvifor)."},
    "inferred_key": {"en": "part of the record is inferred",
                     "nb": "posten er delvis utledet", "nn": "posten er delvis utleidd"},
    "floor_key": {"en": "some hours unknown: the value is a floor",
                  "nb": "noen timer ukjent: verdien er en nedre grense",
                  "nn": "nokre timar ukjende: verdien er ei nedre grense"},
    "more_key": {"en": "dashed: more, summarised", "nb": "stiplet: flere, oppsummert",
                 "nn": "stipla: fleire, oppsummerte"},
    "reach_unknown_key": {"en": "dashed ring: whom it reaches not documented",
                          "nb": "stiplet ring: hvem den når, er ikke dokumentert",
                          "nn": "stipla ring: kven han når, er ikkje dokumentert"},
    "caption_reach_unknown": {
        "en": "A dashed ring: the data does not say whom the network reaches (never drawn as "
              "reaching nobody).",
        "nb": "En stiplet ring: dataene sier ikke hvem nettverket når (aldri tegnet som at det "
              "når ingen).",
        "nn": "Ein stipla ring: dataa seier ikkje kven nettverket når (aldri teikna som at det "
              "når ingen)."},
    # overlap: nesting, pairs not compared
    "caption_nested": {
        "en": "A ring drawn inside another is nested in it: its organisations and roles lie "
              "inside the other's on the areas they share (the outer ring grows to hold it).",
        "nb": "En ring tegnet inni en annen ligger inni den: organisasjonene og rollene ligger "
              "innenfor den andres på de felles områdene (den ytre ringen vokser for å romme "
              "den).",
        "nn": "Ein ring teikna inni ein annan ligg inni han: organisasjonane og rollene ligg "
              "innanfor den andre sine på dei felles områda (den ytre ringen veks for å romme "
              "han)."},
    "nested_key": {"en": "ring in a ring: nested in it", "nb": "ring i ring: ligger inni",
                   "nn": "ring i ring: ligg inni"},
    "relation_nested": {"en": "nested", "nb": "inni", "nn": "inni"},
    "relation_duplicate": {"en": "duplicate", "nb": "duplikat", "nn": "duplikat"},
    "relation_partial": {"en": "partial", "nb": "delvis", "nn": "delvis"},
    "caption_not_compared": {
        "en": "{n} networks could not be compared, because the data does not say whom they "
              "ask (never read as no overlap): {reasons}.",
        "nb": "{n} nettverk kunne ikke sammenlignes, fordi dataene ikke sier hvem de spør "
              "(aldri lest som ingen overlapp): {reasons}.",
        "nn": "{n} nettverk kunne ikkje samanliknast, fordi dataa ikkje seier kven dei spør "
              "(aldri lese som ingen overlapp): {reasons}."},
    "reason_no_target_roles": {"en": "no target roles", "nb": "ingen målroller",
                               "nn": "ingen målroller"},
    "reason_no_areas": {"en": "no mandate areas", "nb": "ingen mandatområder",
                        "nn": "ingen mandatområde"},
    "reason_organisations_not_listed": {"en": "organisations not listed",
                                        "nb": "organisasjonene er ikke listet",
                                        "nn": "organisasjonane er ikkje lista"},
    "caption_upset_undocumented": {
        "en": "{n} networks are not in the matrix because the data does not say whom they "
              "target (never drawn as targeting nobody): {names}.",
        "nb": "{n} nettverk er ikke med i matrisen fordi dataene ikke sier hvem de retter seg "
              "mot (aldri tegnet som at de ikke retter seg mot noen): {names}.",
        "nn": "{n} nettverk er ikkje med i matrisa fordi dataa ikkje seier kven dei rettar "
              "seg mot (aldri teikna som at dei ikkje rettar seg mot nokon): {names}."},
    "labels_dropped": {
        "en": "{n} labels did not fit the picture and are left out.",
        "nb": "{n} etiketter fikk ikke plass og er utelatt.",
        "nn": "{n} etikettar fekk ikkje plass og er utelatne."},
    # landscape: the lines from bodies to networks
    "legend_lines": {"en": "Lines (from the body to the network)",
                     "nb": "Linjer (fra organet til nettverket)",
                     "nn": "Linjer (frå organet til nettverket)"},
    "line_host": {"en": "hosts it", "nb": "er vert", "nn": "er vert"},
    "line_funding": {"en": "funds it", "nb": "finansierer", "nn": "finansierer"},
    "line_mandate": {"en": "gives its mandate", "nb": "gir mandatet", "nn": "gir mandatet"},
    "line_agreement": {"en": "agreement behind its work", "nb": "avtale bak arbeidet",
                       "nn": "avtale bak arbeidet"},
    "line_cooperation": {"en": "cooperation", "nb": "samarbeid", "nn": "samarbeid"},
    "line_ownership": {"en": "owns it", "nb": "eier", "nn": "eig"},
    "line_evaluation": {"en": "evaluated it", "nb": "har evaluert", "nn": "har evaluert"},
    "size_equal": {"en": "Municipalities: all drawn the same size",
                   "nb": "Kommuner: alle tegnet like store",
                   "nn": "Kommunar: alle teikna like store"},
}


def text(key: str, lang: str, **values: object) -> str:
    """The phrase `key` in `lang` (English when missing), with `values` filled in."""
    entry = _TEXT[key]
    return entry.get(lang, entry["en"]).format(**values)


def listing(items: list[str], lang: str) -> str:
    """`a, b and c` in the language."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('and', lang)} {items[-1]}"
