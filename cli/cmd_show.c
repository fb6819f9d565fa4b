/* cli/cmd_show.c -- `khabar show`: one stored article with all its fields. */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "store/store.h"

static void show_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar show [--db FILE] [--json] ID\n\n"
        "Print one stored article with all its fields: title, dates, source,\n"
        "dateline, author, URL, tags, related headlines, language, the whole body,\n"
        "warnings, when it was stored and the versions it replaced. ID is the\n"
        "16-digit id or a unique prefix of at least 6 digits.\n\n"
        "  --db FILE   the database (default $KHABAR_DB, else ./khabar.db)\n"
        "  --json      one JSON object: the fields of `khabar clean --json` plus\n"
        "              stored_at and revisions ([{old_id, new_id, revised_at}])\n"
        "  -h, --help  this help\n\n"
        "Exit codes: 0 shown, 1 not found (or ambiguous), 2 usage error.\n");
}

static void field(const char *label, const char *v)
{
    if (v) printf("  %-11s %s\n", label, v);
}

static void list(const char *label, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++) printf("  %-11s %s\n", i ? "" : label, v[i]);
}

static void print_readable(const kb_article *a, const char *json)
{
    printf("── %s", a->id);
    if (a->role == KB_ROLE_EMBEDDED) printf("  [embedded #%d, in %s]\n", a->part, a->parent);
    else printf("  [main]\n");
    field("title", a->title ? a->title : "(none)");
    printf("  %-11s %s", "published", a->published ? a->published : "(unknown)");
    if (a->date_source) printf("  [%s]", a->date_source);
    putchar('\n');
    field("updated", a->updated);
    field("source", a->source);
    field("dateline", a->dateline);
    field("author", a->author);
    field("url", a->url);
    field("canonical", a->canonical);
    field("input", a->input);
    field("crawl date", a->crawl_date);
    field("lang", a->lang);
    list("tags", a->tags, a->ntags);
    list("related", a->related, a->nrelated);
    list("warnings", a->warnings, a->nwarnings);
    /* stored_at and revisions come from the stored JSON form. */
    json_t *o = json ? json_loads(json, 0, NULL) : NULL;
    if (o) {
        field("stored at", json_string_value(json_object_get(o, "stored_at")));
        json_t *revs = json_object_get(o, "revisions"), *r;
        size_t i;
        json_array_foreach(revs, i, r)
            printf("  %-11s %s -> %s at %s\n", i ? "" : "revisions",
                   json_string_value(json_object_get(r, "old_id")),
                   json_string_value(json_object_get(r, "new_id")),
                   json_string_value(json_object_get(r, "revised_at")));
        json_decref(o);
    }
    printf("\n%s\n", a->text ? a->text : "");
}

int kb_cmd_show(int argc, char **argv)
{
    const char *db, *id;
    int json;
    int ex = kb_cli_one_id_args(argc, argv, "show", "article", show_usage, &db, &json, &id);
    if (ex >= 0) return ex;
    char err[512];
    kb_store *s = kb_store_open(kb_cli_db_path(db), 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "khabar show: %s\n", err);
        return KB_EXIT_SOME;
    }
    char full[17];
    int ambiguous = 0;
    int rc = kb_store_resolve_id(s, id, full, &ambiguous);
    kb_article *a = NULL;
    if (rc == KB_OK) rc = kb_store_get_article(s, full, &a);
    if (rc != KB_OK) {
        if (ambiguous)
            fprintf(stderr, "khabar show: '%s' is the start of several ids; give more digits\n", id);
        else if (rc == KB_EINVAL)
            fprintf(stderr, "khabar show: '%s' is not an article id (6 to 16 hex digits)\n", id);
        else if (rc == KB_ENOTFOUND)
            fprintf(stderr, "khabar show: no article %s\n", id);
        else
            fprintf(stderr, "khabar show: %s: %s\n", kb_strerror(rc), kb_store_errmsg(s));
        kb_store_close(s);
        return KB_EXIT_SOME;
    }
    char *js = kb_store_article_json(s, a);
    if (json) {
        if (js) printf("%s\n", js);
        else rc = KB_ENOMEM;
    } else {
        print_readable(a, js);
    }
    free(js);
    kb_article_free(a);
    kb_store_close(s);
    if (rc != KB_OK) {
        fprintf(stderr, "khabar show: %s\n", kb_strerror(rc));
        return KB_EXIT_SOME;
    }
    return KB_EXIT_OK;
}
