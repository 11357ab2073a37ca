-- Statements of PgApiKeyStore (SqlTemplate: #{param}).

-- name: insert
INSERT INTO api_keys (tenant_id, prefix, secret_hash, scopes, description)
VALUES (#{tenantId}, #{prefix}, #{secretHash}, #{scopes}, #{description})
RETURNING *

-- name: findByPrefix
SELECT * FROM api_keys WHERE prefix = #{prefix}

-- name: findById
SELECT * FROM api_keys WHERE id = #{id}

-- name: revoke
UPDATE api_keys SET revoked_at = now(), revoked_reason = #{reason}
WHERE id = #{id} AND revoked_at IS NULL

-- name: listByTenant
SELECT * FROM api_keys WHERE tenant_id = #{tenantId} ORDER BY created_at, id
