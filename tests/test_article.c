/* tests/test_article.c -- the kb_article record: its JSON form (valid JSON
 * whatever the text holds, fields in order) and its content id. */
#include "kb_test.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static kb_article *make(const char *title, const char *text)
{
    kb_article *a = kb_article_new();
    assert_non_null(a);
    a->title = kb_arena_strdup(&a->arena, title);
    a->text = kb_arena_strdup(&a->arena, text);
    assert_int_equal(kb_article_set_id(a), KB_OK);
    return a;
}

static void json_escapes_everything_that_needs_it(void **state)
{
    (void)state;
    const char *title = "\"اقتباس\" \\ <script>alert(1)</script>\t\x01";
    const char *text = "سطر أول\nسطر ثان\r\n«علامات» \xe2\x80\x8f RLM";
    kb_article *a = make(title, text);
    a->tags = kb_arena_alloc(&a->arena, 2 * sizeof *a->tags);
    a->tags[0] = "العراق";
    a->tags[1] = "a\"b";
    a->ntags = 2;
    char *js = kb_article_json(a);
    assert_non_null(js);
    assert_null(strchr(js, '\n'));              /* one line */
    json_error_t err;
    json_t *o = json_loads(js, 0, &err);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "title")), title);
    assert_string_equal(json_string_value(json_object_get(o, "text")), text);
    assert_string_equal(json_string_value(json_array_get(json_object_get(o, "tags"), 1)), "a\"b");
    assert_true(json_is_null(json_object_get(o, "published")));
    /* Keys in the documented order. */
    const char *order[] = { "id", "input", "part", "role", "parent", "title", "published", "updated",
                            "date_source", "source", "dateline", "author", "url", "canonical", "tags",
                            "related_headlines", "lang", "crawl_date", "text", "warnings" };
    const char *p = js;
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        char needle[40];
        snprintf(needle, sizeof needle, "\"%s\":", order[k]);
        const char *q = strstr(p, needle);
        assert_non_null(q);
        p = q;
    }
    json_decref(o);
    free(js);
    kb_article_free(a);
}

static void invalid_utf8_becomes_replacement_char(void **state)
{
    (void)state;
    kb_article *a = make("عنوان", "نص \xff\xfe مكسور \xd8");
    char *js = kb_article_json(a);
    json_t *o = json_loads(js, 0, NULL);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "text")),
                        "نص \xef\xbf\xbd\xef\xbf\xbd مكسور \xef\xbf\xbd");
    json_decref(o);
    free(js);
    kb_article_free(a);
}

static void id_ignores_spelling_variants_and_spacing(void **state)
{
    (void)state;
    /* The same article with harakat, Persian yeh and other line breaks is
     * the same article; a changed word is not. */
    kb_article *a = make("الولايات المتحدة", "بدء المحادثات في  العراق.\nجولة أولى.");
    kb_article *b = make("الولایات المتحدة", "بدء المُحادثات في العراق. جولة أولى.");
    kb_article *c = make("الولايات المتحدة", "بدء المحادثات في سوريا. جولة أولى.");
    assert_int_equal(strlen(a->id), 16);
    assert_string_equal(a->id, b->id);
    assert_string_not_equal(a->id, c->id);
    kb_article_free(a);
    kb_article_free(b);
    kb_article_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_escapes_everything_that_needs_it),
        cmocka_unit_test(invalid_utf8_becomes_replacement_char),
        cmocka_unit_test(id_ignores_spelling_variants_and_spacing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
