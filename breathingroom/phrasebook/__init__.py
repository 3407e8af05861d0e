"""The couple's phrasebook: words for needs and boundaries, their own words and their signal phrase."""
