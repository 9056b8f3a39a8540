"""The report in Nynorsk and Bokmål: the language of the page, its headings and its prose are
the language asked for; only the data's own words (names, titles of sources, assumption texts)
keep theirs. The commands' --lang follows the locale by default."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest

from ehelse_map.model.build import load_dataset
from ehelse_map.render.report.assemble import build_report
from ehelse_map.render.report.html import render_html
from ehelse_map.render.report.markdown import render_report_markdown
from ehelse_map.render.report.organisation import build_organisation_report

AS_OF = date(2025, 6, 1)
#: English words that no Norwegian sentence of ours contains ("for", "to" are Norwegian too).
ENGLISH = re.compile(r"\b(the|and|of|is|are|with|by|from|not|networks|municipalities|"
                     r"hours|rows|sources|estimates|burden|funding|anchoring|overlapping)\b")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def nn_html(dataset):
    return render_html(build_report(dataset, AS_OF, lang="nn", diagrams=False), "test")


def _visible(page: str) -> str:
    page = re.sub(r"<(style|svg)\b.*?</\1>", "", page.replace("<wbr>", ""), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def _ours(page: str, dataset) -> list[str]:
    """The page's lines with the data's own words taken out: names of records and sources,
    assumptions (ids and texts)."""
    data_words = sorted({w for a in dataset.actors.values() for w in (a.name, a.short_name or "")}
                        | {w for n in dataset.networks.values()
                           for w in (n.name, n.short_name or "")}
                        | {s.title for s in dataset.sources.values()}
                        | {x for s in dataset.sources.values() for x in (s.publisher or "",)}
                        | {a.text for a in dataset.assumptions.values()}
                        | set(dataset.assumptions), key=len, reverse=True)
    text = _visible(page)
    for word in data_words:
        if len(word) > 3:
            text = text.replace(word, " ")
    return [line for line in text.splitlines() if line.strip()]


def test_the_nynorsk_report_says_its_language(nn_html):
    assert '<html lang="nn">' in nn_html


def test_the_nynorsk_report_has_nynorsk_headings(nn_html):
    headings = [html.unescape(re.sub(r"<[^>]+>", "", h))
                for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", nn_html, flags=re.S)]
    for expected in ("Samandrag: funna i evalueringa, svara på frå dataa", "Landskapet",
                     "Overlappande mandat (F1, F3)", "Samordningsbyrde (F1)",
                     "Finansierings- og rapporteringsliner (F2)", "Kva svara byggjer på",
                     "Overslag og føresetnader", "Kjelder"):
        assert expected in headings
    english = {"Sources", "The landscape", "Coordination burden (F1)",
               "Estimates and assumptions", "Appendix: complete tables",
               "What these answers rest on"}
    assert english.isdisjoint(headings)


def test_no_english_of_ours_in_the_nynorsk_report(nn_html, dataset):
    leaks = [line for line in _ours(nn_html, dataset) if ENGLISH.search(line)
             and not line.strip().startswith(("—", "ESTIMATE", "INFERENCE"))]
    assert leaks == []


#: The English of the profile tables, beyond `ENGLISH`: their titles, headers and notes.
PROFILE_ENGLISH = re.compile(r"\b(network|series|meetings?|persons|through|leaders|reaches|"
                             r"documented|none|unknown|figure|value|kind|host|tasks|basis|how|"
                             r"relation|score|steering|coordination|implementation)\b")


@pytest.fixture(scope="module")
def nn_organisation_html(dataset):
    return render_html(build_organisation_report(dataset, AS_OF, "etne", lang="nn",
                                                 diagrams=False), "test")


def test_the_nynorsk_organisation_report_has_nynorsk_tables(nn_organisation_html):
    """The profile's tables inside the organisation report: titles, headers and notes."""
    for expected in ("Profil for Etne: kommune i Vestland", "Nettverk som når Etne",
                     "Møteseriar for Etne", "Personar spurde i Etne",
                     "Finansierings- og rapporteringsliner for nettverka som når Etne",
                     "Nettverk som overlappar i Etne", "Vegen frå nettverka til leiarane i Etne",
                     ">timar</th>", ">korleis</th>", ">grunnlag</th>", ">oppgåver</th>"):
        assert expected in nn_organisation_html
    for english in ("Meeting series asked of", "Persons asked in", "The path from the networks",
                    "Profile of", ">hours</th>", ">how</th>", ">tasks</th>"):
        assert english not in nn_organisation_html


def test_no_english_of_ours_in_the_nynorsk_organisation_report(nn_organisation_html, dataset):
    leaks = [line for line in _ours(nn_organisation_html, dataset)
             if (ENGLISH.search(line) or PROFILE_ENGLISH.search(line))
             and not line.strip().startswith(("—", "ESTIMATE", "INFERENCE"))]
    assert leaks == []


def test_profile_speaks_bokmal_and_keeps_json_and_csv_english(run_cli):
    table = run_cli(["profile", "etne", "--lang", "nb"]).stdout
    for expected in ("Profil for Etne: kommune i Vestland", "Møteserier for Etne",
                     "Personer spurt i Etne", "Veien fra nettverkene til lederne i Etne",
                     "nettverk som når den", "timer i året, alle personer", "grunnlag"):
        assert expected in table
    ids = re.sub(r"[a-z0-9]+(-[a-z0-9]+)+", " ", table)  # data ids: assumptions, networks
    assert not PROFILE_ENGLISH.search(ids)
    data = json.loads(run_cli(["profile", "etne", "--lang", "nb", "--format", "json"]).stdout)
    assert {"organisation", "networks", "persons", "overlaps"} <= set(data)
    header = run_cli(["profile", "etne", "--lang", "nb", "--format", "csv"]).stdout
    assert header.startswith("network,role,person,roles of the person,mtgs,")


def test_norwegian_figures_read_with_a_decimal_comma(nn_html):
    assert re.search(r"skår \d,\d\d", nn_html)
    assert not re.search(r"skår \d\.\d\d", nn_html)


def test_the_bokmal_markdown_report_is_in_bokmal(dataset):
    text, _ = render_report_markdown(build_report(dataset, AS_OF, lang="nb", diagrams=False),
                                     "r", "test")
    assert "## Kilder" in text and "## Sources" not in text
    assert "nettverkene" in text and "kommunene" in text


def test_the_commands_follow_the_locale(run_cli, monkeypatch):
    monkeypatch.setenv("LANG", "nn_NO.UTF-8")
    assert "Nettverk per område og region" in run_cli(["gaps"]).stdout
    assert "Networks per area and region" in run_cli(["gaps", "--lang", "en"]).stdout
    assert "Nettverk per område og region" in run_cli(["--lang", "nb", "gaps"]).stdout
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "Networks per area and region" in run_cli(["gaps"]).stdout


def test_csv_stays_english(run_cli):
    header = run_cli(["burden", "--lang", "nb", "--format", "csv"]).stdout.splitlines()[0]
    assert header.startswith("organisation,nets,mtgs")


def test_an_unknown_language_is_a_usage_error(run_cli):
    result = run_cli(["gaps", "--lang", "de"])
    assert result.exit_code == 2 and "--lang" in result.stderr


def test_sensitivity_speaks_nynorsk(run_cli):
    text = run_cli(["sensitivity", "--lang", "nn", "--samples", "4"]).stdout
    assert text.startswith("Følsemd: kva føresetnader flyttar hovudtala (per ")
    assert "timar i året for den mest belasta personen:" in text
    assert "Rangeringsstabilitet for topp 5" in text
    ids = re.sub(r"[a-z0-9_.]+(-[a-z0-9_.]+)+", " ", text)  # assumption ids, network ids
    assert not PROFILE_ENGLISH.search(ids) and not ENGLISH.search(ids)
    header = run_cli(["sensitivity", "--lang", "nn", "--samples", "4", "--format", "csv"]
                     ).stdout.splitlines()[0]
    assert header.startswith("figure,assumption,low")


def test_whatif_and_recommend_speak_nynorsk_and_keep_json_english(run_cli):
    text = run_cli(["whatif", "--retire", "ks-ekomp", "--lang", "nn"]).stdout
    assert text.startswith("Kva om: scenario frå kommandolinja\n")
    for expected in ("Nøkkeltal", "møtetimar/år", "før", "etter", "endring",
                     "Timar i året per organisasjon, største endring først"):
        assert expected in text
    assert re.search(r"21\u202f336\s", text)  # a figure keeps its narrow no-break space whole
    ids = re.sub(r"[a-z0-9_.]+(-[a-z0-9_.]+)+", " ", text.split("\n", 3)[3])  # after the operations
    assert not ENGLISH.search(ids) and not PROFILE_ENGLISH.search(ids)
    data = json.loads(run_cli(["whatif", "--retire", "ks-ekomp", "--lang", "nn", "--format",
                               "json"]).stdout)
    assert data["scenario"] == "scenario from the command line" and "figures" in data
    markdown = run_cli(["recommend", "--lang", "nb", "--format", "markdown"]).stdout
    assert markdown.startswith("## Kandidater for sammenslåing (per ")
    assert "| # | sammenslåing | overlapp | timer/år spart |" in markdown


def test_listings_speak_norwegian_and_keep_ids_in_english_and_csv(run_cli):
    networks = run_cli(["networks", "--lang", "nn", "--top", "6"]).stdout
    assert networks.startswith("viser 6 av ") and "nådd" in networks
    assert "styringsgruppe" in networks and "slutt" in networks
    actors = run_cli(["actors", "--lang", "nb", "--kind", "municipality", "--top", "3"]).stdout
    assert "aktører" in actors and "kommune" in actors and "municipality" not in actors
    shown = run_cli(["show", "ks-ekomp", "--lang", "nn"]).stdout
    for expected in ("felt", "namn", "nivå", "nasjonalt", "mandatområde", "oppgåver",
                     "kompetanse", "aktiv", "ja", "t/år", "plassar delte av medlemmene",
                     "kjelde s21"):
        assert expected in shown
    english = run_cli(["networks", "--top", "3"]).stdout
    assert "steering-group" in english or "network " in english  # kinds as --kind names them
    header = run_cli(["networks", "--lang", "nn", "--format", "csv"]).stdout.splitlines()
    assert header[0].startswith("id,kind,cc,reach") and ",steering-group," in "\n".join(header)
