/* cli/story_print.c -- stories for a person at a terminal: the list, and one
 * story with its summary, timeline, milestones, entities and articles. Reads
 * the JSON the store keeps (story_json.c's shape), so `khabar story` and the
 * API can never disagree. */
#include "cli.h"

#include <jansson.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void print_sources(FILE *f, json_t *arr)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) fprintf(f, "%s%s", i ? "، " : "", json_string_value(v));
}

void kb_cli_print_story_line(FILE *f, json_t *s)
{
    const char *first = str(s, "first"), *last = str(s, "last");
    fprintf(f, "%-20s  %s", str(s, "id"), *str(s, "headline") ? str(s, "headline") : "(بلا عنوان)");
    fprintf(f, "\n%22s%lld article(s), %zu source(s)", "",
            (long long)json_integer_value(json_object_get(s, "articles")),
            json_array_size(json_object_get(s, "sources")));
    if (*first) fprintf(f, ", %s%s%s", first, strcmp(first, last) ? " .. " : "", strcmp(first, last) ? last : "");
    fputs("  [", f);
    print_sources(f, json_object_get(s, "sources"));
    fputs("]\n", f);
}

static void print_event(FILE *f, json_t *e, int milestone)
{
    fprintf(f, "  %-10s %s", str(e, "date"), json_is_true(json_object_get(e, "inferred")) ? "~" : " ");
    fprintf(f, "%s\n", str(e, "text"));
    fprintf(f, "  %-10s  — ", "");
    print_sources(f, json_object_get(e, "sources"));
    if (milestone && *str(e, "stated")) fprintf(f, " (announced %s)", str(e, "stated"));
    fputc('\n', f);
    json_t *vers = json_object_get(e, "versions"), *v;
    size_t i;
    json_array_foreach(vers, i, v) {
        fprintf(f, "  %-10s    version %zu: %s — ", "", i + 1, str(v, "date"));
        print_sources(f, json_object_get(v, "sources"));
        fputc('\n', f);
    }
}

void kb_cli_print_story(FILE *f, json_t *s)
{
    size_t i;
    json_t *v;
    fprintf(f, "════ %s\n%s\n", str(s, "id"), *str(s, "headline") ? str(s, "headline") : "(بلا عنوان)");
    fprintf(f, "%lld article(s) from %zu source(s)", (long long)json_integer_value(json_object_get(s, "article_count")),
            json_array_size(json_object_get(s, "sources")));
    if (*str(s, "first")) fprintf(f, ", %s .. %s", str(s, "first"), str(s, "last"));
    fputs(": ", f);
    print_sources(f, json_object_get(s, "sources"));
    fputc('\n', f);

    json_t *sum = json_object_get(s, "summary");
    if (json_array_size(sum)) {
        fputs("\nSummary (الملخص)\n", f);
        json_array_foreach(sum, i, v) fprintf(f, "  • %s — %s\n", str(v, "text"), str(v, "source"));
    }
    json_t *tl = json_object_get(s, "timeline");
    fputs("\nTimeline (الخط الزمني)   ~ = date inferred\n", f);
    if (!json_array_size(tl)) fputs("  (no dated events)\n", f);
    json_array_foreach(tl, i, v) print_event(f, v, 0);
    json_t *ms = json_object_get(s, "milestones");
    if (json_array_size(ms)) {
        fputs("\nMilestones announced for later (مواعيد معلنة)\n", f);
        json_array_foreach(ms, i, v) print_event(f, v, 1);
    }
    json_t *ents = json_object_get(s, "entities");
    if (json_array_size(ents)) {
        fputs("\nEntities (الأطراف)\n", f);
        json_array_foreach(ents, i, v) {
            if (i >= 20) { fprintf(f, "  … %zu more\n", json_array_size(ents) - 20); break; }
            fprintf(f, "  %-4s %s", str(v, "type"), str(v, "name"));
            if (*str(v, "role")) fprintf(f, " — %s", str(v, "role"));
            fprintf(f, " (%lld)\n", (long long)json_integer_value(json_object_get(v, "count")));
        }
    }
    fputs("\nArticles (المقالات)\n", f);
    json_array_foreach(json_object_get(s, "articles"), i, v) {
        const char *date = *str(v, "published") ? str(v, "published") : str(v, "inferred_date");
        fprintf(f, "  %s  %-10s%s %s — %s%s\n", str(v, "id"), *date ? date : "?",
                *str(v, "published") || !*date ? " " : "~", *str(v, "source") ? str(v, "source") : "?",
                *str(v, "title") ? str(v, "title") : "(no title)",
                !strcmp(str(v, "role"), "embedded") ? "  [appended to another page]" : "");
        size_t k;
        json_t *d;
        json_array_foreach(json_object_get(v, "duplicates"), k, d)
            fprintf(f, "      ↳ copy %s  %s\n", str(d, "id"), str(d, "source"));
    }
    fputc('\n', f);
}
