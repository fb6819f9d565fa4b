/* cli/util.c -- small helpers the subcommands share. */
#include "cli.h"

#include <ctype.h>
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
