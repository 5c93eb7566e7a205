-- Incremental sync: where each mapped source of each tenant resumes. A position is the change-tracking values and key
-- of the last row the tenant's sink acknowledged, in the typed JSON form of FhirSync.Extraction.SourcePosition.
CREATE TABLE IF NOT EXISTS sync_watermarks (
    tenant_id      VARCHAR(63)  NOT NULL,
    resource_type  VARCHAR(64)  NOT NULL,
    source_table   VARCHAR(64)  NOT NULL,
    position       TEXT         NOT NULL,
    -- Rows the source held (under the mapping's filter) when the position was stored: a table that is empty now but
    -- held rows then was truncated, and the run stops instead of silently starting over.
    source_rows    BIGINT       NOT NULL,
    run_id         CHAR(36)     NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, resource_type, source_table),
    CONSTRAINT fk_sync_watermarks_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
