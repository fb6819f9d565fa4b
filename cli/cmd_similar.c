/* cli/cmd_similar.c -- `khabar similar`: not built yet (placeholder until its issue lands). */
#include "cli.h"

int kb_cmd_similar(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "khabar similar: not available yet in this build\n");
    return KB_EXIT_USAGE;
}
