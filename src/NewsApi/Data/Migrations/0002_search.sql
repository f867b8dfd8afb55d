-- Full-text index of what the public may see. Text is normalised by Search/SearchText.Normalize
-- (NFC, case-folded, joiners removed) before it gets here. The tokenizer keeps vowel signs, viramas,
-- anusvara and nukta inside their word (the default splits Devanagari at every vowel sign).
-- roman_* hold phonetic keys (Search/Romanizer) so romanised queries find Devanagari words.
-- published_at (not indexed, first so reading it never walks a long row's overflow pages) lets an
-- unfiltered search order its matches without joining articles.
CREATE VIRTUAL TABLE article_search USING fts5(
    published_at UNINDEXED, headline, excerpt, body, roman_headline, roman_text,
    tokenize = "unicode61 categories 'L* N* Co M*'"
);

-- Headline weighs most, then excerpt, then body; the same order for the phonetic keys.
INSERT INTO article_search (article_search, rank) VALUES ('rank', 'bm25(0.0, 10.0, 4.0, 1.0, 10.0, 2.0)');

-- Document frequencies per term, for picking an article's most distinctive words (related stories).
CREATE VIRTUAL TABLE article_search_terms USING fts5vocab(article_search, row);

CREATE INDEX articles_embargo ON articles(embargo_until) WHERE embargo_until IS NOT NULL;
