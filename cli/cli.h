/* cli/cli.h -- the khabar program: one file per subcommand, each a thin
 * layer over libkhabar. Exit codes: 0 all well, 1 some inputs rejected or
 * not found, 2 usage error. */
#ifndef KB_CLI_H
#define KB_CLI_H

#include <stdio.h>

enum { KB_EXIT_OK = 0, KB_EXIT_SOME = 1, KB_EXIT_USAGE = 2 };

int kb_cmd_clean(int argc, char **argv);
int kb_cmd_ingest(int argc, char **argv);
int kb_cmd_search(int argc, char **argv);
int kb_cmd_similar(int argc, char **argv);
int kb_cmd_show(int argc, char **argv);
int kb_cmd_stories(int argc, char **argv);
int kb_cmd_story(int argc, char **argv);
int kb_cmd_run(int argc, char **argv);
int kb_cmd_serve(int argc, char **argv);

/* The database path: --db value, else $KHABAR_DB, else ./khabar.db. */
const char *kb_cli_db_path(const char *opt);
/* Parse a whole number in [min, max] (all of s, decimal). 1 and *out set,
 * or 0 when s is not such a number. */
int kb_cli_parse_count(const char *s, long min, long max, long *out);
/* Parse a size like 10M, 512k, 1G, 1000; returns 0 on error. */
size_t kb_cli_parse_size(const char *s);
/* The options of a command that shows one stored item (show, story):
 * --db FILE, --json, --help and one ID (what: "article", "story"). -1 when
 * the caller goes on with *db, *json and *id set; else the exit code to
 * return (help printed, or the usage error said on stderr). */
int kb_cli_one_id_args(int argc, char **argv, const char *cmd, const char *what,
                       void (*usage)(FILE *), const char **db, int *json, const char **id);

/* Readable stories (story_print.c), from the JSON the store keeps. The json_t
 * arguments are jansson objects. */
struct json_t;
void kb_cli_print_story_line(FILE *f, struct json_t *story);
void kb_cli_print_story(FILE *f, struct json_t *story);

#endif
