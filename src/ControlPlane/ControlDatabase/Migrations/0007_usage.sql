-- Usage for billing: one row per page a sync processed and per accepted HTTP intake call. dedupe_key names the unit of
-- work (run, source, the page's start), so a page redone after a crash is stored, and published, once.
CREATE TABLE IF NOT EXISTS usage_events (
    event_id          CHAR(36)       NOT NULL PRIMARY KEY,
    dedupe_key        VARCHAR(191)   NOT NULL,
    tenant_id         VARCHAR(63)    NOT NULL,
    run_id            CHAR(36)       NULL,
    -- sync-page or intake-call
    event_type        VARCHAR(32)    NOT NULL,
    resource_type     VARCHAR(64)    NULL,
    rows_read         BIGINT         NOT NULL,
    resources_written BIGINT         NOT NULL,
    bytes_sent        BIGINT         NOT NULL,
    source_db_ms      BIGINT         NOT NULL,
    duration_ms       BIGINT         NOT NULL,
    cost_units        DECIMAL(20, 6) NOT NULL,
    occurred_at       DATETIME(6)    NOT NULL,
    -- set once UsageRecorded was published; a relay publishes what a crash left unpublished
    published         BOOLEAN        NOT NULL DEFAULT FALSE,
    UNIQUE KEY ux_usage_events_dedupe (dedupe_key),
    KEY ix_usage_events_tenant (tenant_id, occurred_at),
    KEY ix_usage_events_unpublished (published, occurred_at),
    CONSTRAINT fk_usage_events_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each worker's view of each tenant's breakers, written when a breaker changes state, for the status dashboard.
CREATE TABLE IF NOT EXISTS tenant_breaker_states (
    tenant_id   VARCHAR(63)  NOT NULL,
    dependency  VARCHAR(16)  NOT NULL,
    worker      VARCHAR(128) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    changed_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, dependency, worker),
    CONSTRAINT fk_tenant_breaker_states_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
