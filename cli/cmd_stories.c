/* cli/cmd_stories.c -- `khabar stories`: the stored stories, latest activity
 * first. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>

#include "store/stories.h"

static void stories_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar stories [--db FILE] [--json] [--since DATE] [--source S]\n"
        "                      [--min-articles N] [--limit N] [--offset N]\n\n"
        "List the stories built from the stored articles, latest activity first:\n"
        "id, headline, date span, article and source counts.\n\n"
        "  --db FILE          the database (default $KHABAR_DB, else ./khabar.db)\n"
        "  --json             one JSON object {stories:[{id, headline, first, last,\n"
        "                     articles, originals, sources}], total, offset, limit}\n"
        "  --since DATE       stories active on or after DATE (YYYY-MM-DD)\n"
        "  --source S         stories with an article from outlet S\n"
        "  --min-articles N   stories with at least N original articles (default 1)\n"
        "  --limit N          at most N stories (default 20)\n"
        "  --offset N         skip the first N\n"
        "  -h, --help         this help\n\n"
        "Exit codes: 0 listed, 1 database error, 2 usage error.\n");
}

int kb_cmd_stories(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "json", no_argument, NULL, 'j' },
        { "since", required_argument, NULL, 's' },
        { "source", required_argument, NULL, 'S' },
        { "min-articles", required_argument, NULL, 'm' },
        { "limit", required_argument, NULL, 'l' },
        { "offset", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    int json = 0, c;
    kb_stories_query q = { 0 };
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:js:S:m:l:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 's': q.since = optarg; break;
        case 'S': q.source = optarg; break;
        case 'm': case 'l': case 'o': {
            size_t *dst = c == 'm' ? &q.min_articles : c == 'l' ? &q.limit : &q.offset;
            long v;
            if (!kb_cli_parse_count(optarg, 0, 100000000, &v)) {
                fprintf(stderr, "khabar stories: bad number '%s'\n", optarg);
                return KB_EXIT_USAGE;
            }
            *dst = (size_t)v;
            break;
        }
        case 'h': stories_usage(stdout); return KB_EXIT_OK;
        default: stories_usage(stderr); return KB_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "khabar stories: unexpected argument '%s'\n", argv[optind]);
        return KB_EXIT_USAGE;
    }
    char err[512];
    kb_store *s = kb_store_open(kb_cli_db_path(db), 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "khabar stories: %s\n", err);
        return KB_EXIT_SOME;
    }
    char *out = NULL;
    int rc = kb_store_stories_json(s, &q, &out);
    kb_store_close(s);
    if (rc == KB_EINVAL) {
        fprintf(stderr, "khabar stories: --since wants a date like 2024-07-23\n");
        return KB_EXIT_USAGE;
    }
    if (rc != KB_OK) {
        fprintf(stderr, "khabar stories: %s\n", kb_strerror(rc));
        return KB_EXIT_SOME;
    }
    if (json) {
        puts(out);
    } else {
        json_t *o = json_loads(out, 0, NULL);
        json_t *arr = json_object_get(o, "stories"), *v;
        size_t i;
        json_array_foreach(arr, i, v) kb_cli_print_story_line(stdout, v);
        printf("%zu of %lld stories shown\n", json_array_size(arr),
               (long long)json_integer_value(json_object_get(o, "total")));
        json_decref(o);
    }
    free(out);
    return KB_EXIT_OK;
}
