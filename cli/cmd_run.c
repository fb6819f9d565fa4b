/* cli/cmd_run.c -- `khabar run`: not built yet (placeholder until its issue lands). */
#include "cli.h"

int kb_cmd_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "khabar run: not available yet in this build\n");
    return KB_EXIT_USAGE;
}
