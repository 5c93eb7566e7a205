-- The run lock's connection id, for control databases that took migration 0006 before it had this column.
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS lock_connection BIGINT NULL AFTER worker;
