"""Names the store needs at every start, kept apart from the migrations (store/schema.py) so that
opening an up-to-date database does not load sqlite-utils."""

#: Tables whose rows travel in bundles, in an order that satisfies their foreign keys.
SYNCED_TABLES = (
    "orgs",
    "rulebooks",
    "star_criteria",
    "members",
    "meetings",
    "attendance",
    "points_ledger",
    "star_assessments",
    "star_item_scores",
    "village_indicators",
)

#: Every migration in store/schema.py, in order (a test holds the two equal).
MIGRATIONS = ("m001_initial", "m002_sync", "m003_district", "m004_dashboard", "m005_accounts",
              "m006_reviews_red_flags", "m007_import_speed", "m008_dashboard_cache", "m009_audit")
