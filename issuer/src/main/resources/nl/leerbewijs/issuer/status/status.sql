-- Statements of StatusLists and StatusService (positional parameters).

-- name: takeFromCurrent
-- One round trip: the tenant's current list, a free index taken from it (NULL when none is free
-- or the free ones are held by running issuances), and whether any index is still free.
WITH l AS (
  SELECT id, list_number FROM status_lists WHERE tenant_id = $1
  ORDER BY list_number DESC LIMIT 1),
t AS (
  DELETE FROM status_list_free f
  WHERE (f.status_list_id, f.pos) = (
    SELECT status_list_id, pos FROM status_list_free WHERE status_list_id = (SELECT id FROM l)
    ORDER BY pos LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING f.idx)
SELECT l.id, l.list_number, (SELECT idx FROM t) AS idx,
  EXISTS (SELECT 1 FROM status_list_free WHERE status_list_id = l.id) AS free
FROM l

-- name: createList
INSERT INTO status_lists (tenant_id, list_number, bits, size) VALUES ($1, $2, 2, $3)
ON CONFLICT (tenant_id, list_number) DO NOTHING
RETURNING id

-- name: fillFree
INSERT INTO status_list_free (status_list_id, pos, idx)
SELECT $1, (row_number() OVER (ORDER BY r))::int - 1, i
FROM (SELECT i, gen_random_uuid() AS r FROM generate_series(0, $2 - 1) AS i) s

-- name: listForServe
SELECT l.id, l.tenant_id, l.size, l.bits, l.version, l.token, l.signed_version, l.signed_at
FROM status_lists l JOIN tenants t ON t.id = l.tenant_id
WHERE t.path = $1 AND l.list_number = $2

-- name: nonValid
SELECT status_index, status FROM issued_credentials WHERE status_list_id = $1 AND status <> 0

-- name: storeToken
UPDATE status_lists SET token = $2, signed_version = $3, signed_at = $4
WHERE id = $1 AND (signed_version IS NULL OR signed_version <= $3)

-- name: lockCredential
SELECT c.id, c.status, c.status_list_id, c.award_id FROM issued_credentials c
WHERE c.tenant_id = $1 AND c.id = $2 FOR UPDATE

-- name: setStatus
UPDATE issued_credentials SET status = $2, status_reason = $3, status_changed_at = now()
WHERE id = $1
RETURNING status_changed_at

-- name: bumpVersion
UPDATE status_lists SET version = version + 1 WHERE id = $1

-- name: credentialsOfAwardForUpdate
SELECT id, status, status_list_id, award_id FROM issued_credentials
WHERE tenant_id = $1 AND award_id = $2 FOR UPDATE

-- name: listCredentials
SELECT c.id, c.award_id, c.status, c.status_reason, c.status_changed_at, c.status_index,
  c.issued_at, l.list_number, k.kid
FROM issued_credentials c
JOIN status_lists l ON l.id = c.status_list_id
JOIN signing_keys k ON k.id = c.signing_key_id
WHERE c.tenant_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
ORDER BY c.issued_at DESC LIMIT $3 OFFSET $4
