"""What every stage shares and none owns: paths (where the data and database are), text
(simplified/traditional, pinyin, slugs), names (did-you-mean matching), errors (the one error root
and the exit codes), files (whole-file writes and the sweep of dead writers' leftovers), digest
(fingerprints of files and values), schema (declared tables), version."""
