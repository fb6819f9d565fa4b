/* cli/cmd_serve.c -- `khabar serve`: not built yet (placeholder until its issue lands). */
#include "cli.h"

int kb_cmd_serve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "khabar serve: not available yet in this build\n");
    return KB_EXIT_USAGE;
}
