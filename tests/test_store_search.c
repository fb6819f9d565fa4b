/* tests/test_store_search.c -- search and "similar" on real text: the five
 * samples (one story, Iraq-US talks on the coalition, each with unrelated
 * pieces appended) plus small articles written here, each carrying one
 * spelling variant. Which article holds which word was read off the files
 * (grep), not off the program. */
#include "kb_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"


/* The test articles: each variant of محادثات in its own article, الولایات
 * with a Persian yeh only, a control with neither. */
enum { V_WAL, V_WA, V_DAMMA, V_PERSIAN, V_CONTROL, V_TITLE, V_BODY, V_SCATTER, V_LATIN, V_N };
static const char *const v_title[V_N] = {
    "وفد عراقي في بغداد",
    "جولة ثانية في واشنطن",
    "لقاء في عمّان",
    "بيان مشترك",
    "أمطار غزيرة في الجنوب",
    "كردستان تستعد لموسم سياحي",
    "موسم سياحي جديد",
    "تقرير عن الأمم",
    "Iraq talks",
};
static const char *const v_text[V_N] = {
    "قال مسؤول إن الوفد وصل صباح اليوم والمحادثات ستبدأ غدا في القصر الحكومي.",
    "أعلن الجانبان عقد جولة ثانية ومحادثات فنية حول الجدول الزمني للانسحاب.",
    "جرت مُحادثات مطولة بين الوزيرين تناولت أمن الحدود والتبادل التجاري.",
    "أكد البيان أن الولایات المتحدة ستواصل دعم القوات الشريكة في المنطقة.",
    "هطلت أمطار غزيرة على المحافظات الجنوبية وحذرت الأرصاد من السيول.",
    "تستعد المنتجعات لموسم سياحي حافل مع توقعات بزيادة عدد الزوار هذا العام.",
    "تستعد المنتجعات في كردستان لموسم سياحي حافل مع توقعات بزيادة عدد الزوار.",
    "ناقشت الأمم المتحدة تقريرا جديدا، ثم ردت الولايات على ما جاء فيه.",
    "Officials said the talks between Baghdad and Washington were productive.",
};
static const char *const v_published[V_N] = {
    "2024-03-05", "2024-03-20", NULL, "2024-02-01", "2024-03-06", NULL, NULL, NULL, NULL,
};

typedef struct fixture {
    char *dir, *path;
    kb_store *s;
    char main_id[5][17];      /* main article of sample i */
    char v_id[V_N][17];
} fixture;

static void main_of(kb_store *s, const char *file, char id[17])
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(kb_store_db(s),
        "SELECT id FROM articles WHERE role = 0 AND input LIKE '%' || ?1", -1, &q, NULL),
        SQLITE_OK);
    sqlite3_bind_text(q, 1, strrchr(file, '/') + 1, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    snprintf(id, 17, "%s", (const char *)sqlite3_column_text(q, 0));
    assert_int_equal(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = kb_test_temp_dir();
    f->path = malloc(strlen(f->dir) + 8);
    sprintf(f->path, "%s/k.db", f->dir);
    char err[256];
    f->s = kb_store_open(f->path, KB_STORE_CREATE, err, sizeof err);
    if (!f->s) return -1;
    kb_reader *r = kb_reader_new(NULL);
    char paths[5][512];
    for (int i = 0; i < 5; i++) {
        snprintf(paths[i], sizeof paths[i], "%s", kb_test_path(kb_test_samples[i]));
        kb_reader_add(r, paths[i]);
    }
    kb_ingest_stats st;
    int rc = kb_store_ingest(f->s, r, NULL, &st);
    kb_reader_free(r);
    if (rc != KB_OK || st.docs != 5) return -1;
    for (int i = 0; i < 5; i++) main_of(f->s, kb_test_samples[i], f->main_id[i]);
    for (int i = 0; i < V_N; i++) {
        kb_article *a = kb_article_new();
        a->title = v_title[i];
        a->text = v_text[i];
        a->published = v_published[i];
        a->source = "مصدر الاختبار";
        if (kb_article_set_id(a) != KB_OK || kb_store_put_article(f->s, a, NULL) != KB_OK)
            return -1;
        memcpy(f->v_id[i], a->id, 17);
        kb_article_free(a);
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    kb_store_close(f->s);
    kb_test_remove_tree(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static kb_search_result run(fixture *f, const char *q, const kb_search_opts *o)
{
    kb_search_result r;
    char err[256];
    kb_search_opts dflt = { .limit = 100 };
    int rc = kb_store_search(f->s, q, o ? o : &dflt, &r, err, sizeof err);
    if (rc != KB_OK) fail_msg("search '%s': %s", q, err);
    return r;
}

static int has(const kb_search_result *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].id, id)) return (int)i + 1;
    return 0;
}

static const kb_search_hit *hit(const kb_search_result *r, const char *id)
{
    int k = has(r, id);
    return k ? &r->v[k - 1] : NULL;
}

/* ------------------------------------------------------------ variants */

static void clitics_and_diacritics_find_the_same_word(void **state)
{
    fixture *f = *state;
    /* The word in four spellings of the query; every form in the articles. */
    const char *queries[] = { "محادثات", "المحادثات", "والمحادثات", "مُحادثات" };
    for (size_t k = 0; k < 4; k++) {
        kb_search_result r = run(f, queries[k], NULL);
        /* Samples: المحادثات / محادثات occur in 000 and 002 only, before
         * their "إقرأ أيضاً" pieces, so in the main articles. */
        assert_true(has(&r, f->main_id[0]));
        assert_true(has(&r, f->main_id[2]));
        assert_true(has(&r, f->v_id[V_WAL]));      /* والمحادثات */
        assert_true(has(&r, f->v_id[V_WA]));       /* ومحادثات */
        assert_true(has(&r, f->v_id[V_DAMMA]));    /* مُحادثات */
        assert_int_equal(r.n, 5);
        kb_search_result_free(&r);
    }
    /* Prefix queries reach the same articles. */
    kb_search_result r = run(f, "محادث*", NULL);
    assert_true(has(&r, f->v_id[V_WAL]) && has(&r, f->v_id[V_WA]) && has(&r, f->v_id[V_DAMMA]));
    assert_true(has(&r, f->main_id[0]) && has(&r, f->main_id[2]));
    assert_false(has(&r, f->v_id[V_CONTROL]));
    kb_search_result_free(&r);
}

static void persian_yeh_is_arabic_yeh(void **state)
{
    fixture *f = *state;
    kb_search_result a = run(f, "الولايات", NULL);   /* Arabic yeh */
    kb_search_result b = run(f, "الولایات", NULL);   /* Persian yeh */
    assert_true(has(&a, f->v_id[V_PERSIAN]));
    /* All five samples have الولايات in their main article. */
    for (int i = 0; i < 5; i++) assert_true(has(&a, f->main_id[i]));
    assert_false(has(&a, f->v_id[V_CONTROL]));
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) assert_true(has(&b, a.v[i].id));
    kb_search_result_free(&a);
    kb_search_result_free(&b);
}

static void latin_words_are_stemmed(void **state)
{
    fixture *f = *state;
    kb_search_result r = run(f, "talk", NULL);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.v[0].id, f->v_id[V_LATIN]);
    /* "Iraq talks" in the title, "talks" in the body. */
    assert_int_equal(r.v[0].ntitle_hl, 1);
    assert_memory_equal(r.v[0].title + r.v[0].title_hl[0].start, "talks", 5);
    kb_search_result_free(&r);
    r = run(f, "BAGHDAD", NULL);
    assert_true(has(&r, f->v_id[V_LATIN]));
    kb_search_result_free(&r);
}

/* ------------------------------------------------------------ snippets */

/* The highlighted bytes of a hit's snippet, as a string. */
static void marked(const kb_search_hit *h, size_t k, char *out, size_t cap)
{
    assert_true(k < h->nhl);
    size_t n = h->hl[k].end - h->hl[k].start;
    assert_true(n < cap);
    memcpy(out, h->snippet + h->hl[k].start, n);
    out[n] = '\0';
}

static void snippets_keep_the_original_spelling(void **state)
{
    fixture *f = *state;
    char w[64];
    kb_search_result r = run(f, "الولايات", NULL);
    const kb_search_hit *h = hit(&r, f->v_id[V_PERSIAN]);
    assert_non_null(h);
    assert_non_null(strstr(h->snippet, "الولایات"));
    assert_int_equal(h->nhl, 1);
    marked(h, 0, w, sizeof w);
    assert_string_equal(w, "الولایات");
    kb_search_result_free(&r);

    r = run(f, "محادثات", NULL);
    h = hit(&r, f->v_id[V_DAMMA]);
    assert_non_null(h);
    marked(h, 0, w, sizeof w);
    assert_string_equal(w, "مُحادثات");
    h = hit(&r, f->v_id[V_WAL]);
    marked(h, 0, w, sizeof w);
    assert_string_equal(w, "والمحادثات");
    /* Sample 002: the snippet is a window of its body around the matches,
     * each marked span one of the spellings in the file. */
    h = hit(&r, f->main_id[2]);
    assert_true(h->nhl >= 2);
    for (size_t k = 0; k < h->nhl; k++) {
        marked(h, k, w, sizeof w);
        assert_true(!strcmp(w, "محادثات") || !strcmp(w, "المحادثات"));
    }
    assert_non_null(strstr(h->snippet, "…"));
    assert_null(strchr(h->snippet, '\n'));
    kb_search_result_free(&r);
}

/* ------------------------------------------------------------ ranking, syntax */

static void title_counts_more_than_body(void **state)
{
    fixture *f = *state;
    kb_search_result r = run(f, "كردستان", NULL);
    int t = has(&r, f->v_id[V_TITLE]), b = has(&r, f->v_id[V_BODY]);
    assert_true(t && b);
    assert_true(t < b);
    assert_int_equal(t, 1);
    assert_true(r.v[0].score > r.v[b - 1].score);
    kb_search_result_free(&r);
}

static void phrases_and_operators(void **state)
{
    fixture *f = *state;
    /* V_SCATTER has both words, not side by side. */
    kb_search_result r = run(f, "الولايات المتحدة", NULL);
    assert_true(has(&r, f->v_id[V_SCATTER]));
    kb_search_result_free(&r);
    r = run(f, "\"الولايات المتحدة\"", NULL);
    assert_false(has(&r, f->v_id[V_SCATTER]));
    assert_true(has(&r, f->v_id[V_PERSIAN]));
    assert_true(has(&r, f->main_id[2]));
    kb_search_result_free(&r);

    r = run(f, "محادثات NOT بغداد", NULL);
    assert_false(has(&r, f->v_id[V_WAL]));     /* its title names بغداد */
    assert_true(has(&r, f->v_id[V_WA]));
    assert_true(has(&r, f->v_id[V_DAMMA]));
    kb_search_result_free(&r);

    r = run(f, "أمطار OR سياحي", NULL);
    assert_true(has(&r, f->v_id[V_CONTROL]));
    assert_true(has(&r, f->v_id[V_TITLE]));
    assert_true(has(&r, f->v_id[V_BODY]));
    kb_search_result_free(&r);

    r = run(f, "(أمطار OR سياحي) AND كردستان", NULL);
    assert_int_equal(r.n, 2);
    assert_false(has(&r, f->v_id[V_CONTROL]));
    kb_search_result_free(&r);
}

static void source_and_date_filters(void **state)
{
    fixture *f = *state;
    kb_search_opts o = { .limit = 100, .source = "مصدر الاختبار" };
    kb_search_result r = run(f, "محادثات", &o);
    assert_int_equal(r.n, 3);
    assert_false(has(&r, f->main_id[0]));
    kb_search_result_free(&r);
    kb_search_opts d = { .limit = 100, .source = "مصدر الاختبار", .since = "2024-03-01",
                         .until = "2024-03-10" };
    r = run(f, "محادثات", &d);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.v[0].id, f->v_id[V_WAL]);
    assert_string_equal(r.v[0].published, "2024-03-05");
    kb_search_result_free(&r);
    kb_search_opts m = { .limit = 100, .source = "مصدر الاختبار", .since = "2024-03" };
    r = run(f, "محادثات", &m);
    assert_int_equal(r.n, 2);   /* 03-05 and 03-20; the undated one is left out */
    kb_search_result_free(&r);
    kb_search_opts l = { .limit = 1 };
    r = run(f, "محادثات", &l);
    assert_int_equal(r.n, 1);
    kb_search_result_free(&r);
}

/* ------------------------------------------------------------ similar */

static void similar_puts_the_same_story_first(void **state)
{
    fixture *f = *state;
    /* The embedded pieces that are NOT about the story (read in the files):
     * 002's Libya/Texas floods, 004's UN/Libya crisis. */
    sqlite3_stmt *q;
    char floods[17] = "", libya[17] = "";
    assert_int_equal(sqlite3_prepare_v2(kb_store_db(f->s),
        "SELECT id, title FROM articles WHERE role = 1", -1, &q, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 1);
        if (t && strstr(t, "تكساس")) snprintf(floods, 17, "%s", (const char *)sqlite3_column_text(q, 0));
        if (t && strstr(t, "الليبية")) snprintf(libya, 17, "%s", (const char *)sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    assert_true(floods[0] && libya[0]);

    for (int i = 0; i < 5; i++) {
        kb_article *a = NULL;
        assert_int_equal(kb_store_get_article(f->s, f->main_id[i], &a), KB_OK);
        kb_similar_result r;
        assert_int_equal(kb_store_similar(f->s, a, NULL, &r), KB_OK);
        /* The other four reports of the talks lead the list, ahead of any
         * unrelated article; the article itself is not in it. */
        assert_true(r.n >= 4);
        for (size_t k = 0; k < 4; k++) {
            int story = 0;
            for (int j = 0; j < 5; j++) story |= j != i && !strcmp(r.v[k].id, f->main_id[j]);
            /* ...or the embedded piece of 000 that is about the same talks. */
            if (!story) story = r.v[k].title && strstr(r.v[k].title, "انسحاب قوات التحالف");
            assert_true(story);
        }
        for (size_t k = 0; k < r.n; k++) {
            assert_string_not_equal(r.v[k].id, a->id);
            if (k > 0) assert_true(r.v[k - 1].score >= r.v[k].score);
            assert_true(r.v[k].score >= r.v[k].cosine);
        }
        assert_int_equal(r.ndups, 0);
        kb_similar_result_free(&r);
        kb_article_free(a);
    }
}

static void similar_sets_copies_apart(void **state)
{
    fixture *f = *state;
    kb_article *a = NULL;
    assert_int_equal(kb_store_get_article(f->s, f->main_id[2], &a), KB_OK);
    /* A reprint: the same text with one word changed and a new title. */
    kb_article *copy = kb_article_new();
    kb_buf t = { 0 };
    kb_buf_puts(&t, a->text);
    char *at = strstr(t.data, "أمس الأربعاء");
    assert_non_null(at);
    at += strlen("أمس ");
    assert_int_equal(strlen("الأربعاء"), strlen("الثلاثاء"));
    memcpy(at, "الثلاثاء", strlen("الثلاثاء"));
    copy->text = kb_arena_strdup(&copy->arena, t.data);
    copy->title = "رويترز: واشنطن وبغداد تبحثان إنهاء الوجود العسكري";
    assert_int_equal(kb_article_set_id(copy), KB_OK);
    assert_int_equal(kb_store_put_article(f->s, copy, NULL), KB_OK);
    kb_similar_result r;
    assert_int_equal(kb_store_similar(f->s, a, NULL, &r), KB_OK);
    assert_int_equal(r.ndups, 1);
    assert_string_equal(r.dups[0].id, copy->id);
    assert_true(r.dups[0].cosine >= 0.9);
    assert_true(r.dups[0].duplicate);
    for (size_t k = 0; k < r.n; k++) assert_string_not_equal(r.v[k].id, copy->id);
    kb_similar_result_free(&r);

    /* An article not stored, about the same talks: the story comes first. */
    kb_article *fresh = kb_article_new();
    fresh->title = "بغداد وواشنطن تبحثان جدولا زمنيا لإنهاء مهمة التحالف الدولي";
    fresh->text = "بدأت اللجنة العسكرية العليا بين العراق والولايات المتحدة مشاورات لتحديد "
                  "موعد إنهاء مهمة التحالف الدولي ضد داعش وانسحاب القوات الأميركية من العراق.";
    assert_int_equal(kb_article_set_id(fresh), KB_OK);
    assert_int_equal(kb_store_similar(f->s, fresh, &(kb_similar_opts){ .limit = 3 }, &r), KB_OK);
    assert_int_equal(r.n, 3);
    for (size_t k = 0; k < r.n; k++) {
        int story = 0;
        for (int j = 0; j < 5; j++) story |= !strcmp(r.v[k].id, f->main_id[j]);
        story |= !strcmp(r.v[k].id, copy->id);
        assert_true(story);
    }
    kb_similar_result_free(&r);
    kb_buf_free(&t);
    kb_article_free(fresh);
    kb_article_free(copy);
    kb_article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clitics_and_diacritics_find_the_same_word),
        cmocka_unit_test(persian_yeh_is_arabic_yeh),
        cmocka_unit_test(latin_words_are_stemmed),
        cmocka_unit_test(snippets_keep_the_original_spelling),
        cmocka_unit_test(title_counts_more_than_body),
        cmocka_unit_test(phrases_and_operators),
        cmocka_unit_test(source_and_date_filters),
        cmocka_unit_test(similar_puts_the_same_story_first),
        cmocka_unit_test(similar_sets_copies_apart),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
