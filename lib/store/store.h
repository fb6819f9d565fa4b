/* store/store.h -- the store stage: articles in SQLite with a full-text index
 * (FTS5 and khabar's own Arabic analysis), search, "similar articles".
 * Used by the CLI (ingest, search, similar, show), the server, and by later
 * work that adds tables (through migrations, schema.c) and reacts to stored
 * articles (through hooks, kb_store_add_hook).
 *
 * Tables (schema.c has the full definition):
 *   articles      one row per distinct article (id = content hash), all the
 *                 fields of kb_article; rid is the rowid the index is keyed by
 *   revisions     old id -> new id when a known URL/input changed content
 *   articles_fts  FTS5, external content (title, tags, text of articles),
 *                 tokenizer "khabar" (normalise + light stem), written by
 *                 kb_store_put_article (so write articles only through it)
 *   articles_vocab  fts5vocab 'row' over articles_fts: document frequencies
 *
 * Concurrency: WAL; one writer at a time (others wait up to 5 s); readers
 * never block. A kb_store is one connection: use it from one thread. */
#ifndef KB_STORE_H
#define KB_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "khabar.h"

/* ------------------------------------------------------------ open/close */

typedef struct kb_store kb_store;

enum {
    KB_STORE_CREATE = 1 << 0,   /* create the database file when missing */
    KB_STORE_MEMORY = 1 << 1,   /* path ignored: a private in-memory database */
};

/* Open (and with KB_STORE_CREATE create) the database at path, register the
 * khabar tokenizer, switch to WAL and apply pending migrations. Returns the
 * store, or NULL with a message for a person in err (errcap bytes): missing
 * file without KB_STORE_CREATE, not a database, written by a newer khabar,
 * I/O error. Close with kb_store_close. */
kb_store *kb_store_open(const char *path, int flags, char *err, size_t errcap);
/* Close; a transaction still open is rolled back. NULL is fine. */
void kb_store_close(kb_store *s);

/* The underlying connection, for stages that keep their own tables. Do not
 * close it. */
sqlite3 *kb_store_db(kb_store *s);
/* The last database error message (a static string when there is none). */
const char *kb_store_errmsg(kb_store *s);
/* Schema version (PRAGMA user_version) after migrations. */
int kb_store_schema_version(kb_store *s);

/* ------------------------------------------------------------ migrations */

/* One forward step of the schema. Steps are applied in version order, all
 * pending steps in one transaction; PRAGMA user_version records the last
 * one. Append new steps at the end of the list in schema.c (version = last
 * + 1); never change a step that has shipped. sql runs first (may be NULL),
 * then fn (may be NULL; returns KB_OK or a KB_E* code). */
typedef struct kb_migration {
    int version;
    const char *name;
    const char *sql;
    int (*fn)(sqlite3 *db);
} kb_migration;

/* The migration list and its length (schema.c). */
const kb_migration *kb_store_migrations(size_t *n);

/* ------------------------------------------------------------ writing */

/* Group writes: everything between begin and commit is applied atomically
 * (a crash loses the open transaction only). begin fails with KB_EDB when
 * another writer holds the database for more than 5 s. KB_OK or KB_EDB. */
int kb_store_begin(kb_store *s);
int kb_store_commit(kb_store *s);
int kb_store_rollback(kb_store *s);

typedef enum {
    KB_PUT_NEW = 1,        /* a new article was stored */
    KB_PUT_UNCHANGED = 2,  /* an article with this id is already stored */
    KB_PUT_REVISED = 3,    /* its URL (or input+part) held other content: replaced */
} kb_put_status;

typedef struct kb_put_result {
    kb_put_status status;
    int64_t rid;           /* row id of the stored article */
    char old_id[17];       /* KB_PUT_REVISED: the id it replaced */
} kb_put_result;

/* Store one article (all fields). Idempotent by a->id: an id already stored
 * is KB_PUT_UNCHANGED. When the article's key -- its URL and part, or for
 * articles without URL its input and part (not for stdin) -- is known with
 * another id, the stored row is replaced, a revision recorded, and embedded
 * articles pointing at the old id re-pointed. Hooks run after the write, in
 * the same transaction. Works inside or outside kb_store_begin (outside it,
 * each call is its own transaction). KB_OK, KB_EINVAL (no id), KB_ENOMEM,
 * KB_EDB, or the first error a hook returned. */
int kb_store_put_article(kb_store *s, const kb_article *a, kb_put_result *res);

/* A hook: called after every kb_store_put_article (any status), inside the
 * writer's transaction. Return KB_OK, or a KB_E* code to fail the put.
 * Hooks that write should use plain single-row statements: a statement
 * that needs a statement journal (triggers, multi-row writes that may fail
 * half way) makes FTS5 flush its pending index data at every article. */
typedef int (*kb_store_hook)(kb_store *s, const kb_article *a,
                             const kb_put_result *res, void *ud);
/* Add a hook (at most 16). KB_OK or KB_EINVAL when full. */
int kb_store_add_hook(kb_store *s, kb_store_hook fn, void *ud);

/* ------------------------------------------------------------ reading */

/* Resolve a full id or a unique prefix of at least 6 hex digits (any case)
 * to the stored id. KB_OK, KB_EINVAL (not hex, too short, or ambiguous --
 * then *ambiguous is set when given), KB_ENOTFOUND, KB_EDB. */
int kb_store_resolve_id(kb_store *s, const char *prefix, char id[17], int *ambiguous);

/* Load a stored article (id or unique prefix) into a new kb_article owned by
 * the caller (kb_article_free). KB_OK, KB_EINVAL, KB_ENOTFOUND, KB_ENOMEM,
 * KB_EDB. */
int kb_store_get_article(kb_store *s, const char *id, kb_article **out);
/* The same by row id. */
int kb_store_get_article_rid(kb_store *s, int64_t rid, kb_article **out);

/* Number of stored articles (*n), KB_OK or KB_EDB. */
int kb_store_count(kb_store *s, int64_t *n);

/* What kb_store_each visits. Unset fields do not filter. */
typedef struct kb_store_filter {
    const char *source;    /* exact source name */
    const char *since;     /* published on or after this day (YYYY-MM-DD) */
    const char *until;     /* published on or before this day */
    int main_only;         /* skip embedded articles */
    int newest_first;      /* default: oldest first; undated articles last */
    size_t limit;          /* 0 = all */
} kb_store_filter;

/* Visit stored articles ordered by publication date (then row id). fn gets
 * a loaded article (freed after it returns) and its row id; a non-zero
 * return stops the walk and is returned. KB_OK, KB_EINVAL (bad date),
 * KB_ENOMEM, KB_EDB. */
int kb_store_each(kb_store *s, const kb_store_filter *f,
                  int (*fn)(const kb_article *a, int64_t rid, void *ud), void *ud);

/* The article as JSON, the shape of kb_article_json plus "stored_at" and
 * "revisions" ([{"old_id", "revised_at"}], oldest first). malloc'd; NULL
 * when out of memory or on a database error. */
char *kb_store_article_json(kb_store *s, const kb_article *a);

/* When the stored version of id was stored (ISO 8601 UTC), into out (32
 * bytes). KB_OK, KB_ENOTFOUND, KB_EDB. */
int kb_store_stored_at(kb_store *s, const char *id, char out[32]);

/* ------------------------------------------------------------ ingest */

typedef struct kb_ingest_stats {
    size_t docs;          /* documents read */
    size_t articles;      /* articles extracted */
    size_t added, unchanged, revised;
    size_t rejected;      /* inputs the reader or extractor rejected */
    size_t warnings;      /* warnings on the articles extracted */
    size_t batches;       /* transactions committed */
} kb_ingest_stats;

typedef struct kb_ingest_opts {
    size_t batch;         /* articles per transaction; 0 = 500 */
    /* Called for each rejected input (for a message); may be NULL. */
    void (*on_reject)(const char *input, int code, const char *message, void *ud);
    /* Called after each committed batch and every ~progress_every documents;
     * may be NULL. */
    void (*on_progress)(const kb_ingest_stats *st, void *ud);
    size_t progress_every; /* 0 = 200 */
    void *ud;
} kb_ingest_opts;

/* Read every document r produces, extract its articles and store them,
 * committing every opts->batch articles, so an interruption loses at most
 * the batch in flight and running the same ingest again completes it.
 * Fills *st (may be NULL). KB_OK (rejected inputs are counted, not errors),
 * KB_ENOMEM, KB_EDB (then the batch in flight is rolled back). */
int kb_store_ingest(kb_store *s, kb_reader *r, const kb_ingest_opts *opts,
                    kb_ingest_stats *st);

/* ------------------------------------------------------------ search */

/* A user query turned into an FTS5 query (query.c). */
typedef struct kb_query_term {
    char *stem;            /* analysed form, as indexed */
    int prefix;            /* matches stems that start with it */
} kb_query_term;

typedef struct kb_query {
    char *fts;             /* FTS5 MATCH expression, safe to bind */
    kb_query_term *terms;  /* positive terms (not under NOT), for highlighting */
    size_t nterms;
} kb_query;

/* Translate a user query. Supported: words (all must match), "phrases",
 * trailing * for prefixes, AND / OR / NOT (upper case), parentheses. Every
 * other character is ordinary text: FTS5 syntax can not leak through.
 * Stopwords outside quotes are dropped. Lenient about an unclosed quote or
 * parenthesis (closed at the end) and stray operators (dropped). Returns
 * KB_OK; KB_EEMPTY when nothing searchable is left (only stopwords or
 * punctuation); KB_EINVAL for a query over 4 KiB or 64 terms, nesting deeper
 * than 32, or NOT with nothing before it; KB_ENOMEM. err gets a message for
 * a person on failure. q is owned by the caller (kb_query_free). */
int kb_query_parse(const char *user, kb_query *q, char *err, size_t errcap);
void kb_query_free(kb_query *q);

typedef struct kb_search_opts {
    size_t limit;          /* 0 = 10 */
    const char *source;    /* exact source, or NULL */
    const char *since;     /* YYYY-MM-DD (or any ISO date), inclusive */
    const char *until;     /* inclusive */
    size_t window;         /* snippet length in tokens; 0 = 30 */
} kb_search_opts;

/* A highlighted span: byte offsets [start, end) into its string. */
typedef struct kb_span {
    size_t start, end;
} kb_span;

typedef struct kb_search_hit {
    char id[17];
    int64_t rid;
    double score;          /* BM25, higher is better */
    char *title, *source, *published;    /* NULL when unknown */
    char *snippet;         /* original spelling, "…" where cut */
    kb_span *hl;           /* matched words in snippet */
    size_t nhl;
    kb_span *title_hl;     /* matched words in title */
    size_t ntitle_hl;
} kb_search_hit;

typedef struct kb_search_result {
    kb_search_hit *v;
    size_t n;
    char *fts;             /* the FTS5 query that ran */
} kb_search_result;

/* Search: BM25 (title 5, tags 2, body 1), filters, snippets. KB_OK (0 hits
 * is KB_OK), the kb_query_parse errors (with err), KB_EINVAL (bad date),
 * KB_ENOMEM, KB_EDB. out is owned by the caller (kb_search_result_free). */
int kb_store_search(kb_store *s, const char *query, const kb_search_opts *o,
                    kb_search_result *out, char *err, size_t errcap);
void kb_search_result_free(kb_search_result *r);

/* A snippet of text around the words whose analysed form matches q's terms:
 * the window of `window` tokens holding the most distinct terms (then most
 * matches), in the original spelling, with "…" where cut and line breaks as
 * " / ". When nothing matches, the opening words. *snippet is malloc'd,
 * *hl malloc'd (may be NULL when *nhl is 0). KB_OK or KB_ENOMEM. */
int kb_snippet(const char *text, size_t len, const kb_query *q, size_t window,
               char **snippet, kb_span **hl, size_t *nhl);

/* ------------------------------------------------------------ similar */

typedef struct kb_similar_opts {
    size_t limit;          /* 0 = 10 */
    size_t candidates;     /* full-text candidates re-ranked; 0 = 200 */
} kb_similar_opts;

typedef struct kb_similar_hit {
    char id[17];
    int64_t rid;
    double score;          /* cosine + entity + date, ranks the list */
    double cosine;         /* TF-IDF cosine of the stems (title, lead weighted) */
    double entity;         /* bonus for shared names */
    double date;           /* bonus for closeness in time */
    int duplicate;         /* (near-)identical text: a copy, listed apart */
    char *title, *source, *published;
} kb_similar_hit;

typedef struct kb_similar_result {
    kb_similar_hit *v;     /* best first; duplicates excluded */
    size_t n;
    kb_similar_hit *dups;  /* copies of the article */
    size_t ndups;
} kb_similar_result;

/* The stored articles most like a (stored or not): candidates from an
 * OR-query of a's most distinctive stems, re-ranked by TF-IDF cosine plus
 * bonuses for shared names and a close publication date. Excludes a itself
 * (same id). KB_OK, KB_ENOMEM, KB_EDB. out is owned by the caller
 * (kb_similar_result_free). */
int kb_store_similar(kb_store *s, const kb_article *a, const kb_similar_opts *o,
                     kb_similar_result *out);
void kb_similar_result_free(kb_similar_result *r);

/* ------------------------------------------------------------ maintenance */

/* Rebuild the full-text index from the articles table (needed after a
 * change in lib/text's analysis). KB_OK or KB_EDB. */
int kb_store_reindex(kb_store *s);

#endif
