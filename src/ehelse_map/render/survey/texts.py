"""Every text of the survey questionnaires, in Norwegian (bokmål, nynorsk) and English.

Kept in one table, keyed by message id, so that they can move into message catalogs (gettext
.po files, say) without touching the code that uses them: `text(key, lang, **fields)` is the
only way in. Names of organisations, networks and roles come from the data (`labels`); the
words a respondent may answer "do you take part" with are in `TAKES_PART`, the words import
accepts in `ANSWER_WORDS`. Messages about invalid answers are for the person who runs the
import, in English like every other message of the command line.
"""

from __future__ import annotations

LANGS = ("nb", "nn", "en")

_TEXT: dict[str, dict[str, str]] = {
    # sheet names: at most 31 characters, none of []:*?/\
    "sheet_cover": {"nb": "Om undersøkelsen", "nn": "Om undersøkinga",
                    "en": "About the survey"},
    "sheet_questions": {"nb": "Spørreskjema", "nn": "Spørjeskjema", "en": "Questionnaire"},
    "sheet_roles": {"nb": "Roller", "nn": "Roller", "en": "Roles"},
    # cover sheet
    "cover_title": {
        "nb": "Spørreundersøkelse: e-helsenettverk og tiden de ber {organisation} om",
        "nn": "Spørjeundersøking: e-helsenettverk og tida dei ber {organisation} om",
        "en": "Survey: e-health networks and the time they ask of {organisation}"},
    "cover_why": {
        "nb": "Mange nasjonale, regionale og kommunale nettverk ber de samme få personene i "
              "hver kommune om tid til møter. Dette skjemaet lister nettverkene som etter "
              "våre data når {organisation}, og tiden vi nå regner med at hvert av dem ber "
              "om. De fleste tallene er anslag: få nettverk oppgir hvor ofte de møtes.",
        "nn": "Mange nasjonale, regionale og kommunale nettverk ber dei same få personane i "
              "kvar kommune om tid til møte. Dette skjemaet listar nettverka som etter data "
              "våre når {organisation}, og tida vi no reknar med at kvart av dei ber om. Dei "
              "fleste tala er anslag: få nettverk oppgjev kor ofte dei møtest.",
        "en": "Many national, regional and municipal networks ask the same few people in "
              "each municipality for meeting time. This questionnaire lists the networks that, "
              "according to our data, reach {organisation}, and the time we now think each of "
              "them asks. Most of these figures are estimates: few networks publish how often "
              "they meet."},
    "cover_use_title": {"nb": "Hva svarene brukes til", "nn": "Kva svara blir brukte til",
                        "en": "What the answers are used for"},
    "cover_use": {
        "nb": "Svarene erstatter anslagene våre for {organisation} i analysen av "
              "samordningsbyrden (ehelse-map): hvor mange møtetimer i året nettverkene ber "
              "kommunen og hver person om. Svar fra flere kommuner kan bli oppsummert per "
              "nettverk (for eksempel som median) og brukt for kommuner som ikke har svart. "
              "Svarene blir lagret som data per kommune og nettverk, med dette skjemaet som "
              "kilde.",
        "nn": "Svara erstattar anslaga våre for {organisation} i analysen av "
              "samordningsbyrda (ehelse-map): kor mange møtetimar i året nettverka ber "
              "kommunen og kvar person om. Svar frå fleire kommunar kan bli oppsummerte per "
              "nettverk (til dømes som median) og brukte for kommunar som ikkje har svart. "
              "Svara blir lagra som data per kommune og nettverk, med dette skjemaet som "
              "kjelde.",
        "en": "Your answers replace our estimates for {organisation} in the analysis of the "
              "coordination burden (ehelse-map): how many meeting hours a year the networks "
              "ask of the municipality and of each person in it. Answers from several "
              "municipalities may be summarised per network (as a median, for example) and "
              "used for municipalities that did not answer. The answers are kept as data per "
              "municipality and network, with this questionnaire as their source."},
    "cover_privacy_title": {"nb": "Ingen navn", "nn": "Ingen namn", "en": "No names"},
    "cover_privacy": {
        "nb": "Skriv ikke navnet ditt eller noen andres noe sted i skjemaet. Vi spør bare om "
              "rollen din (for eksempel «kommunalsjef helse og omsorg»). Svarene gjelder "
              "organisasjoner, ikke personer.",
        "nn": "Skriv ikkje namnet ditt eller nokon andre sitt nokon stad i skjemaet. Vi spør "
              "berre om rolla di (til dømes «kommunalsjef helse og omsorg»). Svara gjeld "
              "organisasjonar, ikkje personar.",
        "en": "Do not write your name, or anyone else's, anywhere in this questionnaire. We "
              "ask for your role only (for example 'head of health and care'). The answers "
              "concern organisations, not persons."},
    "cover_how_title": {"nb": "Slik svarer du", "nn": "Slik svarer du",
                        "en": "How to answer"},
    "cover_how": {
        "nb": "Svar i de gule cellene på arket «{sheet}»: om dere deltar (ja, nei eller "
              "delvis), hvor mange møter dere hadde de siste 12 månedene, hvor mange timer et "
              "vanlig møte tar med forberedelser, og hvilke andre roller den samme personen "
              "har. La en rad stå tom hvis dere ikke vet. Skriv nettverk vi har glemt øverst "
              "på arket.",
        "nn": "Svar i dei gule cellene på arket «{sheet}»: om de deltek (ja, nei eller "
              "delvis), kor mange møte de hadde dei siste 12 månadene, kor mange timar eit "
              "vanleg møte tek med førebuingar, og kva andre roller den same personen har. "
              "La ei rad stå tom om de ikkje veit. Skriv nettverk vi har gløymt øvst på "
              "arket.",
        "en": "Answer in the yellow cells of the sheet '{sheet}': whether you take part "
              "(yes, no or partly), how many meetings you had in the last 12 months, how many "
              "hours a typical meeting takes with its preparation, and which other roles the "
              "same person holds. Leave a row empty if you do not know. Write networks we have "
              "missed at the top of the sheet."},
    "cover_figures": {
        "nb": "«Vårt tall nå» er møter og timer i året slik analysen regner dem i dag, med "
              "det rimelige spennet i parentes. «anslag» betyr at ingen kilde oppgir tallet.",
        "nn": "«Vårt tal no» er møte og timar i året slik analysen reknar dei i dag, med det "
              "rimelege spennet i parentes. «anslag» tyder at inga kjelde oppgjev talet.",
        "en": "'Our figure now' is meetings and hours a year as the analysis counts them "
              "today, with the plausible range in brackets. 'estimate' means that no source "
              "gives the number."},
    "cover_return": {
        "nb": "Send filen tilbake slik den er (.xlsx). Ikke gi arkene nye navn og ikke flytt "
              "radene: skjulte kolonner forteller hvilket nettverk og hvilken rolle hver rad "
              "gjelder.",
        "nn": "Send fila tilbake slik ho er (.xlsx). Ikkje gje arka nye namn og ikkje flytt "
              "radene: skjulte kolonnar fortel kva nettverk og kva rolle kvar rad gjeld.",
        "en": "Return the file as it is (.xlsx). Do not rename the sheets or move the rows: "
              "hidden columns say which network and role each row is about."},
    "cover_prepared": {
        "nb": "Laget {date} fra {dataset}. Organisasjon: {organisation} ({id}).",
        "nn": "Laga {date} frå {dataset}. Organisasjon: {organisation} ({id}).",
        "en": "Prepared {date} from {dataset}. Organisation: {organisation} ({id})."},
    "default_dataset": {"nb": "standarddataene i ehelse-map", "nn": "standarddataa i ehelse-map",
                        "en": "the ehelse-map default data set"},
    # questionnaire sheet
    "q_title": {"nb": "Spørreskjema for {organisation}", "nn": "Spørjeskjema for {organisation}",
                "en": "Questionnaire for {organisation}"},
    "q_instructions": {
        "nb": "Svar i de gule cellene. Skriv ikke navn: oppgi rollen din.",
        "nn": "Svar i dei gule cellene. Skriv ikkje namn: oppgje rolla di.",
        "en": "Answer in the yellow cells. Do not write names: give your role."},
    "q_respondent": {"nb": "Din rolle (ikke navnet ditt)", "nn": "Rolla di (ikkje namnet ditt)",
                     "en": "Your role (not your name)"},
    "q_answered": {"nb": "Dato for svaret (ÅÅÅÅ-MM-DD)", "nn": "Dato for svaret (ÅÅÅÅ-MM-DD)",
                   "en": "Date answered (YYYY-MM-DD)"},
    "q_missing": {"nb": "Nettverk som mangler på listen", "nn": "Nettverk som manglar på lista",
                  "en": "Networks missing from the list"},
    "col_network": {"nb": "Nettverk", "nn": "Nettverk", "en": "Network"},
    "col_role": {"nb": "Rolle nettverket ber om", "nn": "Rolle nettverket ber om",
                 "en": "Role the network asks"},
    "col_meetings_now": {"nb": "Vårt tall nå: møter i året", "nn": "Vårt tal no: møte i året",
                         "en": "Our figure now: meetings a year"},
    "col_hours_now": {"nb": "Vårt tall nå: timer i året", "nn": "Vårt tal no: timar i året",
                      "en": "Our figure now: hours a year"},
    "col_basis": {"nb": "Grunnlag", "nn": "Grunnlag", "en": "Basis"},
    "col_takes_part": {"nb": "Deltar dere?", "nn": "Deltek de?", "en": "Do you take part?"},
    "col_meetings": {"nb": "Møter siste 12 måneder (0–365)",
                     "nn": "Møte siste 12 månader (0–365)",
                     "en": "Meetings in the last 12 months (0–365)"},
    "col_hours": {"nb": "Timer per møte, med forberedelser (0–24)",
                  "nn": "Timar per møte, med førebuingar (0–24)",
                  "en": "Hours per meeting, with preparation (0–24)"},
    "col_roles_held": {"nb": "Andre roller samme person har",
                       "nn": "Andre roller same person har",
                       "en": "Other roles the same person holds"},
    "col_comment": {"nb": "Kommentar", "nn": "Kommentar", "en": "Comment"},
    "via": {"nb": "gjennom {name}", "nn": "gjennom {name}", "en": "through {name}"},
    "seats": {"nb": "{seats} plasser delt av medlemmene", "nn": "{seats} plassar delte av medlemene",
              "en": "{seats} seats shared by the members"},
    # validation prompts and errors (shown by the spreadsheet program)
    "v_takes_part_title": {"nb": "Deltar dere?", "nn": "Deltek de?", "en": "Do you take part?"},
    "v_takes_part": {"nb": "Velg ja, nei eller delvis.", "nn": "Vel ja, nei eller delvis.",
                     "en": "Choose yes, no or partly."},
    "v_meetings": {"nb": "Et helt tall fra 0 til 365.", "nn": "Eit heilt tal frå 0 til 365.",
                   "en": "A whole number from 0 to 365."},
    "v_hours": {"nb": "Et tall fra 0 til 24 (for eksempel 2,5).",
                "nn": "Eit tal frå 0 til 24 (til dømes 2,5).",
                "en": "A number from 0 to 24 (for example 2.5)."},
    "v_date": {"nb": "En dato, for eksempel 2025-05-20.", "nn": "Ein dato, til dømes 2025-05-20.",
               "en": "A date, for example 2025-05-20."},
    "v_roles": {"nb": "Velg en rolle fra listen, eller skriv flere skilt med komma.",
                "nn": "Vel ei rolle frå lista, eller skriv fleire skilde med komma.",
                "en": "Pick a role from the list, or write several separated by commas."},
    "v_respondent": {"nb": "Rollen din, ikke navnet ditt.", "nn": "Rolla di, ikkje namnet ditt.",
                     "en": "Your role, not your name."},
    "invalid": {"nb": "Ugyldig svar", "nn": "Ugyldig svar", "en": "Invalid answer"},
    # roles sheet
    "roles_intro": {
        "nb": "Rollene i dataene. Bruk dem i kolonnen «{column}».",
        "nn": "Rollene i dataa. Bruk dei i kolonnen «{column}».",
        "en": "The roles in the data. Use them in the column '{column}'."},
    "col_role_label": {"nb": "Rolle", "nn": "Rolle", "en": "Role"},
    # what a figure rests on
    "basis_estimated": {"nb": "anslag", "nn": "anslag", "en": "estimate"},
    "basis_documented": {"nb": "dokumentert", "nn": "dokumentert", "en": "documented"},
    "basis_observed": {"nb": "tidligere svar", "nn": "tidlegare svar", "en": "earlier answer"},
    "basis_surveyed": {"nb": "median av andres svar", "nn": "median av andre sine svar",
                       "en": "median of others' answers"},
    "basis_unknown": {"nb": "ukjent", "nn": "ukjend", "en": "unknown"},
}

#: The answers to "do you take part?" offered in the questionnaire's list, by language, in the
#: order of `load.vocab.TAKES_PART` (yes, no, partly).
TAKES_PART: dict[str, tuple[str, str, str]] = {
    "nb": ("ja", "nei", "delvis"),
    "nn": ("ja", "nei", "delvis"),
    "en": ("yes", "no", "partly"),
}

#: Every word import reads as an answer to "do you take part?", whatever the questionnaire's
#: language (a respondent may type rather than pick), lower-cased.
ANSWER_WORDS: dict[str, str] = {
    word: value for words in TAKES_PART.values()
    for word, value in zip(words, ("yes", "no", "partly"), strict=True)
} | {"y": "yes", "n": "no", "j": "yes"}


def text(key: str, lang: str, **fields: object) -> str:
    """The text `key` in `lang` (English when missing), with `fields` filled in."""
    entry = _TEXT[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**fields) if fields else template


def basis_word(basis: str, lang: str) -> str:
    return text(f"basis_{basis}", lang) if f"basis_{basis}" in _TEXT else basis


def message_ids() -> tuple[str, ...]:
    """Every message id (the tests check each has every language)."""
    return tuple(_TEXT)


def languages_of(key: str) -> tuple[str, ...]:
    """The languages message `key` is written in (no fallback)."""
    return tuple(lang for lang in _TEXT[key] if _TEXT[key][lang].strip())


def sheet_names() -> frozenset[str]:
    """Every name a questionnaire sheet may have, in any language."""
    return frozenset(v for k in ("sheet_cover", "sheet_questions", "sheet_roles")
                     for v in _TEXT[k].values())
