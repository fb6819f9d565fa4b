/* cli/cmd_ingest.c -- `khabar ingest`: not built yet (placeholder until its issue lands). */
#include "cli.h"

int kb_cmd_ingest(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "khabar ingest: not available yet in this build\n");
    return KB_EXIT_USAGE;
}
