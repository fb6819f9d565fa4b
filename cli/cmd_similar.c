/* cli/cmd_similar.c -- `khabar similar`: the stored articles most like a
 * stored article, or like a file read now (not stored). */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "khabar.h"
#include "store/store.h"

static void similar_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar similar [--db FILE] [--json] [--limit N] ID|PATH\n\n"
        "The stored articles most like a stored article (ID: 16 hex digits or a\n"
        "unique prefix of 6 or more) or like the main article of a file (PATH: read\n"
        "and extracted now, not stored). Other reports of the same event come first:\n"
        "candidates from the article's most distinctive words are ranked by TF-IDF\n"
        "cosine over stems (title and lead weighted), plus a bonus for shared names\n"
        "and for publication dates close together. Near-identical copies (cosine\n"
        ">= 0.9: reprints, revisions) are listed apart.\n\n"
        "  --db FILE   the database (default $KHABAR_DB, else ./khabar.db)\n"
        "  --json      one JSON object: id, title, similar [{id, score, cosine, names,\n"
        "              date, title, source, published}], duplicates [same fields]\n"
        "  --limit N   at most N similar articles (default 10)\n"
        "  -h, --help  this help\n\n"
        "Exit codes: 0 shown, 1 article not found or unreadable, 2 usage error.\n");
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static double round4(double x)
{
    return (double)(long long)(x * 10000 + (x < 0 ? -0.5 : 0.5)) / 10000;
}

static json_t *hits_json(const kb_similar_hit *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(v[i].id));
        json_object_set_new(o, "score", json_real(round4(v[i].score)));
        json_object_set_new(o, "cosine", json_real(round4(v[i].cosine)));
        json_object_set_new(o, "names", json_real(round4(v[i].entity)));
        json_object_set_new(o, "date", json_real(round4(v[i].date)));
        json_object_set_new(o, "title", str_or_null(v[i].title));
        json_object_set_new(o, "source", str_or_null(v[i].source));
        json_object_set_new(o, "published", str_or_null(v[i].published));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void print_hits(const kb_similar_hit *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        printf("%2zu. %s  %.3f  (cosine %.3f, names %.3f, date %.3f)", i + 1, v[i].id,
               v[i].score, v[i].cosine, v[i].entity, v[i].date);
        if (v[i].source) printf("  %s", v[i].source);
        printf("  %s\n    %s\n", v[i].published ? v[i].published : "(undated)",
               v[i].title ? v[i].title : "(no title)");
    }
}

/* The main article of the first document at path; NULL with a message. */
static kb_article *read_article(const char *path, char *err, size_t errcap)
{
    kb_reader *r = kb_reader_new(NULL);
    if (!r) { snprintf(err, errcap, "out of memory"); return NULL; }
    kb_reader_add(r, path);
    kb_read_item item;
    kb_article *a = NULL;
    int rc;
    while (!a && (rc = kb_reader_next(r, &item)) == KB_OK && item.kind != KB_READ_END) {
        if (item.kind == KB_READ_REJECT) {
            kb_buf m = { 0 };
            kb_buf_printf(&m, "%s: %s", item.input, item.message);
            snprintf(err, errcap, "%s", m.data ? m.data : "out of memory");
            kb_buf_free(&m);
            continue;
        }
        kb_article_list list = { 0 };
        int erc = kb_extract(item.doc, &list);
        if (erc == KB_OK && list.n) {
            a = list.v[0];
            list.v[0] = NULL;
            for (size_t i = 1; i < list.n; i++) kb_article_free(list.v[i]);
            free(list.v);
        } else {
            snprintf(err, errcap, "%s: %s", item.doc->input,
                     erc == KB_EEMPTY ? "no article text found" : kb_strerror(erc));
            kb_article_list_free(&list);
        }
        kb_doc_free(item.doc);
    }
    kb_reader_free(r);
    if (!a && !*err) snprintf(err, errcap, "%s: nothing to read", path);
    return a;
}

int kb_cmd_similar(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "json", no_argument, NULL, 'j' },
        { "limit", required_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    int json = 0, c;
    kb_similar_opts so = { .limit = 10 };
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jn:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 'n': {
            long v;
            if (!kb_cli_parse_count(optarg, 1, 1000, &v)) {
                fprintf(stderr, "khabar similar: bad --limit '%s' (1..1000)\n", optarg);
                return KB_EXIT_USAGE;
            }
            so.limit = (size_t)v;
            break;
        }
        case 'h': similar_usage(stdout); return KB_EXIT_OK;
        default: similar_usage(stderr); return KB_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "khabar similar: give one article id or one file\n");
        similar_usage(stderr);
        return KB_EXIT_USAGE;
    }
    const char *arg = argv[optind];
    char err[1024] = "";
    kb_store *s = kb_store_open(kb_cli_db_path(db), 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "khabar similar: %s\n", err);
        return KB_EXIT_SOME;
    }
    kb_article *a = NULL;
    struct stat st;
    int rc;
    if (stat(arg, &st) == 0 || !strcmp(arg, "-")) {
        a = read_article(arg, err, sizeof err);
        rc = a ? KB_OK : KB_ENOTFOUND;
    } else {
        int ambiguous = 0;
        char id[17];
        rc = kb_store_resolve_id(s, arg, id, &ambiguous);
        if (rc == KB_OK) rc = kb_store_get_article(s, id, &a);
        if (ambiguous) snprintf(err, sizeof err, "'%s' is the start of several ids", arg);
        else if (rc == KB_EINVAL)
            snprintf(err, sizeof err, "'%s' is neither a file nor an article id", arg);
        else if (rc == KB_ENOTFOUND) snprintf(err, sizeof err, "no article %s", arg);
        else if (rc != KB_OK) snprintf(err, sizeof err, "%s", kb_strerror(rc));
    }
    if (rc != KB_OK) {
        fprintf(stderr, "khabar similar: %s\n", err);
        kb_store_close(s);
        return KB_EXIT_SOME;
    }
    kb_similar_result r;
    rc = kb_store_similar(s, a, &so, &r);
    if (rc != KB_OK) {
        fprintf(stderr, "khabar similar: %s: %s\n", kb_strerror(rc), kb_store_errmsg(s));
    } else if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(a->id));
        json_object_set_new(o, "title", str_or_null(a->title));
        json_object_set_new(o, "similar", hits_json(r.v, r.n));
        json_object_set_new(o, "duplicates", hits_json(r.dups, r.ndups));
        char *js = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
        if (js) { puts(js); free(js); }
        json_decref(o);
    } else {
        printf("similar to %s  %s\n\n", a->id, a->title ? a->title : "(no title)");
        if (r.n) print_hits(r.v, r.n);
        else printf("    (no similar article stored)\n");
        if (r.ndups) {
            printf("\ncopies of it (near-identical text):\n");
            print_hits(r.dups, r.ndups);
        }
    }
    kb_similar_result_free(&r);
    kb_article_free(a);
    kb_store_close(s);
    return rc == KB_OK ? KB_EXIT_OK : KB_EXIT_SOME;
}
