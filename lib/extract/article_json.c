/* extract/article_json.c -- the JSON form of a kb_article, as `khabar clean
 * --json` prints it and the store and API return it. Keys in a fixed order. */
#include "khabar.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *str_array(const char *const *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) json_array_append_new(arr, json_string(v[i]));
    return arr;
}

char *kb_article_json(const kb_article *a)
{
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "id", json_string(a->id));
    json_object_set_new(o, "input", str_or_null(a->input));
    json_object_set_new(o, "part", json_integer(a->part));
    json_object_set_new(o, "role", json_string(a->role == KB_ROLE_MAIN ? "main" : "embedded"));
    json_object_set_new(o, "parent", a->parent[0] ? json_string(a->parent) : json_null());
    json_object_set_new(o, "title", str_or_null(a->title));
    json_object_set_new(o, "published", str_or_null(a->published));
    json_object_set_new(o, "updated", str_or_null(a->updated));
    json_object_set_new(o, "date_source", str_or_null(a->date_source));
    json_object_set_new(o, "source", str_or_null(a->source));
    json_object_set_new(o, "dateline", str_or_null(a->dateline));
    json_object_set_new(o, "author", str_or_null(a->author));
    json_object_set_new(o, "url", str_or_null(a->url));
    json_object_set_new(o, "canonical", str_or_null(a->canonical));
    json_object_set_new(o, "tags", str_array(a->tags, a->ntags));
    json_object_set_new(o, "related_headlines", str_array(a->related, a->nrelated));
    json_object_set_new(o, "lang", str_or_null(a->lang));
    json_object_set_new(o, "crawl_date", str_or_null(a->crawl_date));
    json_object_set_new(o, "text", str_or_null(a->text));
    json_object_set_new(o, "warnings", str_array(a->warnings, a->nwarnings));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
