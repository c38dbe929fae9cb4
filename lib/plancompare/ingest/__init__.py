"""Reading what a person curated in data/raw into checked rows: layout (the files, their columns
and choices, the tables they become), csvfile (reading them as text), lexicon (the words plans
write numbers and commitments with), values (a cell into a value and the catalog unit),
candidates (every target-like figure of a plan text), completeness (which of them curation
accounts for), checksums (the plan texts against SHA256SUMS), validate (every rule, per file
kind)."""
