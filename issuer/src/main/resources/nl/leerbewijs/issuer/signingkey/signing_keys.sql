-- Statements of PgSigningKeyStore (SqlTemplate: #{param}).

-- name: insert
INSERT INTO signing_keys
  (tenant_id, kid, alg, public_jwk, private_key_ciphertext, private_key_nonce, kek_id, x5c, status)
VALUES
  (#{tenantId}, #{kid}, #{alg}, #{publicJwk}, #{ciphertext}, #{nonce}, #{kekId}, #{x5c}, #{status})
RETURNING *

-- name: retireCurrent
UPDATE signing_keys SET status = 'retired', retired_at = now()
WHERE tenant_id = #{tenantId} AND status = 'current'
RETURNING *

-- name: current
SELECT * FROM signing_keys WHERE tenant_id = #{tenantId} AND status = 'current'

-- name: list
SELECT * FROM signing_keys WHERE tenant_id = #{tenantId}
ORDER BY (status = 'current') DESC, created_at DESC, id

-- name: kekIdsInUse
SELECT DISTINCT kek_id FROM signing_keys
