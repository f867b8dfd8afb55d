-- Webhook subscriptions (Webhooks/). The secret is kept as given out (whsec_ + base64): signing needs it, so it
-- cannot be hashed like an API key. After a rotation the previous secret signs beside the new one until
-- previous_secret_until.
CREATE TABLE webhooks (
    id                    INTEGER PRIMARY KEY,
    url                   TEXT NOT NULL,
    events                TEXT NOT NULL,             -- space-separated event names, or *
    description           TEXT,
    secret                TEXT NOT NULL,
    previous_secret       TEXT,
    previous_secret_until TEXT,
    active                INTEGER NOT NULL DEFAULT 1,
    disabled_reason       TEXT,                      -- why the dispatcher turned it off (410 Gone, five days failing)
    failing_since         TEXT,                      -- first failure since the last success
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);

-- The webhook outbox: one row per event per subscription, written in the transaction of the change that causes
-- it, so an event commits or rolls back with its change and survives restarts. Rows go out oldest first per
-- subscription; a delivered or failed row stays for the delivery log and for redelivery.
CREATE TABLE webhook_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id        TEXT NOT NULL,                   -- webhook-id: the same on every attempt
    type            TEXT NOT NULL,
    payload         TEXT NOT NULL,                   -- the body, exactly as signed
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,      -- in this round (a redelivery starts a new one)
    state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    next_attempt_at TEXT,                            -- when pending
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_outbox_pending ON webhook_outbox(webhook_id, id) WHERE state = 'pending';

-- Every attempt, for GET /v1/admin/webhooks/{id}/deliveries (newest first).
CREATE TABLE webhook_attempts (
    id              INTEGER PRIMARY KEY,
    outbox_id       INTEGER NOT NULL REFERENCES webhook_outbox(id) ON DELETE CASCADE,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    attempt         INTEGER NOT NULL,
    at              TEXT NOT NULL,
    status_code     INTEGER,
    duration_ms     INTEGER NOT NULL,
    error           TEXT,
    next_attempt_at TEXT
);
CREATE INDEX webhook_attempts_by_webhook ON webhook_attempts(webhook_id, id);
CREATE INDEX webhook_attempts_by_outbox ON webhook_attempts(outbox_id);

-- What receivers were told is public, at which version: a write compares it with the article as saved to tell
-- published from updated from unpublished, and the scheduler's pass finds embargoes that ended (public, not
-- here) the same way. Kept whether or not anyone subscribes, so a new subscriber hears "updated", not
-- "published", for a story that was already public.
CREATE TABLE webhook_public_articles (
    article_id INTEGER PRIMARY KEY,                  -- no foreign key: the delete's event needs it after the article is gone
    version    INTEGER NOT NULL
) WITHOUT ROWID;

-- Everything public at upgrade is what receivers are taken to know: a subscriber added later hears "updated"
-- for these, not "published" (the scheduler's start-up pass would otherwise announce them, a thousand a pass).
INSERT INTO webhook_public_articles (article_id, version)
SELECT id, version FROM articles
WHERE status = 'published' AND published_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  AND (embargo_until IS NULL OR embargo_until <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
