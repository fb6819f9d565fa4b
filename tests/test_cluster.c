/* tests/test_cluster.c -- story clustering on the five samples: the main
 * articles (and the related Reuters piece appended to 000) make one story,
 * the other appended pieces stories of their own, whatever the order of
 * adding. The articles are cut out of the sample files here, by the
 * "إقرأ أيضاً" marker lines, as the extract stage will do. */
#include "kb_test.h"
#include "story/story.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXDOCS 16

typedef struct {
    char id[16];
    char *title, *text;
    int32_t day;
} tdoc;

static tdoc docs[MAXDOCS];
static size_t ndocs;

static int32_t day_of(int y, int m, int d)
{
    kb_date t = { .year = (int16_t)y, .month = (int8_t)m, .day = (int8_t)d, .prec = KB_PREC_DAY };
    return (int32_t)kb_date_days(&t);
}

static int starts(const char *line, const char *prefix)
{
    while (*line == ' ' || *line == '\t') line++;
    return strncmp(line, prefix, strlen(prefix)) == 0;
}

/* Cut one sample file into its main article and its appended one. */
static void cut(const char *file, const char *id, const char *title_line1, int32_t day)
{
    char rel[256];
    snprintf(rel, sizeof rel, "samples/%s", file);
    size_t len;
    char *all = kb_test_read_file(kb_test_path(rel), &len);
    assert_non_null(all);
    kb_buf main = {0}, app = {0};
    char *app_title = NULL;
    int part = 0, lineno = 0;   /* part 0: main, 1: appended, 2: trailing lists */
    for (char *p = all; p && *p;) {
        char *e = strchr(p, '\n');
        if (e) *e = '\0';
        lineno++;
        if (starts(p, "إقرأ أيضاً")) {
            part = 1;
        } else if (starts(p, "قد يهمك أيضا") || starts(p, "مقالات مشابهة")) {
            part = 2;
        } else if (part == 0) {
            int furniture = starts(p, "المصدر:") || starts(p, "كلمات دلالية") ||
                            starts(p, "أخبار ذات صلة") || strstr(p, "آخر تحديث") ||
                            strstr(p, "تاريخ النشر") || (title_line1 && lineno == 1);
            if (!furniture) {
                kb_buf_puts(&main, p);
                kb_buf_putc(&main, '\n');
            }
        } else if (part == 1 && *p) {
            if (!app_title) {
                app_title = strdup(p);
            } else {
                kb_buf_puts(&app, p);
                kb_buf_putc(&app, '\n');
            }
        }
        p = e ? e + 1 : NULL;
    }
    tdoc *d = &docs[ndocs++];
    snprintf(d->id, sizeof d->id, "%s", id);
    d->title = title_line1 ? strdup(title_line1) : NULL;
    d->text = kb_buf_detach(&main, NULL);
    d->day = day;
    if (app_title) {
        d = &docs[ndocs++];
        snprintf(d->id, sizeof d->id, "%s+1", id);
        d->title = app_title;
        d->text = kb_buf_detach(&app, NULL);
        d->day = KB_NO_DAY;
    }
    kb_buf_free(&app);
    free(all);
}

static int setup(void **state)
{
    (void)state;
    ndocs = 0;
    cut("000_f122214a9d49da4a.txt", "000", NULL, day_of(2024, 7, 23));
    cut("001_57f495dec0a2a805.txt", "001", NULL, KB_NO_DAY);
    cut("002_dff5410a16d3e991.txt", "002", "واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري الأميركي بالعراق",
        day_of(2024, 1, 25));
    cut("003_5c49057d6339451f.txt", "003", NULL, KB_NO_DAY);
    cut("004_e340d19b9189306f.txt", "004", NULL, day_of(2024, 8, 12));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < ndocs; i++) {
        free(docs[i].title);
        free(docs[i].text);
    }
    ndocs = 0;
    return 0;
}

static const tdoc *doc_by_id(const char *id)
{
    for (size_t i = 0; i < ndocs; i++)
        if (strcmp(docs[i].id, id) == 0) return &docs[i];
    fail_msg("no doc %s", id);
    return NULL;
}

static kb_story_doc as_story_doc(const tdoc *t)
{
    kb_story_doc d = {0};
    d.id = t->id;
    d.title = t->title;
    d.text = t->text;
    d.day = t->day;
    d.lang = "ar";
    return d;
}

/* Cluster docs in the order given; returns the finished cluster. */
static kb_cluster *cluster_in_order(const size_t *order, size_t n)
{
    kb_cluster *c = kb_cluster_new(NULL);
    assert_non_null(c);
    for (size_t k = 0; k < n; k++) {
        kb_story_doc d = as_story_doc(&docs[order[k]]);
        uint32_t idx, story;
        assert_int_equal(kb_cluster_add(c, &d, &idx, &story), KB_OK);
        assert_int_equal(idx, k);
        assert_true(story <= idx);
    }
    assert_int_equal(kb_cluster_finish(c), KB_OK);
    if (getenv("KB_DEBUG_SIM")) {   /* the similarity matrix, for tuning */
        for (uint32_t i = 0; i < n; i++) {
            print_message("%-6s", kb_cluster_doc_id(c, i));
            for (uint32_t j = 0; j < n; j++)
                print_message(" %.3f", kb_cluster_similarity(c, i, j));
            print_message("\n");
        }
    }
    return c;
}

static uint32_t index_of(const kb_cluster *c, const char *id)
{
    for (uint32_t i = 0; i < kb_cluster_count(c); i++)
        if (strcmp(kb_cluster_doc_id(c, i), id) == 0) return i;
    fail_msg("no article %s in the cluster", id);
    return 0;
}

static const char *story_of_id(const kb_cluster *c, const char *id)
{
    return kb_cluster_story_id(c, kb_cluster_story_of(c, index_of(c, id)));
}

/* ------------------------------------------------------------ tests */

static void samples_are_cut_as_read(void **state)
{
    (void)state;
    /* 000, 002, 003, 004 carry an appended piece, 001 only headlines. */
    assert_int_equal(ndocs, 9);
    assert_non_null(strstr(doc_by_id("000+1")->title, "خطة انسحاب قوات التحالف الدولي"));
    assert_non_null(strstr(doc_by_id("002+1")->title, "فيضانات تكساس"));
    assert_non_null(strstr(doc_by_id("003+1")->title, "حل الدولتين"));
    assert_non_null(strstr(doc_by_id("004+1")->title, "بالعون"));
    assert_null(strstr(doc_by_id("003")->text, "حل الدولتين"));
    assert_null(strstr(doc_by_id("001")->text, "برهم صالح"));
}

static void samples_make_one_story_and_three_singles(void **state)
{
    (void)state;
    size_t order[MAXDOCS];
    for (size_t i = 0; i < ndocs; i++) order[i] = i;
    kb_cluster *c = cluster_in_order(order, ndocs);
    assert_int_equal(kb_cluster_nstories(c), 4);
    /* The story of the coalition's mission: the earliest dated article is
     * 002 (25 January 2024), so that is its id. */
    const char *main_ids[] = { "000", "001", "002", "003", "004", "000+1" };
    for (size_t k = 0; k < 6; k++) assert_string_equal(story_of_id(c, main_ids[k]), "s002");
    size_t k = kb_cluster_story_of(c, index_of(c, "002")), n;
    const uint32_t *members = kb_cluster_story_docs(c, k, &n);
    assert_int_equal(n, 6);
    /* earliest first: 002 (Jan), 000 (Jul), 004 (Aug), then the undated
     * ones by id */
    const char *want[] = { "002", "000", "004", "000+1", "001", "003" };
    for (size_t j = 0; j < n; j++) assert_string_equal(kb_cluster_doc_id(c, members[j]), want[j]);
    /* Stories of their own for the appended pieces on other subjects. */
    assert_string_equal(story_of_id(c, "002+1"), "s002+1");
    assert_string_equal(story_of_id(c, "003+1"), "s003+1");
    assert_string_equal(story_of_id(c, "004+1"), "s004+1");
    /* Stories in order of their earliest article. */
    assert_string_equal(kb_cluster_story_id(c, 0), "s002");
    kb_cluster_free(c);
}

static void shared_words_are_not_a_shared_event(void **state)
{
    (void)state;
    size_t order[MAXDOCS];
    for (size_t i = 0; i < ndocs; i++) order[i] = i;
    kb_cluster *c = cluster_in_order(order, ndocs);
    kb_cluster_params p;
    kb_cluster_params_default(&p);
    /* The Rabat meeting of the coalition for the two-state solution shares
     * "التحالف الدولي" with every main article, and yet is not even weakly
     * linked to any; nor are the Texas floods and the Libyan parliament
     * pieces. */
    uint32_t rabat = index_of(c, "003+1");
    const char *mains[] = { "000", "001", "002", "003", "004", "000+1" };
    double best_main_pair = 0;
    for (size_t k = 0; k < 6; k++) {
        uint32_t m = index_of(c, mains[k]);
        assert_true(kb_cluster_similarity(c, rabat, m) < p.attach_threshold);
        assert_true(kb_cluster_similarity(c, index_of(c, "002+1"), m) < p.attach_threshold);
        assert_true(kb_cluster_similarity(c, index_of(c, "004+1"), m) < p.attach_threshold);
        if (k) {
            double s = kb_cluster_similarity(c, index_of(c, "000"), m);
            if (s > best_main_pair) best_main_pair = s;
        }
    }
    /* while 000's best link into the story is at least a weak link, and
     * closer than anything it shares with the pieces on other subjects */
    assert_true(best_main_pair >= p.attach_threshold);
    const char *others[] = { "002+1", "003+1", "004+1" };
    for (size_t k = 0; k < 3; k++)
        assert_true(kb_cluster_similarity(c, index_of(c, "000"), index_of(c, others[k])) <
                    best_main_pair);
    /* the Reuters piece on the same withdrawal plan is closer to 000 than
     * the Rabat piece is */
    assert_true(kb_cluster_similarity(c, index_of(c, "000"), index_of(c, "000+1")) >
                kb_cluster_similarity(c, index_of(c, "000"), rabat));
    assert_true(kb_cluster_similarity(c, rabat, rabat) == 1.0);
    kb_cluster_free(c);
}

/* A small local PRNG (xorshift64*), fixed seed: the test is repeatable. */
static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

static void same_stories_in_any_order(void **state)
{
    (void)state;
    size_t order[MAXDOCS];
    for (size_t i = 0; i < ndocs; i++) order[i] = i;
    kb_cluster *ref = cluster_in_order(order, ndocs);
    uint64_t seed = 0x5eed1234abcdull;
    for (int round = 0; round < 20; round++) {
        for (size_t i = ndocs - 1; i > 0; i--) {
            size_t j = (size_t)(rng_next(&seed) % (i + 1));
            size_t t = order[i]; order[i] = order[j]; order[j] = t;
        }
        kb_cluster *c = cluster_in_order(order, ndocs);
        assert_int_equal(kb_cluster_nstories(c), kb_cluster_nstories(ref));
        for (size_t i = 0; i < ndocs; i++) {
            assert_string_equal(story_of_id(c, docs[i].id), story_of_id(ref, docs[i].id));
            for (size_t j = 0; j < ndocs; j++) {
                double a = kb_cluster_similarity(c, index_of(c, docs[i].id), index_of(c, docs[j].id));
                double b = kb_cluster_similarity(ref, index_of(ref, docs[i].id),
                                                 index_of(ref, docs[j].id));
                assert_true(a == b);   /* bit for bit */
            }
        }
        for (size_t k = 0; k < kb_cluster_nstories(c); k++)
            assert_string_equal(kb_cluster_story_id(c, k), kb_cluster_story_id(ref, k));
        kb_cluster_free(c);
    }
    kb_cluster_free(ref);
}

static void rebuild_from_terms(void **state)
{
    (void)state;
    size_t order[MAXDOCS];
    for (size_t i = 0; i < ndocs; i++) order[i] = i;
    kb_cluster *a = cluster_in_order(order, ndocs);
    kb_cluster *b = kb_cluster_new(NULL);
    for (uint32_t i = (uint32_t)ndocs; i-- > 0;) {
        kb_story_terms t;
        assert_int_equal(kb_cluster_doc_terms(a, i, &t), KB_OK);
        assert_true(t.n > 10);
        for (size_t k = 1; k < t.n; k++) assert_true(t.term[k - 1] < t.term[k]);
        assert_int_equal(kb_cluster_add_terms(b, kb_cluster_doc_id(a, i), kb_cluster_doc_day(a, i),
                                              NULL, NULL, &t, NULL, NULL), KB_OK);
        kb_story_terms_free(&t);
    }
    assert_int_equal(kb_cluster_finish(b), KB_OK);
    for (size_t i = 0; i < ndocs; i++)
        assert_string_equal(story_of_id(a, docs[i].id), story_of_id(b, docs[i].id));
    kb_cluster_free(a);
    kb_cluster_free(b);
}

static void dup_group_joins_the_original(void **state)
{
    (void)state;
    /* A very short wire brief, reprinted: too short to be similar enough,
     * the dedup group puts it with its original. */
    kb_cluster *c = kb_cluster_new(NULL);
    for (size_t i = 0; i < ndocs; i++) {
        kb_story_doc d = as_story_doc(&docs[i]);
        assert_int_equal(kb_cluster_add(c, &d, NULL, NULL), KB_OK);
    }
    kb_story_doc brief = { .id = "wire-1", .title = "عاجل", .text = "بيان مقتضب.",
                           .day = KB_NO_DAY, .dup_group = "004+1" };
    assert_int_equal(kb_cluster_add(c, &brief, NULL, NULL), KB_OK);
    /* the same id twice is refused */
    assert_int_equal(kb_cluster_add(c, &brief, NULL, NULL), KB_EINVAL);
    assert_int_equal(kb_cluster_finish(c), KB_OK);
    assert_string_equal(story_of_id(c, "wire-1"), "s004+1");
    /* its original turned out to be another article: the group follows */
    uint32_t w = index_of(c, "wire-1");
    assert_int_equal(kb_cluster_set_group(c, w, "002+1"), KB_OK);
    assert_int_equal(kb_cluster_set_group(c, 999, "002+1"), KB_EINVAL);
    assert_int_equal(kb_cluster_finish(c), KB_OK);
    assert_string_equal(story_of_id(c, "wire-1"), "s002+1");
    assert_string_equal(story_of_id(c, "004+1"), "s004+1");
    kb_cluster_stats st;
    kb_cluster_get_stats(c, &st);
    assert_int_equal(st.group_links, 1);
    kb_cluster_free(c);
}

/* The same samples read and cut by the pipeline itself (read -> extract),
 * as `khabar run` will feed them: the same partition. */
static void samples_through_extract(void **state)
{
    (void)state;
    const char *files[] = {
        "000_f122214a9d49da4a.txt", "001_57f495dec0a2a805.txt", "002_dff5410a16d3e991.txt",
        "003_5c49057d6339451f.txt", "004_e340d19b9189306f.txt",
    };
    kb_article_list all = {0};
    int first_of_file[5];
    for (int f = 0; f < 5; f++) {
        char rel[256];
        snprintf(rel, sizeof rel, "samples/%s", files[f]);
        size_t len;
        char *bytes = kb_test_read_file(kb_test_path(rel), &len);
        assert_non_null(bytes);
        kb_doc *doc;
        char msg[256];
        assert_int_equal(kb_read_memory(rel, (const unsigned char *)bytes, len, NULL, &doc, msg,
                                        sizeof msg), KB_OK);
        first_of_file[f] = (int)all.n;
        assert_int_equal(kb_extract(doc, &all), KB_OK);
        kb_doc_free(doc);
        free(bytes);
    }
    /* 000, 002, 003, 004 carry one embedded article each */
    assert_int_equal(all.n, 9);
    kb_cluster *c = kb_cluster_new(NULL);
    for (size_t i = 0; i < all.n; i++) {
        const kb_article *a = all.v[i];
        kb_story_doc d = { .id = a->id, .title = a->title, .text = a->text, .day = KB_NO_DAY,
                           .source = a->source, .lang = a->lang };
        kb_date dt;
        if (a->published && kb_date_parse_iso(a->published, strlen(a->published), &dt) == KB_OK &&
            dt.prec >= KB_PREC_DAY)
            d.day = (int32_t)kb_date_days(&dt);
        assert_int_equal(kb_cluster_add(c, &d, NULL, NULL), KB_OK);
    }
    assert_int_equal(kb_cluster_finish(c), KB_OK);
    assert_int_equal(kb_cluster_nstories(c), 4);
    /* the story of the mission is named after 002's main article, the
     * earliest dated one (25 January 2024) */
    char want[24];
    snprintf(want, sizeof want, "s%s", all.v[first_of_file[2]]->id);
    for (int f = 0; f < 5; f++)
        assert_string_equal(story_of_id(c, all.v[first_of_file[f]]->id), want);
    for (size_t i = 0; i < all.n; i++) {
        const kb_article *a = all.v[i];
        if (a->role != KB_ROLE_EMBEDDED) continue;
        const char *sid = story_of_id(c, a->id);
        if (strstr(a->title, "خطة انسحاب قوات التحالف")) {
            assert_string_equal(sid, want);               /* the Reuters piece */
        } else {
            assert_string_equal(sid + 1, a->id);          /* a story of its own */
            size_t n;
            kb_cluster_story_docs(c, kb_cluster_story_of(c, index_of(c, a->id)), &n);
            assert_int_equal(n, 1);
        }
    }
    kb_cluster_free(c);
    kb_article_list_free(&all);
}

static void empty_and_bad_input(void **state)
{
    (void)state;
    kb_cluster *c = kb_cluster_new(NULL);
    kb_story_doc none = { .id = "empty", .day = KB_NO_DAY };
    assert_int_equal(kb_cluster_add(c, &none, NULL, NULL), KB_OK);
    kb_story_doc noid = { .title = "x" };
    assert_int_equal(kb_cluster_add(c, &noid, NULL, NULL), KB_EINVAL);
    assert_int_equal(kb_cluster_finish(c), KB_OK);
    assert_int_equal(kb_cluster_nstories(c), 1);
    assert_string_equal(kb_cluster_story_id(c, 0), "sempty");
    kb_cluster_free(c);
    kb_cluster_params p;
    kb_cluster_params_default(&p);
    p.threshold = 0;
    assert_null(kb_cluster_new(&p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(samples_are_cut_as_read, setup, teardown),
        cmocka_unit_test_setup_teardown(samples_make_one_story_and_three_singles, setup, teardown),
        cmocka_unit_test_setup_teardown(shared_words_are_not_a_shared_event, setup, teardown),
        cmocka_unit_test_setup_teardown(same_stories_in_any_order, setup, teardown),
        cmocka_unit_test_setup_teardown(rebuild_from_terms, setup, teardown),
        cmocka_unit_test_setup_teardown(dup_group_joins_the_original, setup, teardown),
        cmocka_unit_test(samples_through_extract),
        cmocka_unit_test(empty_and_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
