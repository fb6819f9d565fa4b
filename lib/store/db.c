/* store/db.c -- opening the database: connection settings, the khabar
 * tokenizer, forward migrations, cached statements, transactions, hooks. */
#include "store/store_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *const stmt_sql[KB_ST__N] = {
    [KB_ST_FIND_ID] = "SELECT rid FROM articles WHERE id = ?1",
    [KB_ST_FIND_KEY] = "SELECT rid, id FROM articles WHERE key = ?1 ORDER BY rid DESC LIMIT 1",
    [KB_ST_INSERT] = "INSERT INTO articles(" KB_ARTICLE_COLS ") VALUES "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                     " ?17, ?18, ?19, ?20, ?21, ?22)",
    [KB_ST_UPDATE] = "UPDATE articles SET (" KB_ARTICLE_COLS ") = "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                     " ?17, ?18, ?19, ?20, ?21, ?22) WHERE rid = ?23",
    [KB_ST_REVISION] = "INSERT INTO revisions(key, old_id, new_id, revised_at) VALUES (?1, ?2, ?3, ?4)",
    [KB_ST_REPARENT] = "UPDATE articles SET parent = ?2 WHERE parent = ?1",
    [KB_ST_GET_RID] = "SELECT " KB_ARTICLE_COLS " FROM articles WHERE rid = ?1",
    [KB_ST_PREFIX] = "SELECT id FROM articles WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2",
    [KB_ST_DF] = "SELECT doc FROM articles_vocab WHERE term = ?1",
    [KB_ST_COUNT] = "SELECT count(*) FROM articles",
    [KB_ST_FTS_INSERT] = "INSERT INTO articles_fts(rowid, title, tags, text) VALUES (?1, ?2, ?3, ?4)",
    [KB_ST_FTS_DELETE] = "INSERT INTO articles_fts(articles_fts, rowid, title, tags, text) "
                         "SELECT 'delete', rid, title, tags, text FROM articles WHERE rid = ?1",
    [KB_ST_STORED_AT] = "SELECT stored_at FROM articles WHERE id = ?1",
    [KB_ST_REVISIONS] = "SELECT old_id, new_id, revised_at FROM revisions WHERE key = "
                        "(SELECT key FROM articles WHERE id = ?1) ORDER BY rowid",
    [KB_ST_STORY] = "SELECT json FROM stories WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2",
    [KB_ST_STORY_OF] = "SELECT story_id FROM story_articles WHERE article_id = ?1",
};

void kb_store_seterr(char *err, size_t errcap, const char *fmt, ...)
{
    if (!err || !errcap) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errcap, fmt, ap);
    va_end(ap);
}

void kb_store_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

int kb_store_day_bound(const char *user, int upper, char out[11])
{
    if (!user) return KB_EINVAL;
    size_t n = strlen(user);
    int y, m = 0, d = 0;
    if (n < 4 || !digits(user, 4)) return KB_EINVAL;
    y = atoi(user);
    if (n > 4) {
        if (user[4] != '-' || n < 7 || !digits(user + 5, 2)) return KB_EINVAL;
        m = (user[5] - '0') * 10 + (user[6] - '0');
        if (m < 1 || m > 12) return KB_EINVAL;
        if (n > 7) {
            if (user[7] != '-' || n < 10 || !digits(user + 8, 2)) return KB_EINVAL;
            d = (user[8] - '0') * 10 + (user[9] - '0');
            if (d < 1 || d > 31) return KB_EINVAL;
            if (n > 10 && user[10] != 'T' && user[10] != ' ') return KB_EINVAL;
        }
    }
    /* Day 31 bounds any month: only the string order matters. */
    if (!m) m = upper ? 12 : 1;
    if (!d) d = upper ? 31 : 1;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return KB_OK;
}

sqlite3_stmt *kb_store_stmt(kb_store *s, int which)
{
    if (which < 0 || which >= KB_ST__N) return NULL;
    sqlite3_stmt *st = s->stmt[which];
    if (!st) {
        if (sqlite3_prepare_v3(s->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                               &st, NULL) != SQLITE_OK)
            return NULL;
        s->stmt[which] = st;
    } else {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    return st;
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? KB_OK : KB_EDB;
}

static int int_query(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return KB_EDB;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *out = sqlite3_column_int(st, 0);
    else if (rc == SQLITE_DONE) *out = 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KB_OK : KB_EDB;
}

/* Apply the pending migrations in one transaction. */
static int migrate(kb_store *s, char *err, size_t errcap)
{
    size_t n;
    const kb_migration *m = kb_store_migrations(&n);
    for (size_t i = 0; i < n; i++)
        if (m[i].version != (int)i + 1) {
            kb_store_seterr(err, errcap, "migration list broken at step %zu", i + 1);
            return KB_EINVAL;
        }
    int latest = (int)n, v;
    if (int_query(s->db, "PRAGMA user_version", &v) != KB_OK) {
        kb_store_seterr(err, errcap, "%s", sqlite3_errmsg(s->db));
        return KB_EDB;
    }
    if (v > latest) {
        kb_store_seterr(err, errcap,
                        "the database has schema version %d, newer than this khabar knows (%d)",
                        v, latest);
        return KB_EINVAL;
    }
    if (v == latest) { s->version = v; return KB_OK; }
    if (exec(s->db, "BEGIN IMMEDIATE") != KB_OK) {
        kb_store_seterr(err, errcap, "cannot migrate: %s", sqlite3_errmsg(s->db));
        return KB_EDB;
    }
    /* Another process may have migrated while we waited for the lock. */
    int rc = int_query(s->db, "PRAGMA user_version", &v);
    for (size_t i = 0; rc == KB_OK && i < n; i++) {
        if (m[i].version <= v) continue;
        if (m[i].sql && exec(s->db, m[i].sql) != KB_OK) rc = KB_EDB;
        if (rc == KB_OK && m[i].fn) rc = m[i].fn(s->db);
        if (rc != KB_OK)
            kb_store_seterr(err, errcap, "migration %d (%s) failed: %s", m[i].version,
                            m[i].name, sqlite3_errmsg(s->db));
    }
    if (rc == KB_OK) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", latest);
        rc = exec(s->db, sql);
    }
    if (rc == KB_OK) rc = exec(s->db, "COMMIT");
    if (rc != KB_OK) {
        exec(s->db, "ROLLBACK");
        if (err && !*err) kb_store_seterr(err, errcap, "%s", sqlite3_errmsg(s->db));
        return rc;
    }
    s->version = latest;
    return KB_OK;
}

/* Rebuild the index when it was made by an older analysis. */
static int check_analysis(kb_store *s, char *err, size_t errcap)
{
    int v = 0;
    if (int_query(s->db, "SELECT CAST(v AS INTEGER) FROM meta WHERE k = 'fts_analysis'", &v)
        != KB_OK) {
        kb_store_seterr(err, errcap, "%s", sqlite3_errmsg(s->db));
        return KB_EDB;
    }
    if (v >= KB_FTS_ANALYSIS_VERSION) return KB_OK;
    char sql[128];
    snprintf(sql, sizeof sql,
             "INSERT OR REPLACE INTO meta(k, v) VALUES ('fts_analysis', '%d')",
             KB_FTS_ANALYSIS_VERSION);
    int rc = exec(s->db, "BEGIN IMMEDIATE");
    if (rc == KB_OK) rc = exec(s->db, "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')");
    if (rc == KB_OK) rc = exec(s->db, sql);
    if (rc == KB_OK) rc = exec(s->db, "COMMIT");
    if (rc != KB_OK) {
        kb_store_seterr(err, errcap, "rebuilding the index: %s", sqlite3_errmsg(s->db));
        exec(s->db, "ROLLBACK");
    }
    return rc;
}

kb_store *kb_store_open(const char *path, int flags, char *err, size_t errcap)
{
    if (err && errcap) *err = '\0';
    int memory = (flags & KB_STORE_MEMORY) != 0;
    if (!memory) {
        if (!path || !*path) {
            kb_store_seterr(err, errcap, "no database path given");
            return NULL;
        }
        struct stat st;
        if (!(flags & KB_STORE_CREATE) && stat(path, &st) != 0) {
            kb_store_seterr(err, errcap, "no database at %s (khabar ingest creates it)", path);
            return NULL;
        }
    }
    kb_store *s = calloc(1, sizeof *s);
    if (!s) { kb_store_seterr(err, errcap, "out of memory"); return NULL; }
    int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (flags & KB_STORE_CREATE) oflags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(memory ? ":memory:" : path, &s->db, oflags, NULL) != SQLITE_OK) {
        kb_store_seterr(err, errcap, "cannot open %s: %s", path,
                        s->db ? sqlite3_errmsg(s->db) : "out of memory");
        kb_store_close(s);
        return NULL;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 5000);
    s->stemmer = kb_stemmer_new(NULL);
    if (!s->stemmer) {
        kb_store_seterr(err, errcap, "out of memory");
        kb_store_close(s);
        return NULL;
    }
    if (kb_fts_register(s->db) != KB_OK) {
        kb_store_seterr(err, errcap, "SQLite has no FTS5: %s", sqlite3_errmsg(s->db));
        kb_store_close(s);
        return NULL;
    }
    /* The first statement tells a non-database apart. WAL: readers never
     * wait for the writer; synchronous=NORMAL keeps every commit across a
     * crash of the process (not of the machine), which is what batches need. */
    int v;
    if (int_query(s->db, "PRAGMA user_version", &v) != KB_OK ||
        (!memory && exec(s->db, "PRAGMA journal_mode = WAL") != KB_OK) ||
        exec(s->db, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;"
                    "PRAGMA cache_size = -32000") != KB_OK) {
        kb_store_seterr(err, errcap, "%s: %s", memory ? ":memory:" : path,
                        sqlite3_errmsg(s->db));
        kb_store_close(s);
        return NULL;
    }
    if (migrate(s, err, errcap) != KB_OK || check_analysis(s, err, errcap) != KB_OK) {
        kb_store_close(s);
        return NULL;
    }
    return s;
}

void kb_store_close(kb_store *s)
{
    if (!s) return;
    if (s->in_tx) exec(s->db, "ROLLBACK");
    for (int i = 0; i < KB_ST__N; i++) sqlite3_finalize(s->stmt[i]);
    sqlite3_close(s->db);
    kb_stemmer_free(s->stemmer);
    free(s);
}

sqlite3 *kb_store_db(kb_store *s)
{
    return s->db;
}

const char *kb_store_errmsg(kb_store *s)
{
    return s && s->db ? sqlite3_errmsg(s->db) : "no database";
}

int kb_store_schema_version(kb_store *s)
{
    return s->version;
}

int kb_store_begin(kb_store *s)
{
    if (s->in_tx) return KB_EINVAL;
    if (exec(s->db, "BEGIN IMMEDIATE") != KB_OK) return KB_EDB;
    s->in_tx = 1;
    return KB_OK;
}

int kb_store_commit(kb_store *s)
{
    if (!s->in_tx) return KB_EINVAL;
    if (exec(s->db, "COMMIT") != KB_OK) return KB_EDB;
    s->in_tx = 0;
    return KB_OK;
}

int kb_store_rollback(kb_store *s)
{
    if (!s->in_tx) return KB_EINVAL;
    s->in_tx = 0;
    return exec(s->db, "ROLLBACK");
}

int kb_store_read_begin(kb_store *s, int *own)
{
    *own = 0;
    if (s->in_tx || !sqlite3_get_autocommit(s->db)) return KB_OK;
    if (exec(s->db, "BEGIN") != KB_OK) return KB_EDB;
    *own = 1;
    return KB_OK;
}

void kb_store_read_end(kb_store *s, int own)
{
    if (own) exec(s->db, "COMMIT");
}

int kb_store_add_hook(kb_store *s, kb_store_hook fn, void *ud)
{
    if (!fn || s->nhooks == KB_STORE_MAX_HOOKS) return KB_EINVAL;
    s->hooks[s->nhooks].fn = fn;
    s->hooks[s->nhooks].ud = ud;
    s->nhooks++;
    return KB_OK;
}

int kb_store_reindex(kb_store *s)
{
    int own = !s->in_tx;
    if (own && kb_store_begin(s) != KB_OK) return KB_EDB;
    int rc = exec(s->db, "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')");
    if (own) {
        if (rc == KB_OK) rc = kb_store_commit(s);
        else kb_store_rollback(s);
    }
    return rc;
}

int kb_store_count(kb_store *s, int64_t *n)
{
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_COUNT);
    if (!st || sqlite3_step(st) != SQLITE_ROW) return KB_EDB;
    *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return KB_OK;
}
