-- Times are TEXT in UTC, fixed format yyyy-MM-ddTHH:mm:ss.fffffffZ, so text order is time order.

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT,
    parent_id   INTEGER REFERENCES sections(id) ON DELETE RESTRICT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX sections_parent ON sections(parent_id);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE authors (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT,
    url         TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin','editor','author','partner','reader')),
    author_id    INTEGER REFERENCES authors(id) ON DELETE SET NULL,
    key_prefix   TEXT NOT NULL,
    key_hash     BLOB NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

CREATE TABLE articles (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: previews, feeds and caches name articles by id
    slug                 TEXT NOT NULL UNIQUE,
    headline             TEXT NOT NULL,
    subheadline          TEXT,
    excerpt              TEXT NOT NULL,
    custom_excerpt       TEXT,
    dateline             TEXT,
    section_id           INTEGER NOT NULL REFERENCES sections(id) ON DELETE RESTRICT,
    source_id            INTEGER REFERENCES sources(id) ON DELETE RESTRICT,
    language             TEXT NOT NULL DEFAULT 'hi',
    image_url            TEXT,
    image_alt            TEXT,
    image_caption        TEXT,
    image_credit         TEXT,
    image_width          INTEGER,
    image_height         INTEGER,
    status               TEXT NOT NULL CHECK (status IN ('draft','scheduled','published','archived')),
    published_at         TEXT,
    embargo_until        TEXT,
    canonical_url        TEXT,
    reading_time_minutes INTEGER NOT NULL,
    syndication_allowed  INTEGER NOT NULL DEFAULT 1,
    owner_author_id      INTEGER REFERENCES authors(id) ON DELETE SET NULL,
    owner_key_id         INTEGER REFERENCES api_keys(id) ON DELETE SET NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    -- Last: a row longer than a page spills into overflow pages, and reading a column after the
    -- body would walk them; lists and teasers read only the columns above.
    body_html            TEXT NOT NULL,
    body_text            TEXT NOT NULL
);
CREATE INDEX articles_feed ON articles(status, published_at DESC, id DESC);
CREATE INDEX articles_section_feed ON articles(section_id, status, published_at DESC, id DESC);
CREATE INDEX articles_source ON articles(source_id);
CREATE INDEX articles_scheduled ON articles(published_at) WHERE status = 'scheduled';

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE RESTRICT,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id, article_id);

CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES authors(id) ON DELETE RESTRICT,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, author_id)
) WITHOUT ROWID;
CREATE INDEX article_authors_author ON article_authors(author_id, article_id);

-- Slugs an article answered to before; the content API redirects them (301) to the current slug.
CREATE TABLE article_old_slugs (
    slug       TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    retired_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_old_slugs_article ON article_old_slugs(article_id);

-- Editor-curated related stories, in the editor's order.
CREATE TABLE article_related (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, related_id),
    CHECK (article_id <> related_id)
) WITHOUT ROWID;

CREATE TABLE article_revisions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    snapshot   TEXT NOT NULL,
    PRIMARY KEY (article_id, number)
) WITHOUT ROWID;

-- Process-wide secrets (cursor and preview-token signing) that must survive restarts.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
