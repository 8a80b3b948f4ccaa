-- akhbar schema version 3: full-text search and read-side indexes for the API and web.
-- (Version 2 is reserved for another change; migrations apply in number order, each once.)
--
-- search_index holds, for every article, the match keys of its title and body tokens (akhbar's own
-- analysis: normalized, clitic-stripped, spelling variants unified; see akhbar.search). FTS5 only
-- splits that shadow on spaces, so its tokenizer must not fold anything further. It is contentless:
-- the shadow is rebuilt from the article, never shown. A trigger cannot run Python, so the store
-- fills it from Python (Store.index_search); rows added before this migration, or by code that does
-- not index, are picked up by Store.index_pending_search, which the search service runs first.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title,
    body,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);

-- One row per indexed article; its rowid is the search_index rowid (articles has a TEXT key, and
-- an implicit rowid may change on VACUUM, so the FTS rows are tied to this table instead).
CREATE TABLE search_docs (
    rowid       INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL UNIQUE,
    time        TEXT               -- coalesce(published, seen), for recency ranking
);
CREATE INDEX search_docs_time ON search_docs (time);

-- key/value facts about the index: 'analyzer' is the fingerprint of the analysis it was built with.
CREATE TABLE search_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Read side: stories of one outlet, stories by size, and newest-first listing without a sort.
CREATE INDEX articles_source_story ON articles (source, story_id);
CREATE INDEX stories_size ON stories (article_count);
CREATE INDEX stories_newest ON stories (coalesce(last_published, last_seen));
