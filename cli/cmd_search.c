/* cli/cmd_search.c -- `khabar search`: not built yet (placeholder until its issue lands). */
#include "cli.h"

int kb_cmd_search(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "khabar search: not available yet in this build\n");
    return KB_EXIT_USAGE;
}
