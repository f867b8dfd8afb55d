-- Links written before they were stored re-serialised (image and canonical URLs, a source's website) may hold what
-- the editor sent. Editorial/StoredLinkRewrite.cs puts them in their safe form once, at the first start after this
-- migration (SQLite cannot parse URLs), and then deletes this row, so later starts do not scan the articles again.
INSERT INTO settings (name, value) VALUES ('stored_links_rewrite', 'pending') ON CONFLICT (name) DO NOTHING;
