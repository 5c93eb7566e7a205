-- Tenant isolation: encrypted sink credentials, one downstream store per tenant, hashed API keys.
-- Idempotent like every migration (DDL commits implicitly in MariaDB).
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS sink_credentials_encrypted TEXT NULL AFTER sink_settings;

-- The tenant's downstream store in normalised form ("ndjson:{folder}" or "fhir:{base url}"); unique, so two tenants
-- can never be registered onto the same store, even by two operators at once.
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS sink_identity VARCHAR(512) NULL AFTER sink_credentials_encrypted;
CREATE UNIQUE INDEX IF NOT EXISTS ux_tenants_sink_identity ON tenants (sink_identity);

-- API keys for a tenant's machine clients: only a SHA-256 of each key is kept; the key is shown once.
CREATE TABLE IF NOT EXISTS tenant_api_keys (
    key_id     CHAR(12)     NOT NULL,
    tenant_id  VARCHAR(63)  NOT NULL,
    key_hash   BINARY(32)   NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    revoked_at DATETIME(6)  NULL,
    PRIMARY KEY (key_id),
    KEY ix_tenant_api_keys_tenant (tenant_id),
    CONSTRAINT fk_tenant_api_keys_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
