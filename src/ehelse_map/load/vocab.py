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
