/* cli/khabar.c -- the khabar program's entry: dispatch to a subcommand. */
#include "cli.h"

#include <string.h>

#include "khabar.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} kb_command;

static const kb_command commands[] = {
    { "run", kb_cmd_run, "the main job: ingest files and print the stories with timelines" },
    { "clean", kb_cmd_clean, "scraped pages in, clean articles out (text or JSON lines)" },
    { "ingest", kb_cmd_ingest, "store articles in the database (SQLite, full-text indexed)" },
    { "search", kb_cmd_search, "full-text search with Arabic analysis" },
    { "similar", kb_cmd_similar, "the stored articles most like an article or a file" },
    { "show", kb_cmd_show, "one stored article with all its fields" },
    { "stories", kb_cmd_stories, "list the stories" },
    { "story", kb_cmd_story, "one story: headline, summary, timeline, entities, articles" },
    { "serve", kb_cmd_serve, "HTTP JSON API and web UI" },
};

static void usage(FILE *f)
{
    fprintf(f,
        "khabar %s -- a news-story engine, Arabic first\n\n"
        "usage: khabar COMMAND [OPTIONS] [ARGS]\n\n"
        "commands:\n", KB_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
        "\n'khabar COMMAND --help' explains a command.\n"
        "The database is ./khabar.db unless --db FILE or $KHABAR_DB says otherwise.\n"
        "Exit codes: 0 all well, 1 some inputs rejected or not found, 2 usage error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return KB_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return KB_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("khabar %s\n", KB_VERSION);
        return KB_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "khabar: unknown command '%s' (see khabar --help)\n", argv[1]);
    return KB_EXIT_USAGE;
}
