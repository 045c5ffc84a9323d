-- The change-feed index of every departmental data table already loaded (new tables get it in ensureDataTable).
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'data' AND c.relkind = 'r' AND c.relname ~ '^r_[0-9]+$' LOOP
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON data.%I (_updated_at, _key)', t.relname || '_changes_idx', t.relname);
  END LOOP;
END $$;
