-- akhbar schema version 2: duplicates, entity mentions, quotes.
ALTER TABLE articles ADD COLUMN duplicate_of TEXT;          -- id of the earliest article this copies
ALTER TABLE articles ADD COLUMN duplicate_similarity REAL;  -- 1.0 for exact copies
ALTER TABLE articles ADD COLUMN agency TEXT;                -- wire agency the text credits
CREATE INDEX articles_duplicate ON articles (duplicate_of);

CREATE TABLE mentions (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,   -- offsets into articles.text
    end         INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    kind        TEXT NOT NULL,      -- PERS, LOC, ORG, MISC
    entity_id   TEXT,
    PRIMARY KEY (article_id, start, end)
);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE entities (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    variants  TEXT NOT NULL DEFAULT '[]',   -- JSON [surface, ...]
    roles     TEXT NOT NULL DEFAULT '[]'    -- JSON [role, ...]
);

CREATE TABLE quotes (
    article_id         TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start              INTEGER NOT NULL,  -- offsets of the quoted content in articles.text
    end                INTEGER NOT NULL,
    kind               TEXT NOT NULL,     -- direct, indirect
    speaker            TEXT,
    speaker_entity_id  TEXT,
    channel            TEXT,
    group_id           TEXT,              -- the same statement carried by several articles
    PRIMARY KEY (article_id, start, end, kind)
);
CREATE INDEX quotes_group ON quotes (group_id);
