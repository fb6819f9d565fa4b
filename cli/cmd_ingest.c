/* cli/cmd_ingest.c -- `khabar ingest`: read inputs as `khabar clean` does and
 * store every article (main and embedded) in the database, full-text
 * indexed. Progress on a terminal, a summary line at the end. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "khabar.h"
#include "store/stories.h"
#include "store/store.h"

static void ingest_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar ingest [--db FILE] [--batch N] [--max-size SIZE] [--no-stories] PATH...\n\n"
        "Read scraped news (the inputs `khabar clean` reads: text pages, HTML, JSONL,\n"
        "WARC; files, directories, or - for stdin), extract the articles (main and\n"
        "embedded) and store them, with all their fields, in the database, indexed\n"
        "for `khabar search` and `khabar similar`.\n\n"
        "Storing is idempotent: an article already stored (same content id) is\n"
        "counted unchanged. An article whose URL -- or, without URL, whose file and\n"
        "part -- is known with other content replaces the stored version and is\n"
        "counted revised (`khabar show` lists the revisions). Articles are committed\n"
        "in batches: an interrupted ingest keeps every finished batch, and running\n"
        "it again completes it.\n\n"
        "  --db FILE        the database (default $KHABAR_DB, else ./khabar.db)\n"
        "  --batch N        articles per transaction (default 500)\n"
        "  --max-size SIZE  skip documents larger than SIZE (default 10M; k, M, G)\n"
        "  --no-stories     do not rebuild the stories afterwards (copies, clusters,\n"
        "                   timelines); `khabar run` or a later ingest will\n"
        "  -h, --help       this help\n\n"
        "Exit codes: 0 all inputs stored, 1 some inputs rejected (each named on\n"
        "stderr) or a database error, 2 usage error.\n");
}

typedef struct progress {
    int tty;
    struct timespec last;
    int shown;
} progress;

static void on_reject(const char *input, int code, const char *message, void *ud)
{
    progress *p = ud;
    (void)code;
    if (p->shown) { fputs("\r\033[K", stderr); p->shown = 0; }
    fprintf(stderr, "khabar ingest: %s: %s\n", input, message);
}

static void on_progress(const kb_ingest_stats *st, void *ud)
{
    progress *p = ud;
    if (!p->tty) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - p->last.tv_sec) + (double)(now.tv_nsec - p->last.tv_nsec) / 1e9;
    if (p->shown && dt < 0.2) return;
    p->last = now;
    p->shown = 1;
    fprintf(stderr, "\r\033[K%zu documents, %zu articles: %zu new, %zu unchanged, %zu revised, "
            "%zu rejected", st->docs, st->articles, st->added, st->unchanged, st->revised,
            st->rejected);
    fflush(stderr);
}

int kb_cmd_ingest(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "batch", required_argument, NULL, 'b' },
        { "max-size", required_argument, NULL, 'm' },
        { "no-stories", no_argument, NULL, 'N' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    size_t batch = 500;
    kb_read_opts ropts = { 0 };
    int c, stories = 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:b:m:Nh", opts, NULL)) != -1) {
        switch (c) {
        case 'N': stories = 0; break;
        case 'd': db = optarg; break;
        case 'b': {
            long v;
            if (!kb_cli_parse_count(optarg, 1, 1000000, &v)) {
                fprintf(stderr, "khabar ingest: bad --batch '%s' (1..1000000)\n", optarg);
                return KB_EXIT_USAGE;
            }
            batch = (size_t)v;
            break;
        }
        case 'm':
            ropts.max_doc_bytes = kb_cli_parse_size(optarg);
            if (!ropts.max_doc_bytes) {
                fprintf(stderr, "khabar ingest: bad --max-size '%s'\n", optarg);
                return KB_EXIT_USAGE;
            }
            break;
        case 'h': ingest_usage(stdout); return KB_EXIT_OK;
        default: ingest_usage(stderr); return KB_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "khabar ingest: no input given (a file, a directory, or -)\n");
        ingest_usage(stderr);
        return KB_EXIT_USAGE;
    }
    const char *path = kb_cli_db_path(db);
    char err[512];
    kb_store *s = kb_store_open(path, KB_STORE_CREATE, err, sizeof err);
    if (!s) {
        fprintf(stderr, "khabar ingest: %s\n", err);
        return KB_EXIT_SOME;
    }
    kb_reader *r = kb_reader_new(&ropts);
    if (!r) {
        fprintf(stderr, "khabar ingest: out of memory\n");
        kb_store_close(s);
        return KB_EXIT_SOME;
    }
    for (int i = optind; i < argc; i++) kb_reader_add(r, argv[i]);

    progress p = { .tty = isatty(2) };
    kb_ingest_opts io = { .batch = batch, .on_reject = on_reject, .on_progress = on_progress,
                          .ud = &p };
    kb_ingest_stats st;
    int rc = kb_store_ingest(s, r, &io, &st);
    if (p.shown) fputs("\r\033[K", stderr);
    if (rc != KB_OK)
        fprintf(stderr, "khabar ingest: %s%s%s (the last batch was not stored)\n",
                kb_strerror(rc), rc == KB_EDB ? ": " : "",
                rc == KB_EDB ? kb_store_errmsg(s) : "");
    printf("%zu document(s) read, %zu article(s): %zu new, %zu unchanged, %zu revised; "
           "%zu rejected, %zu warning(s) -> %s\n",
           st.docs, st.articles, st.added, st.unchanged, st.revised, st.rejected, st.warnings,
           path);
    if (rc == KB_OK && stories && (st.added || st.revised)) {
        kb_stories_stats ss;
        rc = kb_store_build_stories(s, &ss);
        if (rc == KB_OK)
            printf("stories rebuilt: %zu article(s) -> %zu %s (%zu with more than one report), "
                   "%zu copies recognised\n", ss.articles, ss.stories,
                   ss.stories == 1 ? "story" : "stories", ss.multi, ss.copies);
        else
            fprintf(stderr, "khabar ingest: building stories: %s\n", kb_strerror(rc));
    }
    kb_reader_free(r);
    kb_store_close(s);
    return rc != KB_OK || st.rejected ? KB_EXIT_SOME : KB_EXIT_OK;
}
