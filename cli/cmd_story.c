/* cli/cmd_story.c -- `khabar story ID`: one story in full. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>

#include "store/stories.h"

static void story_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar story [--db FILE] [--json] ID\n\n"
        "Print one story: headline, summary (each sentence with its source), the\n"
        "timeline of what happened (each event with every source reporting it, and\n"
        "the versions where sources disagree), the milestones announced for later,\n"
        "the entities involved with their roles, and the articles, copies folded\n"
        "under their original. ID is the story id (s + 16 hex digits, as `khabar\n"
        "stories` prints it) or a unique prefix of at least 7 characters.\n\n"
        "  --db FILE   the database (default $KHABAR_DB, else ./khabar.db)\n"
        "  --json      one JSON object: id, headline, first, last, sources, summary,\n"
        "              timeline, milestones, entities, articles, article_count\n"
        "  -h, --help  this help\n\n"
        "Exit codes: 0 shown, 1 not found (or ambiguous), 2 usage error.\n");
}

int kb_cmd_story(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 'h': story_usage(stdout); return KB_EXIT_OK;
        default: story_usage(stderr); return KB_EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "khabar story: give one story id\n");
        story_usage(stderr);
        return KB_EXIT_USAGE;
    }
    char err[512];
    kb_store *s = kb_store_open(kb_cli_db_path(db), 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "khabar story: %s\n", err);
        return KB_EXIT_SOME;
    }
    char *out = NULL;
    int rc = kb_store_story_json(s, argv[optind], &out);
    kb_store_close(s);
    if (rc == KB_ENOTFOUND || rc == KB_EINVAL) {
        fprintf(stderr, "khabar story: %s: %s\n", argv[optind],
                rc == KB_EINVAL ? "ambiguous or too short (give at least 7 characters)" : "no such story");
        return KB_EXIT_SOME;
    }
    if (rc != KB_OK) {
        fprintf(stderr, "khabar story: %s\n", kb_strerror(rc));
        return KB_EXIT_SOME;
    }
    if (json) {
        puts(out);
    } else {
        json_t *o = json_loads(out, 0, NULL);
        if (o) kb_cli_print_story(stdout, o);
        json_decref(o);
    }
    free(out);
    return KB_EXIT_OK;
}
