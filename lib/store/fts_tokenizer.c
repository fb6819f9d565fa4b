/* store/fts_tokenizer.c -- the "khabar" FTS5 tokenizer: lib/text's
 * normalisation and light stemming, so that المحادثات, والمحادثات, ومحادثات
 * and مُحادثات are one index term, and الولایات (Persian yeh) is الولايات.
 * Tokens are reported with their spans in the ORIGINAL text. Stopwords are
 * indexed (phrases keep their positions); the query parser drops them
 * outside quotes. Registered per connection through fts5_api. */
#include "store/store_int.h"

#include <stdlib.h>

typedef struct kb_fts_tok {
    kb_stemmer *st;
} kb_fts_tok;

typedef struct emit_ctx {
    void *fts_ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    int src;      /* SQLite code from xToken */
} emit_ctx;

static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ud;
    (void)argv;
    if (argc > 0) return SQLITE_ERROR;   /* the khabar tokenizer takes no options */
    kb_fts_tok *t = calloc(1, sizeof *t);
    if (!t) return SQLITE_NOMEM;
    t->st = kb_stemmer_new(NULL);
    if (!t->st) { free(t); return SQLITE_NOMEM; }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
    kb_fts_tok *t = (kb_fts_tok *)p;
    if (!t) return;
    kb_stemmer_free(t->st);
    free(t);
}

static int emit(const kb_term *term, void *ud)
{
    emit_ctx *e = ud;
    e->src = e->xToken(e->fts_ctx, 0, term->stem, (int)term->len, (int)term->start,
                       (int)term->end);
    return e->src == SQLITE_OK ? 0 : 1;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                        int (*xToken)(void *, int, const char *, int, int, int))
{
    (void)flags;
    kb_fts_tok *t = (kb_fts_tok *)p;
    if (n <= 0) return SQLITE_OK;
    emit_ctx e = { ctx, xToken, SQLITE_OK };
    int rc = kb_analyze(t->st, text, (size_t)n, 0, emit, &e);
    if (rc == KB_ENOMEM) return SQLITE_NOMEM;
    if (rc != KB_OK) return e.src != SQLITE_OK ? e.src : SQLITE_ERROR;
    return SQLITE_OK;
}

static fts5_api *get_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

int kb_fts_register(sqlite3 *db)
{
    fts5_api *api = get_api(db);
    if (!api || api->iVersion < 2) return KB_EDB;
    fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };   /* copied by FTS5 */
    return api->xCreateTokenizer(api, "khabar", NULL, &tok, NULL) == SQLITE_OK ? KB_OK : KB_EDB;
}
