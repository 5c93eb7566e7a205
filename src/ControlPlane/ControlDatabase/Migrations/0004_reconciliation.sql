-- Reconciliation report: what each run did per tenant and mapped source, so a partial load is never silent.
-- missing is NULL unless the run held the source's keys against what the sink holds (a reconciliation pass).
CREATE TABLE IF NOT EXISTS sync_source_reports (
    tenant_id      VARCHAR(63)  NOT NULL,
    run_id         CHAR(36)     NOT NULL,
    resource_type  VARCHAR(64)  NOT NULL,
    source_table   VARCHAR(64)  NOT NULL,
    reconciled     BOOLEAN      NOT NULL,
    source_rows    BIGINT       NOT NULL,
    rows_read      BIGINT       NOT NULL,
    written        BIGINT       NOT NULL,
    rejected       BIGINT       NOT NULL,
    deleted        BIGINT       NOT NULL,
    missing        BIGINT       NULL,
    recorded_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, run_id, resource_type, source_table),
    KEY ix_sync_source_reports_latest (tenant_id, resource_type, source_table, recorded_at),
    CONSTRAINT fk_sync_source_reports_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Lineage: which resource each source key became and what the last run that handled it did with it. The resource id
-- is unique per tenant and type (a keyed hash of type and key); source keys are the ones logs and errors name anyway.
CREATE TABLE IF NOT EXISTS sync_lineage (
    tenant_id      VARCHAR(63)  NOT NULL,
    resource_type  VARCHAR(64)  NOT NULL,
    resource_id    VARCHAR(64)  NOT NULL,
    source_table   VARCHAR(64)  NOT NULL,
    source_key     TEXT         NOT NULL,
    -- written, rejected, deleted or missing (the sink lacks it though the row is there; found by reconciliation)
    state          VARCHAR(16)  NOT NULL,
    run_id         CHAR(36)     NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, resource_type, resource_id),
    KEY ix_sync_lineage_state (tenant_id, resource_type, source_table, state),
    CONSTRAINT fk_sync_lineage_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
