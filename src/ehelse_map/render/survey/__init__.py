"""The survey round-trip's files: questionnaires as .xlsx workbooks (`workbook`), returned
workbooks read back (`answers`), answers as observation records in YAML (`records`), and every
text a respondent reads, in bokmål, nynorsk and English (`texts`)."""
