/* store/schema.c -- the database schema as a list of forward migrations.
 *
 * To add tables for a later stage: append a step with the next version
 * number at the END of the list (never edit or reorder a shipped step; a
 * database remembers which steps it has in PRAGMA user_version). kb_store_open
 * applies every pending step in order, in one transaction.
 *
 * articles keeps small columns first and the body last: SQLite reads a
 * record's columns in order, so filters on source/published never touch the
 * overflow pages of a long text. Lists (tags, related, warnings) are JSON
 * arrays. key is the identity used for revisions: "u:" URL "#" part, or
 * "i:" input "#" part for articles without URL (NULL for stdin).
 *
 * articles_fts is an external-content index of articles. Since step 4 it is
 * written by kb_store_put_article itself (step 2's triggers made every
 * insert a statement transaction, and FTS5 flushes at every savepoint):
 * change articles only through kb_store, or run kb_store_reindex after. */
#include "store/store_int.h"

static const kb_migration migrations[] = {
    { 1, "articles, revisions, meta",
      "CREATE TABLE articles ("
      "  rid INTEGER PRIMARY KEY,"
      "  id TEXT NOT NULL UNIQUE,"
      "  key TEXT,"
      "  role INTEGER NOT NULL DEFAULT 0,"
      "  part INTEGER NOT NULL DEFAULT 0,"
      "  parent TEXT,"
      "  published TEXT,"
      "  updated TEXT,"
      "  date_source TEXT,"
      "  source TEXT,"
      "  dateline TEXT,"
      "  author TEXT,"
      "  lang TEXT,"
      "  crawl_date TEXT,"
      "  stored_at TEXT NOT NULL,"
      "  input TEXT,"
      "  url TEXT,"
      "  canonical TEXT,"
      "  title TEXT,"
      "  tags TEXT NOT NULL DEFAULT '[]',"
      "  warnings TEXT NOT NULL DEFAULT '[]',"
      "  related TEXT NOT NULL DEFAULT '[]',"
      "  text TEXT"
      ");"
      "CREATE INDEX articles_key ON articles(key);"
      "CREATE INDEX articles_published ON articles(published);"
      "CREATE INDEX articles_source ON articles(source, published);"
      "CREATE INDEX articles_parent ON articles(parent);"
      "CREATE TABLE revisions ("
      "  key TEXT,"
      "  old_id TEXT NOT NULL,"
      "  new_id TEXT NOT NULL,"
      "  revised_at TEXT NOT NULL"
      ");"
      "CREATE INDEX revisions_new ON revisions(new_id);"
      "CREATE INDEX revisions_old ON revisions(old_id);"
      "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;",
      NULL },
    { 2, "full-text index with the khabar tokenizer",
      "CREATE VIRTUAL TABLE articles_fts USING fts5("
      "  title, tags, text,"
      "  content='articles', content_rowid='rid', tokenize='khabar');"
      "INSERT INTO articles_fts(articles_fts, rank) VALUES('rank', 'bm25(5.0, 2.0, 1.0)');"
      "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
      "  INSERT INTO articles_fts(rowid, title, tags, text)"
      "    VALUES (new.rid, new.title, new.tags, new.text);"
      "END;"
      "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
      "  INSERT INTO articles_fts(articles_fts, rowid, title, tags, text)"
      "    VALUES ('delete', old.rid, old.title, old.tags, old.text);"
      "END;"
      "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, tags, text ON articles BEGIN"
      "  INSERT INTO articles_fts(articles_fts, rowid, title, tags, text)"
      "    VALUES ('delete', old.rid, old.title, old.tags, old.text);"
      "  INSERT INTO articles_fts(rowid, title, tags, text)"
      "    VALUES (new.rid, new.title, new.tags, new.text);"
      "END;"
      "CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');"
      "INSERT INTO meta(k, v) VALUES ('fts_analysis', '1');",
      NULL },
    { 3, "stories and their articles (stories.c)",
      "CREATE TABLE stories ("
      "  id TEXT PRIMARY KEY,"
      "  headline TEXT,"
      "  first TEXT,"
      "  last TEXT,"
      "  articles INTEGER NOT NULL,"
      "  originals INTEGER NOT NULL,"
      "  sources_json TEXT NOT NULL,"
      "  json TEXT NOT NULL"
      ");"
      "CREATE INDEX stories_last ON stories(last);"
      "CREATE TABLE story_articles ("
      "  article_id TEXT PRIMARY KEY,"
      "  story_id TEXT NOT NULL,"
      "  dup_of TEXT,"
      "  source TEXT"
      ");"
      "CREATE INDEX story_articles_story ON story_articles(story_id);",
      NULL },
    { 4, "the index is written by kb_store_put_article, not by triggers",
      "DROP TRIGGER articles_fts_ai; DROP TRIGGER articles_fts_ad; DROP TRIGGER articles_fts_au;",
      NULL },
    { 5, "stories listed by latest activity from an index, not a sort",
      "CREATE INDEX stories_activity ON stories(coalesce(last, first) DESC, originals DESC, id);"
      "CREATE INDEX stories_originals ON stories(originals);",
      NULL },
};

const kb_migration *kb_store_migrations(size_t *n)
{
    *n = sizeof migrations / sizeof *migrations;
    return migrations;
}
