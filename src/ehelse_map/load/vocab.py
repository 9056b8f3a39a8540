"""The closed vocabularies of the data format. Light on purpose: the command line reads them at
`--help` time, and the diagrams and the scope rules use them without loading the format."""

ACTOR_KINDS = ("government", "ministry", "directorate", "agency", "state-administrator",
               "state-enterprise", "regional-health-authority", "health-trust", "association",
               "county", "region", "municipality", "company", "competence-centre", "other")
NETWORK_KINDS = ("network", "programme", "project", "forum", "council", "steering-group",
                 "health-community", "committee", "grant-scheme", "seminar-series", "agreement",
                 "secretariat", "strategy", "other")
LEVELS = ("national", "regional", "local")
COUNTRIES = ("NO", "SE", "DK", "FI", "IS", "FO", "GL", "AX")
TASKS = ("coordination", "implementation", "competence", "development", "steering", "funding",
         "advisory", "information", "standardisation", "anchoring", "procurement")
ANCHORS = ("health-leader", "chief-executive", "elected")
LANGUAGES = ("nb", "nn", "en", "sv", "da", "fi", "is")

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9:._-]*$"
URL_PATTERN = r"^https?://\S+$"

#: Languages of other names (Sámi and Kven parallel names of Norwegian municipalities):
#: Northern, Lule, Southern, Pite, Ume and Skolt Sámi, Kven.
NAME_LANGUAGES = (*LANGUAGES, "se", "smj", "sma", "sje", "sju", "sms", "fkv")
#: Whom a target asks: one person in each member organisation (the default), a post the
#: network holds itself (no time asked of members), or N seats shared by the members.
ASKS = ("member", "network", "seats")
#: Kinds of relation between actors and networks beyond hosting, membership and funding.
RELATION_KINDS = ("cooperation", "mandate", "agreement", "ownership", "evaluation")
#: The state of a funding entry.
FUNDING_STATUS = ("applied", "granted", "paid", "refused")
CURRENCIES = ("NOK", "SEK", "DKK", "EUR", "ISK")
#: The findings of the 2023 evaluation (seed 004) an assumption may be taken from.
FINDINGS = ("F1", "F2", "F3", "F4", "F5", "F6")
#: A survey answer to "do you take part in this network?" (quote them in YAML: `"yes"`).
TAKES_PART = ("yes", "no", "partly")
#: How survey answers stand in for the members of a network that did not answer: `none`, or
#: `median-N`: the median of the answers once at least N members answered (see analyses).
SURVEY_RULE_PATTERN = r"^(none|median-[1-9][0-9]{0,5})$"
#: Format versions this version reads; 2 adds to 1, so every version 1 file is read as it is.
SCHEMA_VERSIONS = (1, 2)
