-- Cache purges not yet acknowledged by every cache in Cache:PurgeUrls. A row is written in the transaction of
-- the write that makes it necessary (so it commits or rolls back with it) and deleted once every cache answered
-- 2xx; until then it survives restarts and is retried with backoff (Caching/PurgeSender).
CREATE TABLE purge_outbox (
    id              INTEGER PRIMARY KEY,
    keys            TEXT NOT NULL,               -- Surrogate-Keys (Http/CacheTags), space-separated ASCII
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL
);
CREATE INDEX purge_outbox_due ON purge_outbox(next_attempt_at);
