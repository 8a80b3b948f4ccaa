-- akhbar schema version 1: articles, stories, events, rejections, runs.
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    external_id   TEXT,
    source        TEXT NOT NULL,
    url           TEXT,
    published     TEXT,              -- ISO 8601, UTC
    seen          TEXT NOT NULL,     -- when akhbar stored it (ISO 8601, UTC)
    title         TEXT NOT NULL,
    text          TEXT NOT NULL,     -- cleaned body: every offset points into this
    raw_text      TEXT NOT NULL,     -- body as read
    author        TEXT,
    dateline      TEXT,
    language      TEXT,
    origin        TEXT NOT NULL,     -- file:line or archive:member#index
    removed       TEXT NOT NULL DEFAULT '[]',   -- JSON [[text, reason], ...]
    spans         TEXT NOT NULL DEFAULT '[]',   -- JSON [[start, end, label], ...]
    flags         TEXT NOT NULL DEFAULT '[]',   -- JSON [flag, ...]
    extra         TEXT NOT NULL DEFAULT '[]',   -- JSON [[key, json], ...]
    story_id      TEXT,
    event_id      TEXT,
    score         REAL
);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_event ON articles (event_id);
CREATE INDEX articles_unclustered ON articles (published, id) WHERE story_id IS NULL;
CREATE INDEX articles_time ON articles (published);
CREATE INDEX articles_external ON articles (external_id);

CREATE TABLE stories (
    id               TEXT PRIMARY KEY,
    title            TEXT NOT NULL,
    first_published  TEXT,
    last_published   TEXT,
    last_seen        TEXT NOT NULL,
    article_count    INTEGER NOT NULL,
    sources          TEXT NOT NULL       -- JSON [outlet, ...], sorted
);
CREATE INDEX stories_recent ON stories (last_published);

CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    story_id         TEXT NOT NULL,
    title            TEXT NOT NULL,
    first_published  TEXT,
    last_published   TEXT,
    article_count    INTEGER NOT NULL
);
CREATE INDEX events_story ON events (story_id);

CREATE TABLE runs (
    id               INTEGER PRIMARY KEY,
    command          TEXT NOT NULL,
    started          TEXT NOT NULL,
    finished         TEXT,
    read             INTEGER NOT NULL DEFAULT 0,
    stored           INTEGER NOT NULL DEFAULT 0,
    already_present  INTEGER NOT NULL DEFAULT 0,
    rejected         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE rejections (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER REFERENCES runs (id),
    record_id  TEXT NOT NULL,
    origin     TEXT NOT NULL,
    stage      TEXT NOT NULL,
    reason     TEXT NOT NULL
);
CREATE INDEX rejections_run ON rejections (run_id);
