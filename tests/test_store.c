/* tests/test_store.c -- the store: schema and migrations, putting and
 * loading articles, id prefixes, idempotent ingest of the samples,
 * revisions, crash safety under SIGKILL, and the query translator's answers
 * to well-formed and malformed queries. */
#include "kb_test.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/stories.h"
#include "store/store.h"

/* A fresh database in a fresh temporary directory. */
static kb_store *open_fresh(char **dir, char **path)
{
    *dir = kb_test_temp_dir();
    assert_non_null(*dir);
    *path = malloc(strlen(*dir) + 16);
    sprintf(*path, "%s/k.db", *dir);
    char err[256];
    kb_store *s = kb_store_open(*path, KB_STORE_CREATE, err, sizeof err);
    if (!s) fail_msg("open: %s", err);
    return s;
}

static void close_fresh(kb_store *s, char *dir, char *path)
{
    kb_store_close(s);
    kb_test_remove_tree(dir);
    free(dir);
    free(path);
}

static kb_article *mk(const char *title, const char *text)
{
    kb_article *a = kb_article_new();
    assert_non_null(a);
    a->title = kb_arena_strdup(&a->arena, title);
    a->text = kb_arena_strdup(&a->arena, text);
    assert_int_equal(kb_article_set_id(a), KB_OK);
    return a;
}

static int64_t count(kb_store *s)
{
    int64_t n = -1;
    assert_int_equal(kb_store_count(s, &n), KB_OK);
    return n;
}

static void write_file(const char *dir, const char *name, const char *content)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static int ingest_paths(kb_store *s, const char *const *paths, size_t n, size_t batch,
                        kb_ingest_stats *st)
{
    kb_reader *r = kb_reader_new(NULL);
    assert_non_null(r);
    for (size_t i = 0; i < n; i++) kb_reader_add(r, paths[i]);
    kb_ingest_opts o = { .batch = batch };
    int rc = kb_store_ingest(s, r, &o, st);
    kb_reader_free(r);
    return rc;
}

/* Ingest the five samples in batches of batch articles. */
static int ingest_samples(kb_store *s, size_t batch, kb_ingest_stats *st)
{
    const char *paths[KB_TEST_NSAMPLES];
    char buf[KB_TEST_NSAMPLES][512];
    for (int i = 0; i < KB_TEST_NSAMPLES; i++) {
        snprintf(buf[i], sizeof buf[i], "%s", kb_test_path(kb_test_samples[i]));
        paths[i] = buf[i];
    }
    return ingest_paths(s, paths, KB_TEST_NSAMPLES, batch, st);
}

/* ------------------------------------------------------------ schema */

static void migrations_apply_once_and_refuse_newer(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    size_t n;
    const kb_migration *m = kb_store_migrations(&n);
    assert_true(n >= 2);
    for (size_t i = 0; i < n; i++) assert_int_equal(m[i].version, (int)i + 1);
    assert_int_equal(kb_store_schema_version(s), (int)n);

    sqlite3 *db = kb_store_db(s);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
        "SELECT count(*) FROM sqlite_master WHERE name IN "
        "('articles', 'revisions', 'meta', 'articles_fts', 'articles_vocab')", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 5);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);

    kb_article *a = mk("عنوان", "نص قصير عن المحادثات بين البلدين.");
    assert_int_equal(kb_store_put_article(s, a, NULL), KB_OK);
    kb_article_free(a);
    kb_store_close(s);

    /* Reopening applies nothing again and keeps the data. */
    char err[256];
    s = kb_store_open(path, 0, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(kb_store_schema_version(s), (int)n);
    assert_int_equal(count(s), 1);
    /* A database from a newer khabar is refused, with a reason. */
    assert_int_equal(sqlite3_exec(kb_store_db(s), "PRAGMA user_version = 999", NULL, NULL, NULL),
                     SQLITE_OK);
    kb_store_close(s);
    assert_null(kb_store_open(path, 0, err, sizeof err));
    assert_non_null(strstr(err, "newer"));

    /* No file without KB_STORE_CREATE; a file that is not a database. */
    char other[512];
    snprintf(other, sizeof other, "%s/missing.db", dir);
    assert_null(kb_store_open(other, 0, err, sizeof err));
    assert_non_null(strstr(err, "no database"));
    write_file(dir, "junk.db", "this is not an SQLite database, just some text that is long "
                               "enough to fill a header of one hundred bytes or so.........");
    snprintf(other, sizeof other, "%s/junk.db", dir);
    assert_null(kb_store_open(other, 0, err, sizeof err));
    assert_true(strlen(err) > 0);
    kb_test_remove_tree(dir);
    free(dir);
    free(path);
}

/* ------------------------------------------------------------ put / get */

static void put_and_load_keep_every_field(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    kb_article *a = mk("واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري",
                       "نقلت وكالة رويترز عن 4 مصادر أن الولايات المتحدة والعراق بصدد بدء محادثات.\n\n"
                       "وقالت 3 مصادر إن الولايات المتحدة أسقطت شروطا مسبقة.");
    kb_arena *ar = &a->arena;
    a->input = "samples/x.txt";
    a->part = 2;
    a->role = KB_ROLE_EMBEDDED;
    snprintf(a->parent, sizeof a->parent, "0123456789abcdef");
    a->published = "2024-01-25";
    a->updated = "2024-01-26T10:05:00+03:00";
    a->date_source = "text";
    a->source = "الجزيرة";
    a->dateline = "بغداد";
    a->author = "مراسل";
    a->url = "https://example.com/a?b=1&c=\"2\"";
    a->canonical = "https://example.com/a";
    a->lang = "ar";
    a->crawl_date = "2024-01-27T00:00:00Z";
    const char **tags = kb_arena_alloc(ar, 2 * sizeof *tags);
    tags[0] = "الولایات المتحدة";
    tags[1] = "tag with \"quotes\" and \\ backslash";
    a->tags = tags;
    a->ntags = 2;
    const char **rel = kb_arena_alloc(ar, 1 * sizeof *rel);
    rel[0] = "ليبيا تعلن تضامنها مع الولايات المتحدة";
    a->related = rel;
    a->nrelated = 1;
    assert_int_equal(kb_article_warn(a, "date from weekday only"), KB_OK);

    kb_put_result r;
    assert_int_equal(kb_store_put_article(s, a, &r), KB_OK);
    assert_int_equal(r.status, KB_PUT_NEW);
    int64_t rid = r.rid;
    assert_int_equal(kb_store_put_article(s, a, &r), KB_OK);
    assert_int_equal(r.status, KB_PUT_UNCHANGED);
    assert_int_equal(r.rid, rid);

    kb_article *b = NULL;
    assert_int_equal(kb_store_get_article(s, a->id, &b), KB_OK);
    assert_string_equal(b->id, a->id);
    assert_string_equal(b->title, a->title);
    assert_string_equal(b->text, a->text);
    assert_string_equal(b->input, a->input);
    assert_int_equal(b->part, 2);
    assert_int_equal(b->role, KB_ROLE_EMBEDDED);
    assert_string_equal(b->parent, "0123456789abcdef");
    assert_string_equal(b->published, "2024-01-25");
    assert_string_equal(b->updated, a->updated);
    assert_string_equal(b->date_source, "text");
    assert_string_equal(b->source, "الجزيرة");
    assert_string_equal(b->dateline, "بغداد");
    assert_string_equal(b->author, "مراسل");
    assert_string_equal(b->url, a->url);
    assert_string_equal(b->canonical, a->canonical);
    assert_string_equal(b->lang, "ar");
    assert_string_equal(b->crawl_date, a->crawl_date);
    assert_int_equal(b->ntags, 2);
    assert_string_equal(b->tags[0], "الولایات المتحدة");
    assert_string_equal(b->tags[1], "tag with \"quotes\" and \\ backslash");
    assert_int_equal(b->nrelated, 1);
    assert_string_equal(b->related[0], rel[0]);
    assert_int_equal(b->nwarnings, 1);
    assert_string_equal(b->warnings[0], "date from weekday only");

    /* The stored JSON is clean --json's shape plus stored_at and revisions. */
    char *js = kb_store_article_json(s, b);
    char *base = kb_article_json(b);
    assert_non_null(js);
    assert_non_null(base);
    assert_memory_equal(js, base, strlen(base) - 1);   /* same keys, then more */
    assert_non_null(strstr(js, "\"stored_at\":\"20"));
    assert_non_null(strstr(js, "\"revisions\":[]"));
    free(js);
    free(base);

    /* Loading by row id gives the same article. */
    kb_article *c = NULL;
    assert_int_equal(kb_store_get_article_rid(s, rid, &c), KB_OK);
    assert_string_equal(c->id, a->id);
    assert_int_equal(kb_store_get_article_rid(s, rid + 100, &b), KB_ENOTFOUND);
    kb_article_free(c);
    kb_article_free(b);
    kb_article_free(a);
    close_fresh(s, dir, path);
}

static void id_prefixes_resolve_when_unique(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    kb_article *a = mk("أ", "النص الأول"), *b = mk("ب", "النص الثاني"), *c = mk("ج", "الثالث");
    /* Ids are content hashes; these are set by hand to share a prefix. */
    memcpy(a->id, "abcdef0000000001", 17);
    memcpy(b->id, "abcdef0000000002", 17);
    memcpy(c->id, "abcdee0000000003", 17);
    assert_int_equal(kb_store_put_article(s, a, NULL), KB_OK);
    assert_int_equal(kb_store_put_article(s, b, NULL), KB_OK);
    assert_int_equal(kb_store_put_article(s, c, NULL), KB_OK);
    char id[17];
    int amb = 0;
    assert_int_equal(kb_store_resolve_id(s, "abcdef", id, &amb), KB_EINVAL);
    assert_true(amb);
    assert_int_equal(kb_store_resolve_id(s, "ABCDEE", id, &amb), KB_OK);
    assert_string_equal(id, "abcdee0000000003");
    assert_int_equal(kb_store_resolve_id(s, "abcdef0000000002", id, &amb), KB_OK);
    assert_string_equal(id, "abcdef0000000002");
    assert_int_equal(kb_store_resolve_id(s, "abcde", id, &amb), KB_EINVAL);   /* too short */
    assert_false(amb);
    assert_int_equal(kb_store_resolve_id(s, "abcdeg", id, &amb), KB_EINVAL);  /* not hex */
    assert_int_equal(kb_store_resolve_id(s, "123456", id, &amb), KB_ENOTFOUND);
    kb_article *got = NULL;
    assert_int_equal(kb_store_get_article(s, "abcdef000000000", &got), KB_EINVAL);
    assert_int_equal(kb_store_get_article(s, "abcdee00", &got), KB_OK);
    assert_string_equal(got->title, "ج");
    kb_article_free(got);
    kb_article_free(a);
    kb_article_free(b);
    kb_article_free(c);
    close_fresh(s, dir, path);
}

/* Hooks see every put with its result, inside the transaction, and can
 * refuse it. */
typedef struct hook_log {
    int calls, new_, unchanged;
    const char *refuse;     /* title to refuse */
    int64_t seen_rows;      /* articles visible to the hook at its last call */
} hook_log;

static int log_hook(kb_store *s, const kb_article *a, const kb_put_result *r, void *ud)
{
    hook_log *l = ud;
    l->calls++;
    l->new_ += r->status == KB_PUT_NEW;
    l->unchanged += r->status == KB_PUT_UNCHANGED;
    kb_store_count(s, &l->seen_rows);
    if (l->refuse && a->title && !strcmp(a->title, l->refuse)) return KB_EINVAL;
    return KB_OK;
}

static void hooks_see_every_put_and_can_refuse(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    hook_log l = { .refuse = "مرفوض" };
    assert_int_equal(kb_store_add_hook(s, log_hook, &l), KB_OK);
    kb_article *a = mk("مقبول", "نص مقبول عن الاقتصاد"), *b = mk("مرفوض", "نص مرفوض عن الرياضة");
    assert_int_equal(kb_store_put_article(s, a, NULL), KB_OK);
    assert_int_equal(l.seen_rows, 1);          /* the hook runs after the write */
    assert_int_equal(kb_store_put_article(s, a, NULL), KB_OK);
    assert_int_equal(kb_store_put_article(s, b, NULL), KB_EINVAL);
    assert_int_equal(l.calls, 3);
    assert_int_equal(l.new_, 2);
    assert_int_equal(l.unchanged, 1);
    assert_int_equal(count(s), 1);             /* the refused put was rolled back */
    kb_article *got = NULL;
    assert_int_equal(kb_store_get_article(s, b->id, &got), KB_ENOTFOUND);
    for (int i = 0; i < 15; i++) kb_store_add_hook(s, log_hook, &l);
    assert_int_equal(kb_store_add_hook(s, log_hook, &l), KB_EINVAL);   /* 16 at most */
    kb_article_free(a);
    kb_article_free(b);
    close_fresh(s, dir, path);
}

/* Dates order the walk; undated articles come last; filters apply. */
static int collect_titles(const kb_article *a, int64_t rid, void *ud)
{
    (void)rid;
    kb_buf *b = ud;
    kb_buf_printf(b, "%s,", a->title);
    return KB_OK;
}

static void each_walks_by_date(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    const char *titles[] = { "ج", "أ", "د", "ب" };
    const char *dates[] = { "2024-03-01", "2024-01-25T10:00:00+03:00", NULL, "2024-02-10" };
    const char *sources[] = { "الجزيرة", "المستقلة", "الجزيرة", "الجزيرة" };
    for (int i = 0; i < 4; i++) {
        char text[64];
        snprintf(text, sizeof text, "نص المقال رقم %d", i);
        kb_article *a = mk(titles[i], text);
        a->published = dates[i];
        a->source = sources[i];
        assert_int_equal(kb_store_put_article(s, a, NULL), KB_OK);
        kb_article_free(a);
    }
    kb_buf b = { 0 };
    assert_int_equal(kb_store_each(s, NULL, collect_titles, &b), KB_OK);
    assert_string_equal(b.data, "أ,ب,ج,د,");
    kb_buf_free(&b);
    kb_store_filter f = { .source = "الجزيرة", .since = "2024-02", .until = "2024-03-01" };
    assert_int_equal(kb_store_each(s, &f, collect_titles, &b), KB_OK);
    assert_string_equal(b.data, "ب,ج,");
    kb_buf_free(&b);
    kb_store_filter g = { .newest_first = 1, .limit = 2 };
    assert_int_equal(kb_store_each(s, &g, collect_titles, &b), KB_OK);
    assert_string_equal(b.data, "ج,ب,");
    kb_buf_free(&b);
    kb_store_filter bad = { .since = "last week" };
    assert_int_equal(kb_store_each(s, &bad, collect_titles, &b), KB_EINVAL);
    kb_buf_free(&b);
    close_fresh(s, dir, path);
}

/* ------------------------------------------------------------ ingest */

static void ingesting_samples_twice_adds_nothing(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    kb_ingest_stats st;
    assert_int_equal(ingest_samples(s, 3, &st), KB_OK);
    assert_int_equal(st.docs, 5);
    assert_int_equal(st.rejected, 0);
    /* Five main articles, and the embedded ones ("إقرأ أيضاً" pieces). */
    assert_true(st.articles > 5);
    assert_int_equal(st.added + st.unchanged, st.articles);
    assert_int_equal(st.revised, 0);
    assert_int_equal(count(s), (int64_t)st.added);
    assert_true(st.batches >= st.articles / 3);
    size_t first_added = st.added;

    assert_int_equal(ingest_samples(s, 3, &st), KB_OK);
    assert_int_equal(st.added, 0);
    assert_int_equal(st.revised, 0);
    assert_int_equal(st.unchanged, st.articles);
    assert_int_equal(count(s), (int64_t)first_added);

    /* Every embedded article points at a stored main article. */
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(kb_store_db(s),
        "SELECT count(*) FROM articles e WHERE e.role = 1 AND NOT EXISTS "
        "(SELECT 1 FROM articles m WHERE m.id = e.parent AND m.role = 0)", -1, &q, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    close_fresh(s, dir, path);
}

/* A story is found by its id or a prefix of 7+ characters; a shorter or
 * shared prefix is refused as such (EINVAL), an unknown id is not found. */
static void story_ids_and_prefixes(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    kb_ingest_stats st;
    assert_int_equal(ingest_samples(s, 500, &st), KB_OK);
    assert_int_equal(kb_store_build_stories(s, NULL), KB_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(kb_store_db(s), "SELECT id FROM stories ORDER BY id LIMIT 1",
                                        -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    char id[48];
    snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    assert_int_equal(id[0], 's');
    assert_int_equal(strlen(id), 17);

    char *js = NULL, prefix[8];
    assert_int_equal(kb_store_story_json(s, id, &js), KB_OK);
    assert_non_null(strstr(js, id));
    free(js);
    snprintf(prefix, sizeof prefix, "%.7s", id);
    assert_int_equal(kb_store_story_json(s, prefix, &js), KB_OK);
    assert_non_null(strstr(js, id));
    free(js);
    assert_int_equal(kb_store_story_json(s, "s12", &js), KB_EINVAL);
    assert_int_equal(kb_store_story_json(s, "", &js), KB_EINVAL);
    assert_int_equal(kb_store_story_json(s, "sffffffffffffffff", &js), KB_ENOTFOUND);
    assert_int_equal(kb_store_story_json(s, "s../../etc", &js), KB_ENOTFOUND);
    assert_null(js);
    /* A second story sharing the first 7 characters makes that prefix
     * ambiguous; 8 characters tell them apart again. */
    char twin[48];
    snprintf(twin, sizeof twin, "%.7s%s", id, id[7] == '0' ? "1111111111" : "0000000000");
    char sql[256];
    snprintf(sql, sizeof sql, "INSERT INTO stories(id, headline, articles, originals, sources_json, "
             "json) VALUES ('%s', 'x', 1, 1, '[]', '{}')", twin);
    assert_int_equal(sqlite3_exec(kb_store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(kb_store_story_json(s, prefix, &js), KB_EINVAL);
    char longer[9];
    snprintf(longer, sizeof longer, "%.8s", id);
    assert_int_equal(kb_store_story_json(s, longer, &js), KB_OK);
    assert_non_null(strstr(js, id));
    free(js);
    close_fresh(s, dir, path);
}

static const char *v1_body =
    "أعلنت الحكومة العراقية اليوم أن جولة جديدة من المحادثات مع الولايات المتحدة ستعقد "
    "في بغداد الأسبوع المقبل لبحث مستقبل التحالف الدولي، وذلك بحضور وفد عسكري رفيع.\n\n"
    "وقال المتحدث باسم الحكومة إن الجولة ستناقش جدولا زمنيا لانسحاب القوات من قاعدة "
    "عين الأسد الجوية في محافظة الأنبار غرب البلاد.\n";
static const char *v2_body =
    "أعلنت الحكومة العراقية اليوم أن جولة جديدة من المحادثات مع الولايات المتحدة ستعقد "
    "في بغداد الأسبوع المقبل لبحث مستقبل التحالف الدولي، وذلك بحضور وفد عسكري رفيع.\n\n"
    "وقال المتحدث باسم الحكومة إن الجولة ستناقش جدولا زمنيا لانسحاب القوات من قاعدة "
    "حرير الجوية في إقليم كردستان شمال البلاد.\n";

static int64_t search_count(kb_store *s, const char *q)
{
    kb_search_result r;
    char err[256];
    kb_search_opts o = { .limit = 100 };
    int rc = kb_store_search(s, q, &o, &r, err, sizeof err);
    if (rc != KB_OK) fail_msg("search %s: %s", q, err);
    int64_t n = (int64_t)r.n;
    kb_search_result_free(&r);
    return n;
}

static void changed_content_at_known_input_is_a_revision(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    char *in = kb_test_temp_dir();
    char file[512];
    snprintf(file, sizeof file, "%s/report.txt", in);
    kb_buf page = { 0 };
    kb_buf_printf(&page, "العراق يعلن جولة جديدة من المحادثات مع واشنطن\n\n%s", v1_body);
    write_file(in, "report.txt", page.data);
    kb_buf_free(&page);
    const char *paths[] = { file };
    kb_ingest_stats st;
    assert_int_equal(ingest_paths(s, paths, 1, 500, &st), KB_OK);
    assert_int_equal(st.articles, 1);
    assert_int_equal(st.added, 1);
    int64_t n1 = count(s);
    assert_int_equal(search_count(s, "الأنبار"), 1);
    kb_article *old = NULL;
    char old_id[17];
    {
        sqlite3_stmt *q;
        assert_int_equal(sqlite3_prepare_v2(kb_store_db(s), "SELECT id FROM articles", -1, &q,
                                            NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(q), SQLITE_ROW);
        snprintf(old_id, sizeof old_id, "%s", (const char *)sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
    }

    /* Same file, other text: the stored version is replaced. */
    kb_buf_printf(&page, "العراق يعلن جولة جديدة من المحادثات مع واشنطن\n\n%s", v2_body);
    write_file(in, "report.txt", page.data);
    kb_buf_free(&page);
    assert_int_equal(ingest_paths(s, paths, 1, 500, &st), KB_OK);
    assert_int_equal(st.revised, 1);
    assert_int_equal(st.added, 0);
    assert_int_equal(count(s), n1);
    assert_int_equal(kb_store_get_article(s, old_id, &old), KB_ENOTFOUND);

    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(kb_store_db(s),
        "SELECT a.id, r.old_id FROM articles a JOIN revisions r ON r.new_id = a.id", -1, &q,
        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    char new_id[17];
    snprintf(new_id, sizeof new_id, "%s", (const char *)sqlite3_column_text(q, 0));
    assert_string_equal((const char *)sqlite3_column_text(q, 1), old_id);
    sqlite3_finalize(q);
    kb_article *a = NULL;
    assert_int_equal(kb_store_get_article(s, new_id, &a), KB_OK);
    assert_non_null(strstr(a->text, "كردستان"));
    assert_null(strstr(a->text, "الأنبار"));
    char *js = kb_store_article_json(s, a);
    assert_non_null(js);
    assert_non_null(strstr(js, old_id));
    free(js);
    kb_article_free(a);
    /* The index followed: the old words are gone, the new ones found. */
    assert_int_equal(search_count(s, "الأنبار"), 0);
    assert_int_equal(search_count(s, "كردستان"), 1);
    sqlite3 *db = kb_store_db(s);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')",
                                  NULL, NULL, NULL), SQLITE_OK);

    /* The same again: unchanged. */
    assert_int_equal(ingest_paths(s, paths, 1, 500, &st), KB_OK);
    assert_int_equal(st.unchanged, 1);
    assert_int_equal(st.revised, 0);
    kb_test_remove_tree(in);
    free(in);
    close_fresh(s, dir, path);
}

/* ------------------------------------------------------------ crash safety */

#define CRASH_DOCS 1500
#define CRASH_BATCH 40

static const char *const places[] = { "بغداد", "البصرة", "الموصل", "أربيل", "كربلاء",
                                      "النجف", "الأنبار", "ديالى", "كركوك", "واسط" };
static const char *const topics[] = { "الكهرباء", "المياه", "الطرق", "المدارس", "المستشفيات",
                                      "الزراعة", "النفط", "الموانئ" };

static void make_corpus(const char *dir)
{
    for (int i = 0; i < CRASH_DOCS; i++) {
        char name[32];
        snprintf(name, sizeof name, "d%05d.txt", i);
        kb_buf b = { 0 };
        const char *p = places[i % 10], *t = topics[(i / 10) % 8];
        kb_buf_printf(&b, "مشروع جديد لتحسين %s في %s رقم %d\n\n", t, p, i);
        kb_buf_printf(&b,
            "أعلنت السلطات المحلية في %s اليوم عن إطلاق المشروع رقم %d لتحسين خدمات %s، "
            "بكلفة تقديرية تبلغ %d مليون دينار، على أن ينتهي العمل فيه خلال %d شهرا.\n\n"
            "وقال مسؤول في المحافظة إن المشروع يشمل %d حيا سكنيا ويستفيد منه نحو %d ألف "
            "مواطن، مؤكدا أن الشركات المنفذة ستبدأ العمل مطلع الشهر المقبل.\n",
            p, i, t, 10 + i * 7 % 900, 3 + i % 20, 2 + i % 15, 5 + i % 90);
        write_file(dir, name, b.data);
        kb_buf_free(&b);
    }
}

/* The ids the pipeline gives the corpus, in reader order. */
static char (*expected_ids(const char *dir, size_t *n))[17]
{
    char (*ids)[17] = NULL;
    size_t cap = 0;
    *n = 0;
    kb_reader *r = kb_reader_new(NULL);
    kb_reader_add(r, dir);
    kb_read_item it;
    while (kb_reader_next(r, &it) == KB_OK && it.kind != KB_READ_END) {
        if (it.kind != KB_READ_DOC) continue;
        kb_article_list l = { 0 };
        kb_extract(it.doc, &l);
        for (size_t k = 0; k < l.n; k++) {
            if (*n == cap) ids = realloc(ids, (cap = cap ? cap * 2 : 1024) * sizeof *ids);
            memcpy(ids[(*n)++], l.v[k]->id, 17);
        }
        kb_article_list_free(&l);
        kb_doc_free(it.doc);
    }
    kb_reader_free(r);
    return ids;
}

static void tell_parent(const kb_ingest_stats *st, void *ud)
{
    int fd = *(int *)ud;
    unsigned b = (unsigned)st->batches;
    if (write(fd, &b, sizeof b) != sizeof b) _exit(3);
}

static int stored(kb_store *s, const char *id)
{
    kb_article *a = NULL;
    int rc = kb_store_get_article(s, id, &a);
    kb_article_free(a);
    return rc == KB_OK;
}

static void sigkill_mid_ingest_keeps_committed_batches(void **state)
{
    (void)state;
    char *in = kb_test_temp_dir();
    make_corpus(in);
    size_t nexp;
    char (*ids)[17] = expected_ids(in, &nexp);
    assert_int_equal(nexp, CRASH_DOCS);
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    kb_store_close(s);

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char err[256];
        kb_store *cs = kb_store_open(path, 0, err, sizeof err);
        if (!cs) _exit(2);
        kb_reader *r = kb_reader_new(NULL);
        kb_reader_add(r, in);
        kb_ingest_opts o = { .batch = CRASH_BATCH, .on_progress = tell_parent,
                             .progress_every = 1000000, .ud = &fds[1] };
        kb_store_ingest(cs, r, &o, NULL);
        _exit(0);    /* only reached when the kill came too late */
    }
    close(fds[1]);
    unsigned batches = 0;
    while (batches < 3 && read(fds[0], &batches, sizeof batches) == sizeof batches) {}
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    close(fds[0]);
    assert_true(WIFSIGNALED(status));

    char err[256];
    s = kb_store_open(path, 0, err, sizeof err);
    assert_non_null(s);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(kb_store_db(s), "PRAGMA integrity_check", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    assert_int_equal(sqlite3_exec(kb_store_db(s),
                                  "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')",
                                  NULL, NULL, NULL), SQLITE_OK);
    /* Whole batches only, and exactly the first ones. */
    int64_t c = count(s);
    assert_true(c >= 3 * CRASH_BATCH);
    assert_true(c < CRASH_DOCS);
    assert_int_equal(c % CRASH_BATCH, 0);
    for (size_t i = 0; i < nexp; i++) {
        if ((int64_t)i < c) assert_true(stored(s, ids[i]));
        else if ((int64_t)i < c + 5) assert_false(stored(s, ids[i]));
    }

    /* Running the ingest again finishes the job. */
    const char *paths[] = { in };
    kb_ingest_stats st;
    assert_int_equal(ingest_paths(s, paths, 1, CRASH_BATCH, &st), KB_OK);
    assert_int_equal(st.unchanged, (size_t)c);
    assert_int_equal(st.added, CRASH_DOCS - (size_t)c);
    assert_int_equal(count(s), CRASH_DOCS);
    assert_true(stored(s, ids[nexp - 1]));
    assert_int_equal(search_count(s, "\"المشروع رقم 1499\""), 1);
    free(ids);
    kb_test_remove_tree(in);
    free(in);
    close_fresh(s, dir, path);
}

/* ------------------------------------------------------------ queries */

static void query_translation(void **state)
{
    (void)state;
    kb_query q;
    char err[256];
    assert_int_equal(kb_query_parse("محادثات", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "\"محادثات\"");
    assert_int_equal(q.nterms, 1);
    assert_false(q.terms[0].prefix);
    kb_query_free(&q);

    assert_int_equal(kb_query_parse("العراق OR سوريا", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "(\"العراق\" OR \"سوريا\")");
    assert_int_equal(q.nterms, 2);
    kb_query_free(&q);

    /* NOT: the excluded word is not a term to highlight. */
    assert_int_equal(kb_query_parse("العراق NOT سوريا", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "(\"العراق\" NOT \"سوريا\")");
    assert_int_equal(q.nterms, 1);
    kb_query_free(&q);

    assert_int_equal(kb_query_parse("محادث*", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "\"محادث\" *");
    assert_true(q.terms[0].prefix);
    kb_query_free(&q);

    /* Phrases keep their stopwords; bare stopwords are dropped. */
    assert_int_equal(kb_query_parse("\"في العراق\"", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "\"في العراق\"");
    kb_query_free(&q);
    assert_int_equal(kb_query_parse("في العراق", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "\"العراق\"");
    kb_query_free(&q);

    assert_int_equal(kb_query_parse("(العراق OR سوريا) بغداد", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "((\"العراق\" OR \"سوريا\") AND \"بغداد\")");
    kb_query_free(&q);

    /* FTS5 syntax typed by the user is only text. */
    assert_int_equal(kb_query_parse("title:العراق ^بغداد {x} NEAR(a b) +c", &q, err, sizeof err),
                     KB_OK);
    assert_null(strchr(q.fts, ':'));
    assert_null(strchr(q.fts, '^'));
    assert_null(strchr(q.fts, '{'));
    assert_null(strchr(q.fts, '+'));
    kb_query_free(&q);

    /* Lenient: an unclosed quote or parenthesis closes at the end. */
    assert_int_equal(kb_query_parse("\"الولايات المتحدة", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "\"الولايات المتحدة\"");
    kb_query_free(&q);
    assert_int_equal(kb_query_parse("(العراق OR سوريا", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "(\"العراق\" OR \"سوريا\")");
    kb_query_free(&q);
    assert_int_equal(kb_query_parse("العراق ) OR", &q, err, sizeof err), KB_OK);
    assert_string_equal(q.fts, "\"العراق\"");
    kb_query_free(&q);

    /* Errors say why. */
    assert_int_equal(kb_query_parse("NOT العراق", &q, err, sizeof err), KB_EINVAL);
    assert_non_null(strstr(err, "NOT"));
    assert_int_equal(kb_query_parse("في من على", &q, err, sizeof err), KB_EEMPTY);
    assert_non_null(strstr(err, "stopwords"));
    assert_int_equal(kb_query_parse("^ : { } - \"\" ()", &q, err, sizeof err), KB_EEMPTY);
    assert_non_null(strstr(err, "no words"));
    assert_int_equal(kb_query_parse("", &q, err, sizeof err), KB_EEMPTY);
    assert_int_equal(kb_query_parse("\xff\xfe", &q, err, sizeof err), KB_EINVAL);
    assert_null(q.fts);
}

static void malformed_queries_never_break_search(void **state)
{
    (void)state;
    char *dir, *path;
    kb_store *s = open_fresh(&dir, &path);
    kb_article *a = mk("بغداد تستضيف المحادثات", "العراق والولايات المتحدة يبحثان مستقبل التحالف.");
    assert_int_equal(kb_store_put_article(s, a, NULL), KB_OK);
    kb_article_free(a);

    char *big = malloc(10241);
    for (int i = 0; i < 10240; i++) big[i] = "العراق "[i % 13];
    big[10240] = '\0';
    char *parens = malloc(10241);
    memset(parens, '(', 10240);
    parens[10240] = '\0';
    char *many = malloc(4000);
    many[0] = '\0';
    for (int i = 0; i < 100; i++) strcat(many, "بغداد ");
    const char *queries[] = {
        "\"unbalanced", "((((", "))))", "^", ":", "{ }", "NEAR()", "NEAR(بغداد العراق, 2)",
        "-", "*", "**", "AND", "OR OR", "NOT", "NOT العراق", "العراق NOT", "title:العراق",
        "\"", "\"\"", "\xff\xfe", "العراق^2", "{العراق}", "العراق + بغداد", "col:x*:y",
        "'; DROP TABLE articles; --", "\" OR 1=1 --", "بغداد\"*\"", "*بغداد", "بغداد AND AND",
        "(العراق OR) NOT (سوريا AND)", "\\", "%_", big, parens, many,
    };
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        kb_search_result r;
        char err[256] = "";
        int rc = kb_store_search(s, queries[i], NULL, &r, err, sizeof err);
        if (rc == KB_OK) {
            kb_search_result_free(&r);
        } else {
            assert_true(rc == KB_EEMPTY || rc == KB_EINVAL);
            assert_true(strlen(err) > 0);
            assert_int_equal(r.n, 0);
        }
    }
    /* Specific answers. */
    kb_search_result r;
    char err[256];
    assert_int_equal(kb_store_search(s, big, NULL, &r, err, sizeof err), KB_EINVAL);
    assert_non_null(strstr(err, "too long"));
    assert_int_equal(kb_store_search(s, parens, NULL, &r, err, sizeof err), KB_EINVAL);
    assert_int_equal(kb_store_search(s, many, NULL, &r, err, sizeof err), KB_EINVAL);
    assert_int_equal(kb_store_search(s, "\"بغداد تستضيف", NULL, &r, err, sizeof err), KB_OK);
    assert_int_equal(r.n, 1);
    kb_search_result_free(&r);
    assert_int_equal(kb_store_search(s, "'; DROP TABLE articles; --", NULL, &r, err, sizeof err),
                     KB_OK);
    assert_int_equal(r.n, 0);
    kb_search_result_free(&r);
    assert_int_equal(kb_store_search(s, "العراق+بغداد", NULL, &r, err, sizeof err), KB_OK);
    assert_int_equal(r.n, 1);
    kb_search_result_free(&r);
    kb_search_opts bad = { .since = "yesterday" };
    assert_int_equal(kb_store_search(s, "بغداد", &bad, &r, err, sizeof err), KB_EINVAL);
    assert_non_null(strstr(err, "yesterday"));
    assert_int_equal(count(s), 1);
    free(big);
    free(parens);
    free(many);
    close_fresh(s, dir, path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrations_apply_once_and_refuse_newer),
        cmocka_unit_test(put_and_load_keep_every_field),
        cmocka_unit_test(id_prefixes_resolve_when_unique),
        cmocka_unit_test(hooks_see_every_put_and_can_refuse),
        cmocka_unit_test(each_walks_by_date),
        cmocka_unit_test(ingesting_samples_twice_adds_nothing),
        cmocka_unit_test(story_ids_and_prefixes),
        cmocka_unit_test(changed_content_at_known_input_is_a_revision),
        cmocka_unit_test(sigkill_mid_ingest_keeps_committed_batches),
        cmocka_unit_test(query_translation),
        cmocka_unit_test(malformed_queries_never_break_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
