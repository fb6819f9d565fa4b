/* cli/util.c -- small helpers the subcommands share. */
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>

const char *kb_cli_db_path(const char *opt)
{
    if (opt && *opt) return opt;
    const char *env = getenv("KHABAR_DB");
    return env && *env ? env : "khabar.db";
}

int kb_cli_parse_count(const char *s, long min, long max, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < min || v > max) return 0;
    *out = v;
    return 1;
}

size_t kb_cli_parse_size(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s) return 0;
    switch (tolower((unsigned char)*end)) {
    case 'k': v <<= 10; end++; break;
    case 'm': v <<= 20; end++; break;
    case 'g': v <<= 30; end++; break;
    default: break;
    }
    if (*end == 'b' || *end == 'B') end++;
    return *end ? 0 : (size_t)v;
}

int kb_cli_one_id_args(int argc, char **argv, const char *cmd, const char *what,
                       void (*usage)(FILE *), const char **db, int *json, const char **id)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    *db = NULL;
    *json = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'j': *json = 1; break;
        case 'h': usage(stdout); return KB_EXIT_OK;
        default: usage(stderr); return KB_EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "khabar %s: give one %s id\n", cmd, what);
        usage(stderr);
        return KB_EXIT_USAGE;
    }
    *id = argv[optind];
    return -1;
}
