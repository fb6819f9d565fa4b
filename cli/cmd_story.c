/* cli/cmd_story.c -- `khabar story`: not built yet (placeholder until its issue lands). */
#include "cli.h"

int kb_cmd_story(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "khabar story: not available yet in this build\n");
    return KB_EXIT_USAGE;
}
