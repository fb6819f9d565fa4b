/* cli/cmd_show.c -- `khabar show`: not built yet (placeholder until its issue lands). */
#include "cli.h"

int kb_cmd_show(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "khabar show: not available yet in this build\n");
    return KB_EXIT_USAGE;
}
