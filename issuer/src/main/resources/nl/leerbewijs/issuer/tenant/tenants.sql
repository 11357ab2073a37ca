-- Statements of PgTenantStore (SqlTemplate: #{param}).

-- name: insert
INSERT INTO tenants (path, name, brin, oin, kvk, credential_types, ects_min, ects_max)
VALUES (#{path}, #{name}, #{brin}, #{oin}, #{kvk}, #{credentialTypes}, #{ectsMin}, #{ectsMax})
RETURNING *

-- name: findByPath
SELECT * FROM tenants WHERE path = #{path}

-- name: findById
SELECT * FROM tenants WHERE id = #{id}

-- name: lockByPath
SELECT * FROM tenants WHERE path = #{path} FOR UPDATE

-- name: list
SELECT * FROM tenants ORDER BY path
