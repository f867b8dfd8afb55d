-- The partner change feed (Syndication/ChangeLogRepository). One row per change a syndication partner applies,
-- written in the transaction of the write that made it. SQLite has one writer, so insert order is commit order;
-- AUTOINCREMENT never hands out a seq twice, so a partner's cursor never comes to mean another change.
CREATE TABLE syndication_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL,   -- no foreign key: the delete of an article outlives it
    type       TEXT NOT NULL CHECK (type IN ('upsert', 'delete')),
    at         TEXT NOT NULL,
    document   TEXT               -- upsert: the ninjs document as it was at that version; delete: NULL
);

-- What the feed has told partners they hold: each article whose last change was an upsert, with a hash of that
-- document. A write compares "syndicated before" (a row here) with "syndicatable after" (the row as written), so
-- the feed stays right across changes no write makes (an embargo ending) and articles written before this table.
-- refresh > 0: the document shows something another write changed (a curated related story came or went, a
-- section or tag was renamed); the scheduler's pass writes it again.
CREATE TABLE syndicated_articles (
    article_id INTEGER PRIMARY KEY, -- no foreign key: deleting the article must leave this for the delete entry
    version    INTEGER NOT NULL,
    hash       BLOB NOT NULL,
    refresh    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX syndicated_articles_refresh ON syndicated_articles(article_id) WHERE refresh > 0;

