"""Domain rules in pure Python: no Qt, no SQL. Rules that differ by county are data files."""
