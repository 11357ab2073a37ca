-- leerbewijs issuer: awarding, OpenID4VCI and status lists.

-- Free indexes of each status list, in random order: pos is the allocation order, idx a random
-- permutation of 0..size-1. Allocation deletes the row with the lowest pos using
-- FOR UPDATE SKIP LOCKED, so several issuer instances on one database never hand out the same index
-- and never wait for each other; the unique (status_list_id, status_index) on issued_credentials is
-- the last line of defence.
CREATE TABLE status_list_free (
  status_list_id uuid NOT NULL REFERENCES status_lists (id),
  pos            integer NOT NULL CHECK (pos >= 0),
  idx            integer NOT NULL CHECK (idx >= 0),
  PRIMARY KEY (status_list_id, pos)
);

-- One credential per offer: the access token can be redeemed at the credential endpoint once.
CREATE UNIQUE INDEX issued_credentials_one_per_offer ON issued_credentials (offer_id);
CREATE INDEX issued_credentials_tenant ON issued_credentials (tenant_id, issued_at);
CREATE INDEX issued_credentials_status ON issued_credentials (status_list_id) WHERE status <> 0;

-- Awards can be withdrawn before or after the learner collected them.
ALTER TABLE awards ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE awards ADD COLUMN withdrawn_reason text;

-- Search by learner name or student id.
CREATE INDEX awards_tenant_family_name ON awards (tenant_id, lower(claims #>> '{learner,family_name}'));
