/* cli/cmd_clean.c -- `khabar clean`: read inputs, extract clean articles,
 * print them (readably, or one JSON object per line with --json). */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"

static void clean_usage(FILE *f)
{
    fprintf(f,
        "usage: khabar clean [--json] [--max-size SIZE] PATH...\n\n"
        "Read scraped news (plain text pages, HTML, JSONL, WARC; files, directories\n"
        "recursively, or - for stdin), split each page into its main article and any\n"
        "embedded articles, and print them clean: title, dates, source, dateline,\n"
        "author, tags, related headlines, language and body.\n\n"
        "  --json           one JSON object per article per line (fields: id, input,\n"
        "                   part, role, parent, title, published, updated, date_source,\n"
        "                   source, dateline, author, url, canonical, tags,\n"
        "                   related_headlines, lang, crawl_date, text, warnings)\n"
        "  --max-size SIZE  skip documents larger than SIZE (default 10M; k, M, G)\n"
        "  -h, --help       this help\n\n"
        "Exit codes: 0 all inputs read, 1 some inputs rejected (each named on stderr),\n"
        "2 usage error.\n");
}

/* A preview of the body: the first max_chars characters of its first lines. */
static void print_preview(FILE *out, const char *text, size_t max_chars)
{
    size_t i = 0, chars = 0, len = strlen(text);
    while (i < len && chars < max_chars) {
        size_t start = i;
        kb_utf8_decode(text, len, &i);
        if (text[start] == '\n') {
            fputs(" / ", out);
            while (i < len && text[i] == '\n') i++;
        } else {
            fwrite(text + start, 1, i - start, out);
        }
        chars++;
    }
    if (i < len) fputs(" …", out);
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    int in = 0;
    for (; *s; s++) {
        int sp = *s == ' ' || *s == '\n' || *s == '\t';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

static void print_list(FILE *out, const char *label, const char *const *v, size_t n,
                       const char *sep)
{
    if (!n) return;
    fprintf(out, "  %-10s ", label);
    for (size_t i = 0; i < n; i++) fprintf(out, "%s%s", i ? sep : "", v[i]);
    fputc('\n', out);
}

static void on_reject(const kb_read_item *item, void *ud)
{
    fprintf(stderr, "khabar clean: %s: %s\n", item->input, item->message);
    (*(int *)ud)++;
}

static void print_readable(FILE *out, const kb_article *a)
{
    fprintf(out, "── %s", a->input ? a->input : "-");
    if (a->role == KB_ROLE_EMBEDDED) fprintf(out, "  [embedded #%d, in %s]", a->part, a->parent);
    else fputs("  [main]", out);
    fprintf(out, "  id %s\n", a->id);
    fprintf(out, "  %-10s %s\n", "title", a->title ? a->title : "(none)");
    fprintf(out, "  %-10s %s", "published", a->published ? a->published : "(unknown)");
    if (a->date_source) fprintf(out, "  [%s]", a->date_source);
    if (a->updated) fprintf(out, "  updated %s", a->updated);
    fputc('\n', out);
    if (a->source) fprintf(out, "  %-10s %s\n", "source", a->source);
    if (a->dateline) fprintf(out, "  %-10s %s\n", "dateline", a->dateline);
    if (a->author) fprintf(out, "  %-10s %s\n", "author", a->author);
    if (a->url) fprintf(out, "  %-10s %s\n", "url", a->url);
    print_list(out, "tags", a->tags, a->ntags, " · ");
    if (a->nrelated) fprintf(out, "  %-10s %zu headlines (not articles)\n", "related", a->nrelated);
    fprintf(out, "  %-10s %s, %zu words\n", "lang", a->lang ? a->lang : "und",
            a->text ? count_words(a->text) : 0);
    if (a->text) {
        fprintf(out, "  %-10s ", "text");
        print_preview(out, a->text, 220);
        fputc('\n', out);
    }
    print_list(out, "warnings", a->warnings, a->nwarnings, "; ");
    fputc('\n', out);
}

int kb_cmd_clean(int argc, char **argv)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "max-size", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int json = 0, c;
    kb_read_opts ropts = { 0 };
    optind = 1;
    while ((c = getopt_long(argc, argv, "jm:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'm':
            ropts.max_doc_bytes = kb_cli_parse_size(optarg);
            if (!ropts.max_doc_bytes) {
                fprintf(stderr, "khabar clean: bad --max-size '%s'\n", optarg);
                return KB_EXIT_USAGE;
            }
            break;
        case 'h': clean_usage(stdout); return KB_EXIT_OK;
        default: clean_usage(stderr); return KB_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "khabar clean: no input given (a file, a directory, or -)\n");
        clean_usage(stderr);
        return KB_EXIT_USAGE;
    }
    kb_reader *r = kb_reader_new(&ropts);
    if (!r) { fprintf(stderr, "khabar clean: out of memory\n"); return KB_EXIT_SOME; }
    for (int i = optind; i < argc; i++) kb_reader_add(r, argv[i]);

    /* Batches: read up to BATCH_DOCS documents (or BATCH_BYTES of them),
     * extract them on every core, print them in input order. */
    enum { BATCH_DOCS = 256 };
    const size_t BATCH_BYTES = (size_t)64 << 20;
    kb_doc *docs[BATCH_DOCS];
    kb_article_list lists[BATCH_DOCS];
    int rcs[BATCH_DOCS];
    int rejected = 0, rc = KB_OK, end = 0;
    size_t ndocs = 0, articles = 0;
    while (!end && rc == KB_OK) {
        size_t n = 0;
        rc = kb_reader_batch(r, docs, BATCH_DOCS, BATCH_BYTES, on_reject, &rejected, &n, &end);
        memset(lists, 0, n * sizeof *lists);
        kb_extract_many(docs, n, lists, rcs, kb_cores());
        for (size_t i = 0; i < n; i++) {
            ndocs++;
            if (rcs[i] == KB_EEMPTY) {
                fprintf(stderr, "khabar clean: %s: no article text found\n", docs[i]->input);
                rejected++;
            } else if (rcs[i] != KB_OK) {
                fprintf(stderr, "khabar clean: %s: %s\n", docs[i]->input, kb_strerror(rcs[i]));
                rejected++;
            }
            for (size_t k = 0; k < lists[i].n; k++) {
                articles++;
                if (json) {
                    char *line = kb_article_json(lists[i].v[k]);
                    if (line) { fputs(line, stdout); fputc('\n', stdout); free(line); }
                } else {
                    print_readable(stdout, lists[i].v[k]);
                }
            }
            kb_article_list_free(&lists[i]);
            kb_doc_free(docs[i]);
        }
    }
    kb_reader_free(r);
    if (rc != KB_OK) {
        fprintf(stderr, "khabar clean: %s\n", kb_strerror(rc));
        return KB_EXIT_SOME;
    }
    if (!json)
        fprintf(stdout, "%zu document(s) read, %zu article(s), %d input(s) rejected\n",
                ndocs, articles, rejected);
    return rejected ? KB_EXIT_SOME : KB_EXIT_OK;
}
