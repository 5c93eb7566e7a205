-- The tenant registry. Statements are idempotent: DDL commits implicitly in MariaDB, so a migration
-- interrupted before it was recorded must be safe to run again.
CREATE TABLE IF NOT EXISTS tenants (
    tenant_id                   VARCHAR(63)  NOT NULL,
    display_name                VARCHAR(200) NOT NULL,
    source_connection_encrypted TEXT         NOT NULL,
    sink_settings               JSON         NOT NULL,
    schedule_cron               VARCHAR(120) NOT NULL DEFAULT '0 0 2 * * ?',
    schedule_time_zone          VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    mapping_document            MEDIUMTEXT   NOT NULL,
    id_salt                     VARBINARY(64) NOT NULL,
    enabled                     BOOLEAN      NOT NULL DEFAULT TRUE,
    config_version              INT          NOT NULL DEFAULT 1,
    created_at                  DATETIME(6)  NOT NULL,
    updated_at                  DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
