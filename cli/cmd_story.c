/* cli/cmd_story.c -- `khabar story ID`: one story in full. */
#include "cli.h"

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
        "              timeline, milestones, entities, articles, article_count,\n"
        "              original_count\n"
        "  -h, --help  this help\n\n"
        "Exit codes: 0 shown, 1 not found (or ambiguous), 2 usage error.\n");
}

int kb_cmd_story(int argc, char **argv)
{
    const char *db, *id;
    int json;
    int ex = kb_cli_one_id_args(argc, argv, "story", "story", story_usage, &db, &json, &id);
    if (ex >= 0) return ex;
    char err[512];
    kb_store *s = kb_store_open(kb_cli_db_path(db), 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "khabar story: %s\n", err);
        return KB_EXIT_SOME;
    }
    char *out = NULL;
    int rc = kb_store_story_json(s, id, &out);
    kb_store_close(s);
    if (rc == KB_ENOTFOUND || rc == KB_EINVAL) {
        fprintf(stderr, "khabar story: %s: %s\n", id,
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
