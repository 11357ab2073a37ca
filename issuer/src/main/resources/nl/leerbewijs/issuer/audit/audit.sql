-- Statements of PgAuditLog (SqlTemplate: #{param}).

-- name: append
INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, subject, reason, details)
VALUES (#{tenantId}, #{actorType}, #{actorId}, #{action}, #{subject}, #{reason}, #{details})

-- name: list
SELECT * FROM audit_log
WHERE tenant_id = #{tenantId} AND id < #{before}
ORDER BY id DESC
LIMIT #{limit}
