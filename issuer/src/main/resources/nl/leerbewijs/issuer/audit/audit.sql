-- Statements of PgAuditLog (SqlTemplate: #{param}).

-- name: append
INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, subject, reason, details)
VALUES (#{tenantId}, #{actorType}, #{actorId}, #{action}, #{subject}, #{reason}, #{details})

-- name: list
SELECT * FROM audit_log
WHERE tenant_id = #{tenantId} AND id < #{before}
ORDER BY id DESC
LIMIT #{limit}

-- name: appendAll
INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, subject, reason, details)
SELECT $1, $2, $3, $4, e.subject, $5, e.details::jsonb
FROM unnest($6::text[], $7::text[]) AS e(subject, details)

-- name: export
SELECT * FROM audit_log
WHERE tenant_id = $1 AND id > $2
ORDER BY id
LIMIT $3
