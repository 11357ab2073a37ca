-- Statements of Oid4vciService (positional parameters).

-- name: offerByReference
SELECT o.id, o.expires_at, o.used_at, o.locked_at, o.tx_code_hash IS NOT NULL AS tx_code,
  a.credential_type
FROM credential_offers o JOIN awards a ON a.id = o.award_id
WHERE o.tenant_id = $1 AND o.reference = $2

-- name: lockOfferByCode
SELECT o.id, o.award_id, o.expires_at, o.used_at, o.locked_at, o.tx_code_hash,
  o.tx_code_attempts, o.max_tx_code_attempts
FROM credential_offers o
WHERE o.tenant_id = $1 AND o.pre_authorized_code_hash = $2
FOR UPDATE

-- name: countAttempt
UPDATE credential_offers
SET tx_code_attempts = tx_code_attempts + 1,
    locked_at = CASE WHEN tx_code_attempts + 1 >= max_tx_code_attempts THEN now() ELSE locked_at END
WHERE id = $1
RETURNING locked_at IS NOT NULL AS locked, max_tx_code_attempts - tx_code_attempts AS left

-- name: redeemOpen
-- The one-statement token for an open offer without a PIN; 0 rows: take the locking path.
UPDATE credential_offers SET used_at = now(), access_token_hash = $3, access_token_expires_at = $4
WHERE tenant_id = $1 AND pre_authorized_code_hash = $2 AND used_at IS NULL AND locked_at IS NULL
  AND tx_code_hash IS NULL AND expires_at > now()
RETURNING id

-- name: redeem
UPDATE credential_offers SET used_at = now(), access_token_hash = $2, access_token_expires_at = $3
WHERE id = $1

-- name: insertNonce
INSERT INTO nonces (nonce_hash, expires_at) VALUES ($1, $2)

-- name: purgeNonces
DELETE FROM nonces WHERE expires_at < now() - interval '10 minutes'

-- name: consumeNonce
DELETE FROM nonces WHERE nonce_hash = $1 AND expires_at > now() RETURNING expires_at

-- name: lockOfferByToken
SELECT o.id, o.award_id, o.access_token_expires_at, o.locked_at, a.credential_type,
  a.claims::text AS claims,
  EXISTS (SELECT 1 FROM issued_credentials c WHERE c.offer_id = o.id) AS issued
FROM credential_offers o JOIN awards a ON a.id = o.award_id
WHERE o.tenant_id = $1 AND o.access_token_hash = $2
FOR UPDATE OF o

-- name: insertIssued
INSERT INTO issued_credentials
  (id, tenant_id, award_id, offer_id, signing_key_id, status_list_id, status_index,
   holder_key_thumbprint, credential_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
