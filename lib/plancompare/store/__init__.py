"""The built database: schema (its tables, assembled from what each stage declares, and the
schema version), build (validate, then write everything atomically), exports (targets as
Parquet and CSV, tied to their build), stamp (the data fingerprint beside the database),
database (opening it, refused with one line when it cannot be used)."""
