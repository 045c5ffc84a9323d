-- Searching cases by any part of their text: an ILIKE '%…%' scans every case. The character pairs (bigrams) of
-- content and address, indexed with GIN, find the few cases that hold all the pairs of the words searched for;
-- the ILIKE then checks them. Pairs, not trigrams, because Chinese words are often two characters, and pg_trgm
-- ignores them under the C locale PGlite runs with.
CREATE FUNCTION events.text_grams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT lower(substr(t, i, 2))), '{}') FROM generate_series(1, length(t) - 1) AS i $$;
--> statement-breakpoint
CREATE INDEX cases_search_grams ON events.cases USING gin (events.text_grams(coalesce(content, '') || ' ' || coalesce(address, '')));
