-- Where each projection partition has read the event stream up to, so a restarted projector
-- resumes from its last checkpoint instead of replaying everything.
CREATE TABLE projection_checkpoints (
    partition integer PRIMARY KEY,
    entry_id text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
