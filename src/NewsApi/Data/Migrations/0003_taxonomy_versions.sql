-- Sections, tags, authors and sources get a version like articles: their ETag, checked by If-Match on
-- every update and delete so two editors renaming the same section cannot lose one another's change.
ALTER TABLE sections ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tags ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE authors ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sources ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
