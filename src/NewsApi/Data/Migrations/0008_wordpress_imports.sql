-- WordPress (WXR) imports: the jobs POST /v1/admin/imports starts, where each imported article came from, and the
-- old WordPress URLs GET /v1/redirects answers for.

-- One row per HTTP import. A row still 'running' when the service starts belongs to a process that stopped
-- mid-import: the worker marks it failed (importing again is safe, imports are idempotent).
CREATE TABLE imports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    dry_run      INTEGER NOT NULL DEFAULT 0,
    processed    INTEGER NOT NULL DEFAULT 0,
    created      INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    errors       TEXT NOT NULL DEFAULT '[]',  -- JSON array of messages
    summary      TEXT,                        -- JSON: skip reasons, taxonomy and image counts, once finished
    created_by   TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT
);

-- The WordPress post an article was imported from. No foreign key: an article deleted in NewsApi keeps its row, so
-- importing the same export again reports it instead of bringing it back.
CREATE TABLE article_origins (
    article_id       INTEGER PRIMARY KEY,
    site             TEXT NOT NULL,     -- the export's wp:base_site_url (or channel link)
    post_id          INTEGER NOT NULL,  -- wp:post_id
    imported_version INTEGER NOT NULL,  -- the article version the import last wrote
    item_hash        TEXT NOT NULL,     -- of the mapped item: a re-import writes only when it changed
    imported_at      TEXT NOT NULL,
    UNIQUE (site, post_id)
);

-- Old WordPress addresses (an item's link and guid), decoded and NFC, without a trailing slash, with their query.
CREATE TABLE article_legacy_urls (
    path       TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX article_legacy_urls_article ON article_legacy_urls(article_id);
