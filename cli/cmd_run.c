/* cli/cmd_run.c -- `khabar run`: the main job. Ingest the inputs (by default
 * the bundled samples), rebuild the stories, and print them with their
 * timelines. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/stories.h"

static void run_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar run [--db FILE] [--limit N] [PATH...]\n\n"
        "The main job: read PATHs (any input `khabar clean` reads; default: the\n"
        "bundled samples/), store their articles, find copies and wire reprints,\n"
        "group the articles into stories, and print the stories -- largest\n"
        "first within the latest activity -- each with its summary, timeline,\n"
        "milestones, entities and articles. Then say how to browse them.\n\n"
        "  --db FILE   the database (default $KHABAR_DB, else ./khabar.db)\n"
        "  --limit N   print at most N stories in full (default 5); the rest are\n"
        "              listed one line each (see `khabar stories`)\n"
        "  -h, --help  this help\n\n"
        "Exit codes: 0 all inputs read, 1 some inputs rejected or a database\n"
        "error, 2 usage error.\n");
}

/* samples/ in the working directory, else beside the program (build/..). */
static const char *default_samples(char *buf, size_t cap)
{
    struct stat st;
    if (stat("samples", &st) == 0 && S_ISDIR(st.st_mode)) return "samples";
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = '\0';
    snprintf(buf, cap, "%s/../samples", exe);
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? buf : NULL;
}

static void on_reject(const char *input, int code, const char *message, void *ud)
{
    (void)code;
    (void)ud;
    fprintf(stderr, "khabar run: %s: %s\n", input, message);
}

int kb_cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "limit", required_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    long limit = 5;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:l:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'l': {
            if (!kb_cli_parse_count(optarg, 0, 100000, &limit)) {
                fprintf(stderr, "khabar run: bad --limit '%s'\n", optarg);
                return KB_EXIT_USAGE;
            }
            break;
        }
        case 'h': run_usage(stdout); return KB_EXIT_OK;
        default: run_usage(stderr); return KB_EXIT_USAGE;
        }
    }
    char samples[PATH_MAX + 16];
    const char *def = NULL;
    if (optind >= argc && !(def = default_samples(samples, sizeof samples))) {
        fprintf(stderr, "khabar run: no input given and no samples/ directory found\n");
        return KB_EXIT_USAGE;
    }
    const char *path = kb_cli_db_path(db);
    char err[512];
    kb_store *s = kb_store_open(path, KB_STORE_CREATE, err, sizeof err);
    if (!s) {
        fprintf(stderr, "khabar run: %s\n", err);
        return KB_EXIT_SOME;
    }
    kb_reader *r = kb_reader_new(NULL);
    if (!r) {
        kb_store_close(s);
        fprintf(stderr, "khabar run: out of memory\n");
        return KB_EXIT_SOME;
    }
    if (def) kb_reader_add(r, def);
    for (int i = optind; i < argc; i++) kb_reader_add(r, argv[i]);
    kb_ingest_opts io = { .on_reject = on_reject };
    kb_ingest_stats ist;
    int rc = kb_store_ingest(s, r, &io, &ist);
    kb_reader_free(r);
    printf("read %zu document(s): %zu article(s), %zu new, %zu unchanged, %zu revised, "
           "%zu rejected -> %s\n", ist.docs, ist.articles, ist.added, ist.unchanged,
           ist.revised, ist.rejected, path);
    kb_stories_stats sst = { 0 };
    if (rc == KB_OK) rc = kb_store_build_stories(s, &sst);
    if (rc != KB_OK) {
        fprintf(stderr, "khabar run: %s%s%s\n", kb_strerror(rc), rc == KB_EDB ? ": " : "",
                rc == KB_EDB ? kb_store_errmsg(s) : "");
        kb_store_close(s);
        return KB_EXIT_SOME;
    }
    printf("%zu stored article(s) -> %zu %s (%zu with more than one report), "
           "%zu copies recognised\n\n", sst.articles, sst.stories,
           sst.stories == 1 ? "story" : "stories", sst.multi, sst.copies);

    kb_stories_query q = { .limit = 1000 };
    char *list = NULL;
    rc = kb_store_stories_json(s, &q, &list);
    json_t *o = rc == KB_OK ? json_loads(list, 0, NULL) : NULL;
    free(list);
    json_t *arr = json_object_get(o, "stories"), *v;
    /* Full stories: the largest first, then the latest. */
    size_t n = json_array_size(arr), shown = 0;
    int *done = calloc(n ? n : 1, sizeof *done);
    for (long k = 0; done && k < limit; k++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (done[i]) continue;
            json_int_t a = json_integer_value(json_object_get(json_array_get(arr, i), "originals"));
            if (best == n || a > json_integer_value(json_object_get(json_array_get(arr, best), "originals")))
                best = i;
        }
        if (best == n) break;
        done[best] = 1;
        char *js = NULL;
        const char *id = json_string_value(json_object_get(json_array_get(arr, best), "id"));
        if (kb_store_story_json(s, id, &js) == KB_OK) {
            json_t *st = json_loads(js, 0, NULL);
            if (st) kb_cli_print_story(stdout, st);
            json_decref(st);
            shown++;
        }
        free(js);
    }
    if (shown < n) {
        printf("Other stories\n");
        for (size_t i = 0; i < n; i++) {
            if (done && done[i]) continue;
            v = json_array_get(arr, i);
            fputs("  ", stdout);
            kb_cli_print_story_line(stdout, v);
        }
    }
    free(done);
    json_decref(o);
    kb_store_close(s);
    /* name the program as it can be run again: build/khabar is not on PATH */
    char prog[4096];
    ssize_t pl = readlink("/proc/self/exe", prog, sizeof prog - 1);
    if (pl <= 0) strcpy(prog, "khabar");
    else prog[pl] = '\0';
    printf("\nBrowse them: %s serve --db %s   then open http://127.0.0.1:8080/\n"
           "(or: %s stories --db %s, %s story --db %s ID)\n", prog, path, prog, path, prog, path);
    return ist.rejected ? KB_EXIT_SOME : KB_EXIT_OK;
}
