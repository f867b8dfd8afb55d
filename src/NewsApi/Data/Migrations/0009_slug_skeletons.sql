-- The UTS #39 confusable skeleton of each slug (Text/Confusables.cs): a new slug whose skeleton equals a stored one's,
-- and is not that slug, could pass for it (all-Cyrillic реасе beside Latin peace) and is refused or suffixed. SQLite
-- knows no confusables, so the skeletons are worked out in C#: every write sets them, and start-up fills in the
-- NULLs this migration leaves on existing rows, and works all of them out again when the table's version changes
-- (ArticleRepository and TaxonomyRepository.EnsureSlugSkeletonsAsync; settings 'article_slug_skeletons' and
-- 'taxonomy_slug_skeletons' hold the version). Authors and sources have none yet: only editors and imports add them.
ALTER TABLE articles ADD COLUMN slug_skeleton TEXT;
ALTER TABLE article_old_slugs ADD COLUMN slug_skeleton TEXT;
ALTER TABLE sections ADD COLUMN slug_skeleton TEXT;
ALTER TABLE tags ADD COLUMN slug_skeleton TEXT;

-- With the slug in the index, the look-alike check reads no table row: an article's row carries its body, and the
-- new column sits after it.
CREATE INDEX articles_slug_skeleton ON articles(slug_skeleton, slug);
CREATE INDEX article_old_slugs_skeleton ON article_old_slugs(slug_skeleton, article_id);
CREATE INDEX sections_slug_skeleton ON sections(slug_skeleton, slug);
CREATE INDEX tags_slug_skeleton ON tags(slug_skeleton, slug);

-- Skeletons written from here on are those of the table as it is with this migration (Confusables.Version then), so
-- start-up only fills in the NULLs above, however many rows a bulk load adds before the service first starts. A later
-- table version differs from this one, and start-up then works every skeleton out again.
INSERT INTO settings (name, value) VALUES ('article_slug_skeletons', 'unicode-13.0.0/slug-1'), ('taxonomy_slug_skeletons', 'unicode-13.0.0/slug-1')
    ON CONFLICT (name) DO UPDATE SET value = excluded.value;
