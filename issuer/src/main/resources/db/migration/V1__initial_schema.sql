-- leerbewijs issuer: initial schema.
-- Conventions: uuid keys from gen_random_uuid() (PostgreSQL 13+), timestamptz everywhere, secrets
-- only as SHA-256 hashes or AES-256-GCM ciphertexts, every row scoped by tenant_id.

CREATE TABLE tenants (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the tenant's segment in URLs: /t/<path>, /.well-known/.../<path>
  path             text NOT NULL UNIQUE
                   CHECK (path ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- BRIN: 4 characters (2 digits, 2 letters/digits), optionally a 2-digit location suffix
  brin             text CHECK (brin ~ '^[0-9]{2}[A-Z0-9]{2}([0-9]{2})?$'),
  oin              text CHECK (oin ~ '^[0-9]{20}$'),
  kvk              text CHECK (kvk ~ '^[0-9]{8}$'),
  credential_types text[] NOT NULL DEFAULT '{}'
                   CHECK (array_position(credential_types, NULL) IS NULL),
  ects_min         numeric(6, 2) CHECK (ects_min >= 0),
  ects_max         numeric(6, 2) CHECK (ects_max > 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (ects_min IS NULL OR ects_max IS NULL OR ects_min <= ects_max)
);

CREATE TABLE api_keys (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  -- public lookup part of "lbk_<prefix>_<secret>"
  prefix         text NOT NULL UNIQUE CHECK (prefix ~ '^[0-9a-f]{12}$'),
  -- SHA-256 of the whole key text; the key is 256 random bits, so no slow hash is needed
  secret_hash    bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
  scopes         text[] NOT NULL
                 CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['issue', 'revoke', 'admin']),
  description    text CHECK (length(description) <= 200),
  created_at     timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  revoked_reason text,
  CHECK (revoked_reason IS NULL OR revoked_at IS NOT NULL)
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE signing_keys (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id              uuid NOT NULL REFERENCES tenants (id),
  kid                    text NOT NULL CHECK (kid ~ '^[A-Za-z0-9_-]{1,128}$'),
  alg                    text NOT NULL CHECK (alg IN ('ES256', 'ES384', 'ES512')),
  public_jwk             jsonb NOT NULL CHECK (jsonb_typeof(public_jwk) = 'object'
                                               AND NOT public_jwk ? 'd'),
  -- AES-256-GCM(KEK, nonce, PKCS#8 DER, aad = "leerbewijs-signing-key-v1|<tenant id>|<kid>")
  private_key_ciphertext bytea NOT NULL,
  private_key_nonce      bytea NOT NULL CHECK (octet_length(private_key_nonce) = 12),
  kek_id                 text NOT NULL CHECK (kek_id ~ '^[0-9a-f]{16}$'),
  -- base64 (not url) DER certificates, leaf first, as in the JOSE x5c header
  x5c                    text[],
  status                 text NOT NULL CHECK (status IN ('current', 'retired')),
  created_at             timestamptz NOT NULL DEFAULT now(),
  retired_at             timestamptz,
  UNIQUE (tenant_id, kid),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
-- at most one current key per tenant
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (tenant_id) WHERE status = 'current';

-- One row per award request (single, batch or CSV); makes Idempotency-Key retries return the
-- first result and lets a restarted server finish a half-done batch without duplicates.
CREATE TABLE award_requests (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  api_key_id      uuid REFERENCES api_keys (id),
  idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  -- SHA-256 of the request body: the same key with another body is a client error
  request_hash    bytea NOT NULL CHECK (octet_length(request_hash) = 32),
  kind            text NOT NULL CHECK (kind IN ('single', 'batch', 'csv')),
  row_count       integer NOT NULL CHECK (row_count >= 0),
  status          text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'done')),
  response_status integer,
  response        jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  UNIQUE (tenant_id, idempotency_key)
);

CREATE TABLE awards (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES tenants (id),
  request_id        uuid NOT NULL REFERENCES award_requests (id),
  -- position in its request (0 for a single award, the row for batch/CSV)
  request_row       integer NOT NULL CHECK (request_row >= 0),
  credential_type   text NOT NULL,
  learner_reference text CHECK (length(learner_reference) <= 200),
  -- the validated claims that will be signed
  claims            jsonb NOT NULL CHECK (jsonb_typeof(claims) = 'object'),
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (request_id, request_row)
);
CREATE INDEX awards_tenant_created ON awards (tenant_id, created_at);
CREATE INDEX awards_tenant_learner ON awards (tenant_id, learner_reference);

CREATE TABLE credential_offers (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id                uuid NOT NULL REFERENCES tenants (id),
  award_id                 uuid NOT NULL REFERENCES awards (id),
  -- SHA-256 of the high-entropy pre-authorized code
  pre_authorized_code_hash bytea NOT NULL UNIQUE CHECK (octet_length(pre_authorized_code_hash) = 32),
  -- random id for the by-reference offer URI (credential_offer_uri); fetchable repeatedly
  reference                text NOT NULL UNIQUE CHECK (length(reference) BETWEEN 16 AND 128),
  tx_code_hash             bytea CHECK (octet_length(tx_code_hash) = 32),
  tx_code_length           smallint CHECK (tx_code_length BETWEEN 4 AND 12),
  tx_code_attempts         smallint NOT NULL DEFAULT 0 CHECK (tx_code_attempts >= 0),
  max_tx_code_attempts     smallint NOT NULL DEFAULT 5 CHECK (max_tx_code_attempts > 0),
  expires_at               timestamptz NOT NULL,
  used_at                  timestamptz,
  -- set when the PIN was guessed wrong too often: the offer is dead
  locked_at                timestamptz,
  -- SHA-256 of the access token the code was traded for
  access_token_hash        bytea UNIQUE CHECK (octet_length(access_token_hash) = 32),
  access_token_expires_at  timestamptz,
  created_at               timestamptz NOT NULL DEFAULT now(),
  CHECK ((tx_code_hash IS NULL) = (tx_code_length IS NULL)),
  CHECK ((access_token_hash IS NULL) = (access_token_expires_at IS NULL)),
  CHECK (access_token_hash IS NULL OR used_at IS NOT NULL)
);
CREATE INDEX credential_offers_award ON credential_offers (award_id);

-- OpenID4VCI c_nonce values (single use)
CREATE TABLE nonces (
  nonce_hash bytea PRIMARY KEY CHECK (octet_length(nonce_hash) = 32),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX nonces_expiry ON nonces (expires_at);

CREATE TABLE status_lists (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  -- stable URL segment: /t/<tenant>/status/<list_number>
  list_number     integer NOT NULL CHECK (list_number > 0),
  bits            smallint NOT NULL CHECK (bits IN (1, 2, 4, 8)),
  size            integer NOT NULL CHECK (size > 0),
  allocated       integer NOT NULL DEFAULT 0,
  -- bumped on every status change; the token below is current when signed_version = version
  version         bigint NOT NULL DEFAULT 0,
  token           text,
  signed_version  bigint,
  signed_at       timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, list_number),
  CHECK (allocated BETWEEN 0 AND size)
);

CREATE TABLE issued_credentials (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES tenants (id),
  award_id              uuid NOT NULL REFERENCES awards (id),
  offer_id              uuid REFERENCES credential_offers (id),
  signing_key_id        uuid NOT NULL REFERENCES signing_keys (id),
  status_list_id        uuid NOT NULL REFERENCES status_lists (id),
  status_index          integer NOT NULL CHECK (status_index >= 0),
  -- 0 valid, 1 invalid (revoked: final), 2 suspended
  status                smallint NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
  status_reason         text,
  status_changed_at     timestamptz,
  -- RFC 7638 thumbprint of the holder key (cnf)
  holder_key_thumbprint text,
  -- SHA-256 of the issuer-signed JWT, to find a credential without storing it
  credential_hash       bytea CHECK (octet_length(credential_hash) = 32),
  issued_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (status_list_id, status_index)
);
CREATE INDEX issued_credentials_award ON issued_credentials (award_id);

CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  tenant_id   uuid REFERENCES tenants (id),
  -- who: an API key (actor_id = its id) or a system administrator (actor_id = OS user)
  actor_type  text NOT NULL CHECK (actor_type IN ('api_key', 'admin', 'system')),
  actor_id    text NOT NULL,
  action      text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  subject     text,
  reason      text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
