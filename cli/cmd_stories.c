/* cli/cmd_stories.c -- `khabar stories`: not built yet (placeholder until its issue lands). */
#include "cli.h"

int kb_cmd_stories(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "khabar stories: not available yet in this build\n");
    return KB_EXIT_USAGE;
}
