-- akhbar schema version 4: entity linking's read and write side.
--
-- entity_names: every key an entity can be found by (akhbar.stages.link.lookup_keys of its name and
-- variants: normalized, without the article, spelling variants unified), so a lookup by name
-- ("الكاظمى", "بايدن") is an index probe instead of a scan that normalizes every entity.
CREATE TABLE entity_names (
    key        TEXT NOT NULL,
    entity_id  TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_names_entity ON entity_names (entity_id);

-- Mentions still waiting for the linker (few at any time: a small partial index).
CREATE INDEX mentions_unlinked ON mentions (article_id) WHERE entity_id IS NULL;
