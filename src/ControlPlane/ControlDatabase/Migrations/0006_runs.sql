-- Runs: every sync or reconciliation a requester asked for, its state and timings. Per-resource figures stay in
-- sync_source_reports, which now also carries each source's time (added up over the slices of a long run).
CREATE TABLE IF NOT EXISTS sync_runs (
    run_id          CHAR(36)      NOT NULL PRIMARY KEY,
    tenant_id       VARCHAR(63)   NOT NULL,
    -- sync or reconcile
    kind            VARCHAR(16)   NOT NULL,
    -- queued, running, deferred, succeeded, failed, coalesced (merged into coalesced_into)
    state           VARCHAR(16)   NOT NULL,
    origin          VARCHAR(64)   NOT NULL,
    full_resync     BOOLEAN       NOT NULL,
    -- comma-separated FHIR resource types; NULL means every mapped type
    resource_types  VARCHAR(1024) NULL,
    requested_at    DATETIME(6)   NOT NULL,
    started_at      DATETIME(6)   NULL,
    finished_at     DATETIME(6)   NULL,
    updated_at      DATETIME(6)   NOT NULL,
    slices          INT           NOT NULL DEFAULT 0,
    worker          VARCHAR(128)  NULL,
    -- the control-database connection holding the tenant's run lock while it runs, so a busy tenant's run is known
    lock_connection BIGINT        NULL,
    coalesced_into  CHAR(36)      NULL,
    failure_stage   VARCHAR(16)   NULL,
    failure_reason  VARCHAR(512)  NULL,
    KEY ix_sync_runs_tenant (tenant_id, requested_at),
    KEY ix_sync_runs_state (state, updated_at),
    CONSTRAINT fk_sync_runs_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The one run each tenant and kind has waiting for the running one to end: requests that arrived meanwhile, merged.
CREATE TABLE IF NOT EXISTS sync_run_followups (
    tenant_id       VARCHAR(63)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    run_id          CHAR(36)      NOT NULL,
    origin          VARCHAR(64)   NOT NULL,
    full_resync     BOOLEAN       NOT NULL,
    resource_types  VARCHAR(1024) NULL,
    requested_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id, kind),
    CONSTRAINT fk_sync_run_followups_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE sync_source_reports ADD COLUMN IF NOT EXISTS elapsed_ms BIGINT NOT NULL DEFAULT 0;
