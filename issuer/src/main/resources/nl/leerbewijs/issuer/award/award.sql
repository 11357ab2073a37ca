-- Statements of AwardService (positional parameters).

-- name: insertRequest
INSERT INTO award_requests
  (tenant_id, api_key_id, idempotency_key, request_hash, kind, row_count, status,
   response_status, response, completed_at)
VALUES ($1, $2, $3, $4, $5, $6, 'done', 201, $7, now())
ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
RETURNING id, created_at

-- name: findRequest
SELECT id, request_hash, kind, created_at FROM award_requests
WHERE tenant_id = $1 AND idempotency_key = $2

-- name: insertAwards
INSERT INTO awards
  (id, tenant_id, request_id, request_row, credential_type, learner_reference, claims, created_at)
SELECT a.id, $1, $2, a.r, a.t, a.l, a.c::jsonb, $8
FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[]) AS a(id, r, t, l, c)

-- name: insertOffers
INSERT INTO credential_offers
  (id, tenant_id, award_id, pre_authorized_code_hash, reference, tx_code_hash, tx_code_length,
   max_tx_code_attempts, expires_at)
SELECT o.id, $1, o.award_id, o.code_hash, o.ref, o.tx_hash,
       CASE WHEN o.tx_hash IS NULL THEN NULL ELSE $7::smallint END, $8, $9
FROM unnest($2::uuid[], $3::uuid[], $4::bytea[], $5::text[], $6::bytea[])
  AS o(id, award_id, code_hash, ref, tx_hash)

-- name: requestAwards
SELECT DISTINCT ON (a.request_row)
  a.id, a.request_row, a.credential_type, a.learner_reference, a.created_at,
  o.id AS offer_id, o.expires_at, o.tx_code_hash IS NOT NULL AS tx_code
FROM awards a JOIN credential_offers o ON o.award_id = a.id
WHERE a.request_id = $1
ORDER BY a.request_row, o.created_at

-- name: list
SELECT a.id, a.request_row, a.credential_type, a.learner_reference, a.created_at, a.withdrawn_at,
  a.claims #>> '{learner,given_name}' AS given_name,
  a.claims #>> '{learner,family_name}' AS family_name,
  a.claims #>> '{title,nl}' AS title_nl,
  (SELECT count(*) FROM issued_credentials c WHERE c.award_id = a.id) AS issued
FROM awards a
WHERE a.tenant_id = $1
  AND ($2::text IS NULL OR a.credential_type = $2)
  AND ($3::text IS NULL OR a.learner_reference = $3)
  AND ($4::text IS NULL OR lower(a.claims #>> '{learner,family_name}') = lower($4)
       OR a.claims #>> '{learner,student_id}' = $4)
ORDER BY a.created_at DESC, a.request_row DESC, a.id
LIMIT $5 OFFSET $6

-- name: get
SELECT a.id, a.request_row, a.credential_type, a.learner_reference, a.created_at, a.claims,
  a.withdrawn_at, a.withdrawn_reason, r.kind AS request_kind, r.id AS request_id
FROM awards a JOIN award_requests r ON r.id = a.request_id
WHERE a.tenant_id = $1 AND a.id = $2

-- name: offersOfAward
SELECT id, expires_at, used_at, locked_at, tx_code_hash IS NOT NULL AS tx_code, tx_code_attempts,
  created_at
FROM credential_offers WHERE tenant_id = $1 AND award_id = $2 ORDER BY created_at

-- name: credentialsOfAward
SELECT c.id, c.status, c.status_reason, c.status_changed_at, c.status_index, c.issued_at,
  l.list_number, k.kid
FROM issued_credentials c
JOIN status_lists l ON l.id = c.status_list_id
JOIN signing_keys k ON k.id = c.signing_key_id
WHERE c.tenant_id = $1 AND c.award_id = $2 ORDER BY c.issued_at

-- name: lockAward
SELECT id, withdrawn_at FROM awards WHERE tenant_id = $1 AND id = $2 FOR UPDATE

-- name: withdraw
UPDATE awards SET withdrawn_at = now(), withdrawn_reason = $3 WHERE tenant_id = $1 AND id = $2

-- name: killOffers
UPDATE credential_offers SET locked_at = now()
WHERE tenant_id = $1 AND award_id = $2 AND locked_at IS NULL
RETURNING id

-- name: lockAwardForOffer
SELECT a.id, a.request_row, a.credential_type, a.learner_reference, a.created_at, a.withdrawn_at,
  EXISTS (SELECT 1 FROM issued_credentials c WHERE c.award_id = a.id) AS issued,
  (SELECT o.tx_code_hash IS NOT NULL FROM credential_offers o WHERE o.award_id = a.id
   ORDER BY o.created_at DESC LIMIT 1) AS last_tx_code
FROM awards a WHERE a.tenant_id = $1 AND a.id = $2
FOR UPDATE OF a
