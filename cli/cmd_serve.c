/* cli/cmd_serve.c -- `khabar serve`: the JSON API and the web UI until
 * SIGINT/SIGTERM. */
#include "cli.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"

static void serve_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar serve [--db FILE] [--host 127.0.0.1] [--port 8080] [--token T]\n"
        "                    [--threads N] [--max-body SIZE]\n\n"
        "Serve the stories: a web UI (Arabic, right-to-left, works offline) at /\n"
        "and a JSON API:\n"
        "  GET  /api/stories?limit=&offset=&since=&source=&min_articles=\n"
        "  GET  /api/stories/ID      a story: summary, timeline, milestones, entities\n"
        "  GET  /api/articles/ID     an article (with the story it belongs to)\n"
        "  GET  /api/search?q=&limit=&source=&since=&until=\n"
        "  GET  /api/similar/ID?limit=\n"
        "  POST /api/articles        JSONL records or one HTML page: ingested, and\n"
        "                            the stories rebuilt (needs the token when one\n"
        "                            is set; refused on a non-loopback address\n"
        "                            without one)\n"
        "  GET  /healthz\n\n"
        "  --db FILE        the database (default $KHABAR_DB, else ./khabar.db)\n"
        "  --host ADDR      address to bind (default 127.0.0.1: this machine only)\n"
        "  --port N         port (default 8080; 0 picks a free one)\n"
        "  --token T        require 'Authorization: Bearer T' for POST\n"
        "                   (default $KHABAR_TOKEN)\n"
        "  --threads N      worker threads (default: the number of cores)\n"
        "  --max-body SIZE  largest POST body (default 16M)\n"
        "  -h, --help       this help\n\n"
        "Exit codes: 0 stopped by a signal, 1 could not start, 2 usage error.\n");
}

int kb_cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "host", required_argument, NULL, 'H' },
        { "port", required_argument, NULL, 'p' },
        { "token", required_argument, NULL, 't' },
        { "threads", required_argument, NULL, 'n' },
        { "max-body", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    kb_server_opts o = { 0 };
    o.host = "127.0.0.1";
    o.port = 8080;
    o.token = getenv("KHABAR_TOKEN");
    const char *db = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:H:p:t:n:m:h", opts, NULL)) != -1) {
        long v;
        switch (c) {
        case 'd': db = optarg; break;
        case 'H': o.host = optarg; break;
        case 't': o.token = optarg; break;
        case 'p': case 'n':
            if (!kb_cli_parse_count(optarg, 0, c == 'p' ? 65535 : 256, &v)) {
                fprintf(stderr, "khabar serve: bad --%s '%s'\n", c == 'p' ? "port" : "threads", optarg);
                return KB_EXIT_USAGE;
            }
            if (c == 'p') o.port = (unsigned)v; else o.threads = (unsigned)v;
            break;
        case 'm':
            o.max_body = kb_cli_parse_size(optarg);
            if (!o.max_body) {
                fprintf(stderr, "khabar serve: bad --max-body '%s'\n", optarg);
                return KB_EXIT_USAGE;
            }
            break;
        case 'h': serve_usage(stdout); return KB_EXIT_OK;
        default: serve_usage(stderr); return KB_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "khabar serve: unexpected argument '%s'\n", argv[optind]);
        return KB_EXIT_USAGE;
    }
    o.db_path = kb_cli_db_path(db);
    /* Block the signals before the server's threads start, so that only
     * sigwait below receives them. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    kb_server *srv = NULL;
    char err[512] = "";
    int rc = kb_server_start(&o, &srv, err, sizeof err);
    if (rc != KB_OK) {
        fprintf(stderr, "khabar serve: %s\n", err[0] ? err : kb_strerror(rc));
        return KB_EXIT_SOME;
    }
    int v6 = strchr(o.host, ':') != NULL;
    printf("khabar serve: http://%s%s%s:%u/ (database %s)%s\n", v6 ? "[" : "", o.host, v6 ? "]" : "",
           kb_server_port(srv), o.db_path, o.token ? ", POST needs the token" : "");
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "khabar serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    kb_server_stop(srv);
    return KB_EXIT_OK;
}
