/* cli/cmd_search.c -- `khabar search`: full-text search with Arabic analysis,
 * BM25-ranked hits with snippets in the original spelling. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "khabar.h"
#include "store/store.h"

static void search_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar search [--db FILE] [--json] [--limit N] [--source S]\n"
        "                     [--since DATE] [--until DATE] QUERY...\n\n"
        "Search the stored articles. Words are matched after normalisation and light\n"
        "stemming, so محادثات also finds المحادثات, والمحادثات, ومحادثات and مُحادثات,\n"
        "and الولايات finds الولایات. Hits are ranked by BM25 (title counts 5x, tags\n"
        "2x, body 1x); each comes with a snippet in the original spelling, matched\n"
        "words marked [like this] (bold on a terminal).\n\n"
        "Query syntax: words (all must match), \"a phrase\", prefix* , AND, OR,\n"
        "NOT (upper case), parentheses. Anything else is plain text. Common words\n"
        "(في, من, the...) are ignored outside quotes.\n\n"
        "  --db FILE      the database (default $KHABAR_DB, else ./khabar.db)\n"
        "  --json         one JSON object per hit per line: id, score, title, source,\n"
        "                 published, snippet, highlights ([[start,end],...] byte\n"
        "                 offsets into snippet), title_highlights (into title)\n"
        "  --limit N      at most N hits (default 10)\n"
        "  --source S     only articles from source S (exact name)\n"
        "  --since DATE   only articles published on or after DATE (YYYY[-MM[-DD]])\n"
        "  --until DATE   only articles published on or before DATE\n"
        "  -h, --help     this help\n\n"
        "Exit codes: 0 hits found, 1 no hits (or a database error), 2 usage error or\n"
        "a query with nothing to search for.\n");
}

/* text with the spans marked: ANSI bold on a terminal, else [..]. */
static void put_marked(FILE *out, const char *text, const kb_span *hl, size_t n, int tty)
{
    const char *on = tty ? "\033[1m" : "[", *off = tty ? "\033[0m" : "]";
    size_t at = 0, len = strlen(text);
    for (size_t i = 0; i < n; i++) {
        if (hl[i].start < at || hl[i].end > len) continue;
        fwrite(text + at, 1, hl[i].start - at, out);
        fputs(on, out);
        fwrite(text + hl[i].start, 1, hl[i].end - hl[i].start, out);
        fputs(off, out);
        at = hl[i].end;
    }
    fputs(text + at, out);
}

static json_t *spans_json(const kb_span *hl, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("[II]", (json_int_t)hl[i].start, (json_int_t)hl[i].end));
    return a;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static void print_json(const kb_search_hit *h)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(h->id));
    json_object_set_new(o, "score", json_real(h->score));
    json_object_set_new(o, "title", str_or_null(h->title));
    json_object_set_new(o, "source", str_or_null(h->source));
    json_object_set_new(o, "published", str_or_null(h->published));
    json_object_set_new(o, "snippet", str_or_null(h->snippet));
    json_object_set_new(o, "highlights", spans_json(h->hl, h->nhl));
    json_object_set_new(o, "title_highlights", spans_json(h->title_hl, h->ntitle_hl));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    if (s) { puts(s); free(s); }
    json_decref(o);
}

static void print_hit(size_t rank, const kb_search_hit *h, int tty)
{
    printf("%zu. %s  %.3g", rank, h->id, h->score);   /* BM25 of common words is tiny */
    if (h->source) printf("  %s", h->source);
    printf("  %s\n   ", h->published ? h->published : "(undated)");
    if (h->title) put_marked(stdout, h->title, h->title_hl, h->ntitle_hl, tty);
    else fputs("(no title)", stdout);
    fputs("\n   ", stdout);
    put_marked(stdout, h->snippet ? h->snippet : "", h->hl, h->nhl, tty);
    fputs("\n\n", stdout);
}

int kb_cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "json", no_argument, NULL, 'j' },
        { "limit", required_argument, NULL, 'n' },
        { "source", required_argument, NULL, 's' },
        { "since", required_argument, NULL, 'S' },
        { "until", required_argument, NULL, 'U' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    int json = 0, c;
    kb_search_opts so = { .limit = 10 };
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jn:s:S:U:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 'n': {
            long v;
            if (!kb_cli_parse_count(optarg, 1, 10000, &v)) {
                fprintf(stderr, "khabar search: bad --limit '%s' (1..10000)\n", optarg);
                return KB_EXIT_USAGE;
            }
            so.limit = (size_t)v;
            break;
        }
        case 's': so.source = optarg; break;
        case 'S': so.since = optarg; break;
        case 'U': so.until = optarg; break;
        case 'h': search_usage(stdout); return KB_EXIT_OK;
        default: search_usage(stderr); return KB_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "khabar search: no query given\n");
        search_usage(stderr);
        return KB_EXIT_USAGE;
    }
    /* The words of the query may come as separate arguments. */
    kb_buf query = { 0 };
    for (int i = optind; i < argc; i++) {
        if (i > optind) kb_buf_putc(&query, ' ');
        kb_buf_puts(&query, argv[i]);
    }
    if (!query.data) { fprintf(stderr, "khabar search: out of memory\n"); return KB_EXIT_SOME; }

    char err[512];
    kb_store *s = kb_store_open(kb_cli_db_path(db), 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "khabar search: %s\n", err);
        kb_buf_free(&query);
        return KB_EXIT_SOME;
    }
    kb_search_result r;
    int rc = kb_store_search(s, query.data, &so, &r, err, sizeof err);
    int exit_code = KB_EXIT_OK;
    if (rc == KB_EEMPTY || rc == KB_EINVAL) {
        fprintf(stderr, "khabar search: %s\n", err);
        exit_code = KB_EXIT_USAGE;
    } else if (rc != KB_OK) {
        fprintf(stderr, "khabar search: %s\n", *err ? err : kb_strerror(rc));
        exit_code = KB_EXIT_SOME;
    } else {
        int tty = !json && isatty(1);
        for (size_t i = 0; i < r.n; i++) {
            if (json) print_json(&r.v[i]);
            else print_hit(i + 1, &r.v[i], tty);
        }
        if (!r.n) {
            fprintf(stderr, "khabar search: no matches for %s\n", query.data);
            exit_code = KB_EXIT_SOME;
        }
        kb_search_result_free(&r);
    }
    kb_store_close(s);
    kb_buf_free(&query);
    return exit_code;
}
