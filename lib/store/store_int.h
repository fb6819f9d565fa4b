/* store/store_int.h -- what the files of the store stage share and nobody
 * else needs: the kb_store struct, the cached statements, the analysis
 * helper (text -> stems with their original spans) that the FTS tokenizer,
 * the query parser, snippets and "similar" all use, so that the four agree. */
#ifndef KB_STORE_INT_H
#define KB_STORE_INT_H

#include "store/store.h"

/* The columns of articles that hold a kb_article, in the order the insert,
 * update and load statements use (bind index = position + 1). */
#define KB_ARTICLE_COLS                                                       \
    "id, key, role, part, parent, published, updated, date_source, source, " \
    "dateline, author, lang, crawl_date, stored_at, input, url, canonical, "  \
    "title, tags, warnings, related, text"
enum {
    KB_COL_ID, KB_COL_KEY, KB_COL_ROLE, KB_COL_PART, KB_COL_PARENT,
    KB_COL_PUBLISHED, KB_COL_UPDATED, KB_COL_DATE_SOURCE, KB_COL_SOURCE,
    KB_COL_DATELINE, KB_COL_AUTHOR, KB_COL_LANG, KB_COL_CRAWL_DATE,
    KB_COL_STORED_AT, KB_COL_INPUT, KB_COL_URL, KB_COL_CANONICAL, KB_COL_TITLE,
    KB_COL_TAGS, KB_COL_WARNINGS, KB_COL_RELATED, KB_COL_TEXT,
    KB_COL__N
};

/* Cached prepared statements (sql in db.c, same order). */
enum {
    KB_ST_FIND_ID,         /* rid by id */
    KB_ST_FIND_KEY,        /* rid, id by key */
    KB_ST_INSERT,
    KB_ST_UPDATE,
    KB_ST_REVISION,
    KB_ST_REPARENT,
    KB_ST_GET_RID,         /* every column by rid */
    KB_ST_PREFIX,          /* ids in [prefix, prefix+'g') */
    KB_ST_DF,              /* document frequency of a term */
    KB_ST_COUNT,           /* count(*) */
    KB_ST_FTS_INSERT,      /* index a row */
    KB_ST_FTS_DELETE,      /* unindex a row (its old values) */
    KB_ST_STORED_AT,       /* stored_at by id */
    KB_ST_REVISIONS,       /* the revisions of an id's key, oldest first */
    KB_ST_STORY,           /* a story's JSON by id prefix (two rows at most) */
    KB_ST_STORY_OF,        /* the story of an article id */
    KB_ST__N
};

#define KB_STORE_MAX_HOOKS 16

struct kb_store {
    sqlite3 *db;
    kb_stemmer *stemmer;   /* for queries, snippets, similar (not the tokenizer's) */
    int in_tx;
    int version;
    struct {
        kb_store_hook fn;
        void *ud;
    } hooks[KB_STORE_MAX_HOOKS];
    size_t nhooks;
    sqlite3_stmt *stmt[KB_ST__N];
};

/* The cached statement, reset and with bindings cleared; NULL on a database
 * error (the message is in sqlite3_errmsg). */
sqlite3_stmt *kb_store_stmt(kb_store *s, int which);

/* A read snapshot for a multi-statement read (search, similar), unless a
 * write transaction is already open. *own says whether end must close it. */
int kb_store_read_begin(kb_store *s, int *own);
void kb_store_read_end(kb_store *s, int own);

/* kb_store_each, but fn owns each article (kb_article_free), also when it
 * returns an error: for callers that keep what they visit. */
int kb_store_each_take(kb_store *s, const kb_store_filter *f,
                       int (*fn)(kb_article *a, int64_t rid, void *ud), void *ud);

/* Register the "khabar" FTS5 tokenizer on db (fts_tokenizer.c). KB_OK or
 * KB_EDB (FTS5 missing). */
int kb_fts_register(sqlite3 *db);

/* Version of the analysis the index was built with; stored in the meta
 * table so that a change can trigger a rebuild. */
#define KB_FTS_ANALYSIS_VERSION 1

/* One analysed token. */
typedef struct kb_term {
    const char *stem;      /* analysed form (what the index holds), not NUL-terminated */
    size_t len;
    const char *norm;      /* normalised surface form */
    size_t nlen;
    uint32_t start, end;   /* byte span in the original text */
    uint8_t kind;          /* kb_tok_kind */
    uint8_t stop;          /* a stopword */
    size_t index;          /* token number in the text */
} kb_term;

typedef int (*kb_term_fn)(const kb_term *t, void *ud);

enum { KB_AN_STOP = 1 };   /* kb_analyze: fill kb_term.stop */

/* Tokenise s[0..len) with lib/text and hand each token, stemmed, to fn.
 * flags: KB_AN_STOP or 0 (then stop is 0). Tokens whose stem is empty are
 * skipped. Returns KB_OK, KB_ENOMEM, or the first non-zero value fn
 * returned. */
int kb_analyze(kb_stemmer *st, const char *s, size_t len, unsigned flags,
               kb_term_fn fn, void *ud);

/* Internal versions of the public calls, with the caller's stemmer. */
int kb_query_parse_st(kb_stemmer *st, const char *user, kb_query *q,
                      char *err, size_t errcap);
int kb_snippet_st(kb_stemmer *st, const char *text, size_t len, const kb_query *q,
                  size_t window, char **snippet, kb_span **hl, size_t *nhl);

/* Spans of the tokens of text[0..len) that match q's terms, in the
 * original text (no window). *hl malloc'd. KB_OK or KB_ENOMEM. */
int kb_highlight_st(kb_stemmer *st, const char *text, size_t len, const kb_query *q,
                    kb_span **hl, size_t *nhl);

/* Does an analysed token match one of q's terms? 0 when not, else the
 * number of the term it matches + 1. */
int kb_query_matches(const kb_query *q, const char *stem, size_t len);

/* Now as ISO 8601 UTC ("2024-07-23T10:05:00Z") into out (32 bytes). */
void kb_store_now(char out[32]);

/* Validate a user date (YYYY, YYYY-MM or YYYY-MM-DD, or an ISO date-time)
 * and write the day bound for comparisons with substr(published,1,10):
 * the first day of the period (upper = 0) or the last (upper = 1).
 * KB_OK or KB_EINVAL. */
int kb_store_day_bound(const char *user, int upper, char out[11]);

/* Set a message for a person (snprintf into err when err is not NULL). */
void kb_store_seterr(char *err, size_t errcap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
