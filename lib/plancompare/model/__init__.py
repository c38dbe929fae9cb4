"""The comparison model: from a plan's statements to one effective statement per region,
indicator and year, what it asks, and how it stands against the nation (comparison); the rules
that compare regions, as views of the database (views)."""
