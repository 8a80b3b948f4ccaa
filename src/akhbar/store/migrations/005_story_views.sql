-- akhbar schema version 5: each story's page, worked out when the story changes.
--
-- story_views and story_view_quotes: what a story page needs that is costly to compute on every
-- read (its quotes grouped across outlets with each wording's differences, its entities with their
-- mention counts), as JSON written by akhbar.service.build_story_views after clustering and linking. A story page is
-- then reads and rendering only. A story without a row here is worked out on the fly (a database
-- from before this version, or a write not yet followed by a rebuild), so a missing row is never
-- wrong, only slower.
--
-- The triggers delete a story's view whenever something it was built from changes, whatever code
-- does the write: an article joins or leaves the story, a quote is added, regrouped or given a
-- speaker entity, a mention is added or linked. So a stored view is never stale.
CREATE TABLE story_views (
    story_id  TEXT PRIMARY KEY,
    payload   TEXT NOT NULL  -- format, entity counts, how many quote groups of each kind
) WITHOUT ROWID;

-- The story's quote groups in the order a page shows them (carried by more outlets first), one row
-- each, so a page that shows the first few reads only those.
CREATE TABLE story_view_quotes (
    story_id  TEXT NOT NULL REFERENCES story_views (story_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    shared    INTEGER NOT NULL,  -- 1 when more than one outlet carries the statement
    payload   TEXT NOT NULL,
    PRIMARY KEY (story_id, position)
) WITHOUT ROWID;
CREATE INDEX story_view_quotes_shared ON story_view_quotes (story_id, shared, position);

CREATE TRIGGER story_views_article_moved AFTER UPDATE OF story_id ON articles
WHEN OLD.story_id IS NOT NEW.story_id
BEGIN
    DELETE FROM story_views WHERE story_id IN (OLD.story_id, NEW.story_id);
END;

CREATE TRIGGER story_views_story_deleted AFTER DELETE ON stories
BEGIN
    DELETE FROM story_views WHERE story_id = OLD.id;
END;

CREATE TRIGGER story_views_quote_added AFTER INSERT ON quotes
BEGIN
    DELETE FROM story_views WHERE story_id = (SELECT story_id FROM articles WHERE id = NEW.article_id);
END;

CREATE TRIGGER story_views_quote_changed AFTER UPDATE OF group_id, speaker_entity_id, speaker, channel, start, end, kind ON quotes
BEGIN
    DELETE FROM story_views WHERE story_id = (SELECT story_id FROM articles WHERE id = NEW.article_id);
END;

CREATE TRIGGER story_views_quote_deleted AFTER DELETE ON quotes
BEGIN
    DELETE FROM story_views WHERE story_id = (SELECT story_id FROM articles WHERE id = OLD.article_id);
END;

CREATE TRIGGER story_views_mention_added AFTER INSERT ON mentions
BEGIN
    DELETE FROM story_views WHERE story_id = (SELECT story_id FROM articles WHERE id = NEW.article_id);
END;

CREATE TRIGGER story_views_mention_linked AFTER UPDATE OF entity_id ON mentions
WHEN OLD.entity_id IS NOT NEW.entity_id
BEGIN
    DELETE FROM story_views WHERE story_id = (SELECT story_id FROM articles WHERE id = NEW.article_id);
END;

CREATE TRIGGER story_views_mention_deleted AFTER DELETE ON mentions
BEGIN
    DELETE FROM story_views WHERE story_id = (SELECT story_id FROM articles WHERE id = OLD.article_id);
END;
