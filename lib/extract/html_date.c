/* extract/html_date.c -- HTML extraction: the publication and update dates
 * of a page, from the best source that has a plausible one (htmldate's
 * order):
 *
 *   JSON-LD datePublished/dateModified (on a wiki, dateModified:
 *   the revision shown)                                             -> "jsonld"
 *   <meta> (article:published_time, pubdate, DC.date, itemprop...) -> "meta"
 *   <time datetime> near the title or in the article               -> "time"
 *   the URL (/2024/07/23/, /20240723/, /2024-07-23-)                -> "url"
 *   written dates by the headline (kb_hheadline): header and byline
 *   lines, elements whose class says date, a dateline; in any language
 *   kb_date_find reads; the earliest one no update word leads; a site
 *   header above the headline is passed over, the headline's own text
 *   read last                                                       -> "text"
 *   last resorts: a date in the page's title, the first element
 *   saying date anywhere but footers, sidebars and lists (a site's
 *   header writes the day's date)                                  -> "text"
 *   the date the page's scripts write most often                   -> "raw"
 *
 * Plausible: 1995 or later, and not after hi_days (the crawl date, or
 * tomorrow when unknown).
 *
 * The day: a time stamp with its own offset is read as written -- the
 * publication day is the local day where the page is published, not the
 * UTC day. A stamp in UTC names only an instant: local_day finds the day
 * the page shows people (or its data gives alone), or the page's own
 * clock.
 */
#include "extract/html.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MIN_YEAR 1995

typedef struct bounds {
    int64_t lo, hi;          /* day numbers */
    int64_t hi_min;          /* minutes since 1970 UTC, INT64_MAX: unknown */
} bounds;

/* Minutes since 1970 UTC of a date with a time and a zone. */
static int64_t instant(const kb_date *d)
{
    return kb_date_days(d) * 1440 + d->hour * 60 + d->minute - d->tz_minutes;
}

static int plausible(const kb_date *d, const bounds *b)
{
    if (d->prec < KB_PREC_YEAR || d->year < MIN_YEAR) return 0;
    if (d->prec >= KB_PREC_DAY) {
        int64_t days = kb_date_days(d);
        if (days < b->lo || days > b->hi) return 0;
        /* an hour of slack for clocks */
        if (d->prec >= KB_PREC_MINUTE && d->has_tz && b->hi_min != INT64_MAX &&
            instant(d) > b->hi_min + 60)
            return 0;
        return 1;
    }
    kb_date hi = kb_date_from_days(b->hi);
    if (d->year > hi.year) return 0;
    if (d->prec >= KB_PREC_MONTH && d->year == hi.year && d->month > hi.month) return 0;
    return 1;
}

/* A date from a meta/JSON-LD value: ISO first, then a Unix time (an
 * instant, written as UTC), then any written date. */
static int parse_value(const char *s, kb_date *d)
{
    if (!s) return 0;
    while (isspace((unsigned char)*s)) s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1])) len--;
    if (!len) return 0;
    if (kb_date_parse_iso(s, len, d) == KB_OK) return 1;
    size_t nd = 0;
    while (nd < len && isdigit((unsigned char)s[nd])) nd++;
    if (nd == len && (len == 10 || len == 13)) {
        long long t = strtoll(s, NULL, 10);
        if (len == 13) t /= 1000;
        *d = kb_date_from_days(t / 86400);
        d->hour = (int8_t)(t % 86400 / 3600);
        d->minute = (int8_t)(t % 3600 / 60);
        d->second = (int8_t)(t % 60);
        d->prec = KB_PREC_SECOND;
        d->has_tz = 1;
        d->tz_minutes = 0;
        return 1;
    }
    kb_date_match m;
    if (kb_date_find(s, len, &m)) {
        *d = m.date;
        return 1;
    }
    return 0;
}

static const char *iso(kb_arena *a, const kb_date *d)
{
    char buf[32];
    size_t n = kb_date_iso(d, buf);
    return kb_arena_strndup(a, buf, n);
}

/* ------------------------------------------------------------ URL */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int num(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static int month_name(const char *s, size_t n)
{
    static const char *const m[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec" };
    if (n < 3) return 0;
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s, m[i], 3) == 0 && (n == 3 || (n <= 9 && isalpha((unsigned char)s[3]))))
            return i + 1;
    return 0;
}

static int valid_ymd(int y, int m, int d)
{
    static const int dim[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return y >= MIN_YEAR && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= dim[m - 1];
}

/* The day y-m-d (valid_ymd), no time. */
static kb_date ymd(int y, int m, int d)
{
    return (kb_date){ .year = (int16_t)y, .month = (int8_t)m, .day = (int8_t)d,
                      .prec = KB_PREC_DAY, .weekday = -1 };
}

/* s[0..10) as a year-first day written with one separator twice
 * ("2020-04-17", "2020/04/17", "2020.04.17"): the separator and *out, or 0.
 * The page's scripts and data write their days so (raw_date, data_day). */
static char ymd10(const char *s, kb_date *out)
{
    char sep = s[4];
    int y, m, d;
    if (!(sep == '-' || sep == '/' || sep == '.') || s[7] != sep || !num(s, 4, &y) ||
        !num(s + 5, 2, &m) || !num(s + 8, 2, &d) || !valid_ymd(y, m, d))
        return 0;
    *out = ymd(y, m, d);
    return sep;
}

/* Date in a URL's path. Returns the precision found (KB_PREC_DAY or
 * KB_PREC_MONTH) or 0. */
static int url_date(const char *url, kb_date *out)
{
    if (!url) return 0;
    const char *s = strstr(url, "://");
    s = s ? strchr(s + 3, '/') : url;
    if (!s) return 0;
    size_t len = strcspn(s, "?#");
    int month_only = 0;
    kb_date mo = {0};
    for (size_t i = 0; i + 4 <= len; i++) {
        if (i > 0 && isalnum((unsigned char)s[i - 1])) continue;
        int y;
        if (!num(s + i, 4, &y) || y < MIN_YEAR || y > 2100) continue;
        size_t j = i + 4;
        /* YYYYMMDD */
        int m, d;
        if (j + 4 <= len && num(s + j, 2, &m) && num(s + j + 2, 2, &d) &&
            (j + 4 == len || !isdigit((unsigned char)s[j + 4])) && valid_ymd(y, m, d)) {
            *out = ymd(y, m, d);
            return KB_PREC_DAY;
        }
        if (j >= len || !(s[j] == '/' || s[j] == '-' || s[j] == '_' || s[j] == '.')) continue;
        char sep = s[j];
        size_t k = j + 1, ms = k;
        while (k < len && isalnum((unsigned char)s[k])) k++;
        size_t ml = k - ms;
        m = 0;
        if (ml >= 1 && ml <= 2 && num(s + ms, ml, &m)) {
        } else if ((m = month_name(s + ms, ml)) == 0) {
            continue;
        }
        if (m < 1 || m > 12) continue;
        if (k < len && s[k] == sep) {
            size_t ds = k + 1, de = ds;
            while (de < len && isdigit((unsigned char)s[de])) de++;
            if (de - ds >= 1 && de - ds <= 2 && num(s + ds, de - ds, &d) &&
                (de == len || !isalnum((unsigned char)s[de])) && valid_ymd(y, m, d)) {
                *out = ymd(y, m, d);
                return KB_PREC_DAY;
            }
        }
        if (!month_only && sep == '/' && (k == len || s[k] == '/')) {
            mo = (kb_date){ .year = (int16_t)y, .month = (int8_t)m, .prec = KB_PREC_MONTH,
                            .weekday = -1 };
            month_only = 1;
        }
    }
    if (month_only) {
        *out = mo;
        return KB_PREC_MONTH;
    }
    return 0;
}

/* ------------------------------------------------------------ <time> */

static int class_says(const kb_hpage *p, int32_t i, const char *const *words)
{
    const char *attrs[3] = { kb_hattr(p, i, "class"), kb_hattr(p, i, "id"),
                             kb_hattr(p, i, "itemprop") };
    for (int k = 0; k < 3; k++) {
        if (!attrs[k]) continue;
        for (int w = 0; words[w]; w++)
            if (kb_hcase_contains(attrs[k], words[w])) return 1;
    }
    return 0;
}

static const char *const k_upd_words[] = { "update", "modif", "edit", "revis", NULL };
static const char *const k_pub_words[] = { "publish", "pubdate", "posted", "created", NULL };

static int in_range(const kb_hpage *p, int32_t anc, int32_t i)
{
    return anc >= 0 && i >= anc && i < p->nodes[anc].end;
}

/* Best <time> element: published (and updated) ones by their markers, else
 * the one nearest after the title inside the header area or the body. */
static void time_dates(kb_hpage *p, int32_t title_node, int32_t body_node, const bounds *b,
                       kb_date *pub, int *has_pub, kb_date *upd, int *has_upd)
{
    int32_t area = kb_hheader_area(p, title_node, body_node);
    int best = -1;
    int32_t best_dist = INT32_MAX;
    int upd_best = -1;
    for (size_t i = 0; i < p->nnodes; i++) {
        const kb_hnode *n = &p->nodes[i];
        if ((n->flags & KB_HN_TEXT) || n->tag != GUMBO_TAG_TIME) continue;
        int32_t id = (int32_t)i;
        const char *dt = kb_hattr(p, id, "datetime");
        kb_date d;
        int ok = dt && parse_value(dt, &d);
        if (!dt && n->chars && n->chars < 60) {
            /* <time>2020/07/13 01:10</time>: the text itself */
            kb_buf t = {0};
            kb_date_match mm;
            if (kb_hnode_text(p, id, &t) == KB_OK && t.len && kb_date_find(t.data, t.len, &mm)) {
                d = mm.date;
                ok = 1;
            }
            kb_buf_free(&t);
        }
        if (!ok || !plausible(&d, b) || d.prec < KB_PREC_DAY) continue;
        int is_upd = class_says(p, id, k_upd_words);
        if (!is_upd && n->parent >= 0) is_upd = class_says(p, n->parent, k_upd_words);
        if (is_upd) {
            if (upd_best < 0) { *upd = d; *has_upd = 1; upd_best = 1; }
            continue;
        }
        int rank = 0;
        if (kb_hattr(p, id, "pubdate") || class_says(p, id, k_pub_words) ||
            (n->parent >= 0 && class_says(p, n->parent, k_pub_words)))
            rank = 3;
        else if (in_range(p, area, id) || in_range(p, body_node, id))
            rank = 2;
        else if (!(n->flags & (KB_HN_LINK | KB_HN_HEADER)))
            rank = 1;
        else
            rank = 0;
        int32_t dist = title_node >= 0 ? (id > title_node ? id - title_node : (title_node - id) * 2)
                                       : id;
        if (rank > best || (rank == best && dist < best_dist)) {
            best = rank;
            best_dist = dist;
            *pub = d;
            *has_pub = 1;
        }
    }
    if (best == 0) *has_pub = 0;     /* only times inside links and furniture */
}

/* ------------------------------------------------------------ text */

static const char *const k_date_words[] = { "date", "time", "publish", "posted", "byline",
                                            "meta", "info", NULL };

/* The blocks around the title: from a few before it to the first long
 * paragraphs after it. */
static void title_window(const kb_hpage *p, int32_t from, size_t *k0, size_t *k1)
{
    size_t k = 0;
    while (k < p->nblocks && p->blocks[k].first < from) k++;
    *k0 = k >= 3 ? k - 3 : 0;
    size_t seen = 0, e = *k0;
    for (; e < p->nblocks && seen < 2500; e++) {
        if (p->blocks[e].chars > 400 && e > k + 2) break;
        seen += p->blocks[e].len;
    }
    *k1 = e;
}

/* A year-first numeric date in any script's punctuation: 2020-07-03,
 * 2020/7/3, 2020.07.03, 2020年07月03日. 1 when found. */
static int numeric_ymd(const char *s, size_t len, kb_date *out)
{
    for (size_t i = 0; i + 8 <= len; i++) {
        if (i > 0 && isdigit((unsigned char)s[i - 1])) continue;
        int y, m, d;
        if (!num(s + i, 4, &y) || y < MIN_YEAR || y > 2100) continue;
        size_t j = i + 4, sep = 0;
        while (j < len && sep < 3 && !isdigit((unsigned char)s[j]) && s[j] != ' ') { j++; sep++; }
        if (!sep) continue;
        size_t ms = j;
        while (j < len && isdigit((unsigned char)s[j]) && j - ms < 3) j++;
        if (j - ms < 1 || j - ms > 2 || !num(s + ms, j - ms, &m)) continue;
        sep = 0;
        while (j < len && sep < 3 && !isdigit((unsigned char)s[j]) && s[j] != ' ') { j++; sep++; }
        if (!sep) continue;
        size_t ds = j;
        while (j < len && isdigit((unsigned char)s[j]) && j - ds < 3) j++;
        if (j - ds < 1 || j - ds > 2 || !num(s + ds, j - ds, &d)) continue;
        if (!valid_ymd(y, m, d)) continue;
        *out = ymd(y, m, d);
        return 1;
    }
    return 0;
}

/* Words that lead an update's date ("Updated: ...", "actualizado el",
 * "آخر تحديث"), lower case; ASCII is compared without case. */
static const char *const k_upd_lead[] = {
    "updated", "update", "modified", "actualizad", "mis à jour", "mise à jour",
    "aktualisiert", "aggiornat", "atualizad", "bijgewerkt", "zaktualizowan", "güncellen",
    "обновлен", "تحديث", "تعديل", "更新", "수정", NULL
};

/* Does an update word stand in s[from..at)? Only the last 40 bytes count. */
static int update_lead(const char *s, size_t from, size_t at)
{
    if (at > from + 40) from = at - 40;
    for (int k = 0; k_upd_lead[k]; k++) {
        size_t n = strlen(k_upd_lead[k]);
        for (size_t i = from; i + n <= at; i++)
            if (strncasecmp(s + i, k_upd_lead[k], n) == 0) return 1;
    }
    return 0;
}

/* The publication date written in s: of the first dates (with a day,
 * plausible) the earliest that no update word leads -- a header line
 * "Published March 3 | Updated March 5" or "Updated March 5 (first
 * published March 3)" gives March 3; else a numeric year-first one. */
static int find_date(const char *s, size_t len, const bounds *b, kb_date *out)
{
    kb_date_match m;
    kb_date d, best = {0};
    int found = 0;
    size_t pos = 0;
    for (int n = 0; n < 8 && pos < len && kb_date_find(s + pos, len - pos, &m); n++) {
        size_t st = pos + m.start;
        if (plausible(&m.date, b) && m.date.prec >= KB_PREC_DAY && !update_lead(s, pos, st) &&
            (!found || kb_date_days(&m.date) < kb_date_days(&best))) {
            best = m.date;
            found = 1;
        }
        pos += m.end > m.start ? m.end : m.start + 1;
    }
    if (found) {
        *out = best;
        return 1;
    }
    if (numeric_ymd(s, len, &d) && plausible(&d, b)) {
        *out = d;
        return 1;
    }
    return 0;
}

static int block_date(const kb_hpage *p, const kb_hblock *bl, const bounds *b, kb_date *out)
{
    return find_date(p->text + bl->off, bl->len, b, out);
}

/* A block that is a date and little else ("2020年07月12日 | News", "March
 * 3, 2020"): 1 and *out, else 0. */
static int date_line(const kb_hpage *p, const kb_hblock *bl, const bounds *b, kb_date *out)
{
    kb_date_match m;
    const char *s = p->text + bl->off;
    if (!kb_date_find(s, bl->len, &m) || m.date.prec < KB_PREC_DAY || !plausible(&m.date, b) ||
        (m.end - m.start) * 2 < bl->len)
        return 0;
    *out = m.date;
    return 1;
}

/* Boilerplate that never holds the page's own date: footers, sidebars,
 * lists of other articles, comments. */
static const char *const k_other_words[] = { "foot", "side", "related", "comment", "widget",
                                             "recommend", "popular", "more", NULL };

static int other_area(const kb_hpage *p, int32_t i)
{
    const kb_hnode *n = &p->nodes[i];
    return n->tag == GUMBO_TAG_ASIDE || n->tag == GUMBO_TAG_FOOTER || n->tag == GUMBO_TAG_NAV ||
           ((n->flags & KB_HN_NEG) && class_says(p, i, k_other_words));
}

/* The first small element in nodes [lo, hi) whose class or id says date
 * and that holds a date: in a machine attribute (datetime, title,
 * data-date...) or in its text. Links are passed over, and so is
 * boilerplate (not the element at lo itself): all of it, or with in_neg
 * (the whole page searched) only footers, sidebars, lists of other
 * articles and comments, so that a site's header (which writes the day's
 * date) is read. 1 and *out, 0, or KB_ENOMEM. */
static int class_dates(kb_hpage *p, int32_t lo, int32_t hi, int in_neg, const bounds *b,
                       kb_date *out)
{
    for (int32_t i = lo; i < hi; i++) {
        const kb_hnode *n = &p->nodes[i];
        if (n->flags & KB_HN_TEXT) continue;
        if ((n->flags & KB_HN_SKIP) ||
            (i != lo && !class_says(p, i, k_date_words) &&
             (in_neg ? other_area(p, i) : (n->flags & KB_HN_NEG) != 0))) {
            i = n->end - 1;
            continue;
        }
        if (n->chars > 120 || !class_says(p, i, k_date_words)) continue;
        if (class_says(p, i, k_upd_words) || (n->flags & KB_HN_LINK)) continue;
        /* a machine date in an attribute of the element */
        static const char *const attrs[] = { "datetime", "title", "data-date",
                                             "data-time", "content", NULL };
        for (int k = 0; attrs[k]; k++) {
            const char *v = kb_hattr(p, i, attrs[k]);
            kb_date d;
            if (v && kb_date_parse_iso(v, strlen(v), &d) == KB_OK && plausible(&d, b) &&
                d.prec >= KB_PREC_DAY) {
                *out = d;
                return 1;
            }
        }
        if (!n->chars) continue;
        kb_buf t = {0};
        if (kb_hnode_text(p, i, &t) != KB_OK) { kb_buf_free(&t); return KB_ENOMEM; }
        int found = t.len && find_date(t.data, t.len, b, out);
        kb_buf_free(&t);
        if (found) return 1;
        i = n->end - 1;
    }
    return 0;
}

/* Is block bl not one of the lines by the title (from) whose date may be
 * the page's? The headline itself (searched last), and above it a site's
 * header (a header the headline is not in), which writes the day's date,
 * are not. */
static int not_by_title(const kb_hpage *p, int32_t title_node, const kb_hblock *bl)
{
    if (in_range(p, title_node, bl->first)) return 1;
    return title_node >= 0 && bl->first < title_node &&
           (p->nodes[bl->first].flags & KB_HN_HEADER) && !(p->nodes[title_node].flags & KB_HN_HEADER);
}

/* Search written dates: a short line that is mostly a date next to the
 * title; then small elements whose class says date in the header area
 * (not inside boilerplate such as a related-posts list); then any date in
 * the text around the title; the headline's own text last, since a date
 * there mostly names what the story is about ("Results of 11-12 July"),
 * and only a page that writes no other date by it ("Briefing, 3 March")
 * is dated by its headline. */
static int text_date(kb_hpage *p, int32_t title_node, int32_t body_node, const bounds *b,
                     kb_date *out)
{
    int32_t from = title_node >= 0 ? title_node : body_node;
    if (from < 0) return 0;
    size_t k0, k1;
    title_window(p, from, &k0, &k1);
    size_t after = 0;      /* blocks seen after the title */
    for (size_t k = k0; k < k1; k++) {
        const kb_hblock *bl = &p->blocks[k];
        if (not_by_title(p, title_node, bl)) continue;
        if (bl->first > from) after++;
        if (bl->chars > 80) continue;
        if (bl->link_chars * 2 <= bl->chars) {
            if (block_date(p, bl, b, out)) return 1;
        } else if (after <= 2 && date_line(p, bl, b, out)) {
            return 1;      /* a post's date as its permalink */
        }
    }
    int32_t area = kb_hheader_area(p, title_node, body_node);
    if (area >= 0) {
        int r = class_dates(p, area, p->nodes[area].end, 0, b, out);
        if (r) return r;
    }
    /* any date in the header lines; in the story's first paragraph only
     * where a dateline stands (its first words), never one the story
     * tells of */
    for (size_t k = k0; k < k1; k++) {
        const kb_hblock *bl = &p->blocks[k];
        if (not_by_title(p, title_node, bl)) continue;
        if (bl->chars <= 100) {
            if (block_date(p, bl, b, out)) return 1;
            continue;
        }
        size_t n = bl->len < 120 ? bl->len : 120;
        if (find_date(p->text + bl->off, n, b, out)) return 1;
        break;
    }
    for (size_t k = k0; k < k1; k++)
        if (in_range(p, title_node, p->blocks[k].first) && block_date(p, &p->blocks[k], b, out))
            return 1;
    return 0;
}

/* ------------------------------------------------------------ last resorts */

/* Where the next <script> element's content starts in s[from..n) (*end:
 * where it ends); 0 when there is none. */
static int next_script(const char *s, size_t n, size_t from, size_t *start, size_t *end)
{
    for (size_t i = from; i + 8 <= n; i++) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) return 0;
        i = (size_t)(lt - s);
        if (i + 8 > n || strncasecmp(s + i + 1, "script", 6) != 0 ||
            isalnum((unsigned char)s[i + 7]))
            continue;
        const char *gt = memchr(s + i, '>', n - i);
        if (!gt) return 0;
        size_t c = (size_t)(gt - s) + 1, e = c;
        while (e + 9 <= n && !(s[e] == '<' && s[e + 1] == '/' && strncasecmp(s + e + 2, "script", 6) == 0))
            e++;
        if (e + 9 > n) e = n;
        *start = c;
        *end = e;
        return 1;
    }
    return 0;
}

/* The year-first numeric date written most often in the page's scripts,
 * which the tree does not show ("showDate("2020/04/17 01:43:09")", a state
 * object's "2020-04-17"); ties go to the earliest (the original over
 * updates). Dates in URL paths ("/2020/04/17/") and inside longer numbers
 * do not count. */
static int raw_date(const kb_hpage *p, const bounds *b, kb_date *out)
{
    const char *s = p->orig;
    size_t n = p->orig_len, cs, ce = 0;
    int64_t day[32];
    int count[32], k = 0;
    if (!s) return 0;
    while (next_script(s, n, ce, &cs, &ce)) {
        for (size_t i = cs; i + 10 <= ce; i++) {
            if (!is_digit(s[i])) continue;
            if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '/')) continue;
            kb_date c;
            if (!ymd10(s + i, &c) || (i + 10 < ce && is_digit(s[i + 10]))) continue;
            i += 9;
            if (!plausible(&c, b)) continue;
            int64_t dn = kb_date_days(&c);
            int f = 0;
            while (f < k && day[f] != dn) f++;
            if (f == k) {
                if (k == 32) continue;
                day[k] = dn;
                count[k++] = 0;
            }
            count[f]++;
        }
    }
    int best = -1;
    for (int f = 0; f < k; f++)
        if (best < 0 || count[f] > count[best] || (count[f] == count[best] && day[f] < day[best]))
            best = f;
    if (best < 0) return 0;
    *out = kb_date_from_days(day[best]);
    return 1;
}

/* ------------------------------------------------------------ local day */

/* The zone of the page's own clock: the offset that most of the time
 * stamps written anywhere in the page (scripts included: "2020-05-01T22:54:
 * 29-04:00", "Fri, 01 May 2020 23:00:00 -0400") carry, when one outnumbers
 * every other; UTC stamps do not vote. Seconds are required, so that a
 * range of hours ("10:30-12:00") is no zone. 1 and *minutes, or 0. */
static int page_offset(const kb_hpage *p, int *minutes)
{
    const char *s = p->orig;
    size_t n = p->orig_len;
    int off[8], votes[8], k = 0;
    if (!s) return 0;
    for (const char *c = memchr(s, ':', n); c; c = memchr(c + 1, ':', n - (size_t)(c + 1 - s))) {
        size_t i = (size_t)(c - s);
        if (i < 2 || i + 6 > n || !is_digit(s[i - 2]) || !is_digit(s[i - 1]) ||
            (i >= 3 && is_digit(s[i - 3])) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
            s[i + 3] != ':' || !is_digit(s[i + 4]) || !is_digit(s[i + 5]))
            continue;
        size_t j = i + 6;
        if (j < n && s[j] == '.')
            for (j++; j < n && is_digit(s[j]); j++) {}
        if (j < n && s[j] == ' ') j++;
        if (j + 5 > n || (s[j] != '+' && s[j] != '-')) continue;
        int sign = s[j] == '-' ? -1 : 1;
        j++;
        if (!is_digit(s[j]) || !is_digit(s[j + 1])) continue;
        int hh = (s[j] - '0') * 10 + (s[j + 1] - '0');
        j += 2;
        if (j < n && s[j] == ':') j++;
        if (j + 2 > n || !is_digit(s[j]) || !is_digit(s[j + 1]) || (j + 2 < n && is_digit(s[j + 2])))
            continue;
        int mm = (s[j] - '0') * 10 + (s[j + 1] - '0');
        if (hh > 14 || mm % 15 || (hh == 0 && mm == 0)) continue;
        int o = sign * (hh * 60 + mm), f = 0;
        while (f < k && off[f] != o) f++;
        if (f == k) {
            if (k == 8) continue;
            off[k] = o;
            votes[k++] = 0;
        }
        votes[f]++;
    }
    int best = -1, second = 0;
    for (int f = 0; f < k; f++) {
        if (best < 0 || votes[f] > votes[best]) {
            if (best >= 0) second = votes[best];
            best = f;
        } else if (votes[f] > second) {
            second = votes[f];
        }
    }
    if (best < 0 || votes[best] == second) return 0;
    *minutes = off[best];
    return 1;
}

/* A day written alone (no time, so a local day) under a publication key of
 * the page's data ("DateCreation":"2020-08-24", 'publishDate': '2020-08-24'
 * in an analytics or state object): 1 and *out when every such value names
 * the same day, else 0. */
static int data_day(const kb_hpage *p, const bounds *b, kb_date *out)
{
    const char *s = p->orig;
    size_t n = p->orig_len;
    int found = 0;
    if (!s) return 0;
    for (const char *c = memchr(s, ':', n); c; c = memchr(c + 1, ':', n - (size_t)(c + 1 - s))) {
        size_t i = (size_t)(c - s), j = i + 1;
        /* the value: ':' then an optional space and a quote, ten characters */
        while (j < n && s[j] == ' ') j++;
        if (j + 12 > n || (s[j] != '"' && s[j] != '\'')) continue;
        char q = s[j];
        const char *v = s + j + 1;
        kb_date c2;
        if (v[10] != q || ymd10(v, &c2) != '-') continue;
        /* the key: letters (and '_', '-') in quotes before the ':' */
        size_t e = i;
        while (e > 0 && s[e - 1] == ' ') e--;
        if (e < 2 || (s[e - 1] != '"' && s[e - 1] != '\'')) continue;
        size_t k = e - 1;
        while (k > 0 && e - k < 32 &&
               (isalpha((unsigned char)s[k - 1]) || s[k - 1] == '_' || s[k - 1] == '-'))
            k--;
        if (k == 0 || k == e - 1 || s[k - 1] != s[e - 1]) continue;
        char key[32];
        size_t kl = 0;
        for (size_t t = k; t < e - 1; t++)
            if (s[t] != '_' && s[t] != '-') key[kl++] = (char)tolower((unsigned char)s[t]);
        key[kl] = '\0';
        if (!strstr(key, "publi") && !strstr(key, "creat") && strcmp(key, "pubdate") != 0) continue;
        if (strstr(key, "modif") || strstr(key, "updat")) continue;
        if (!plausible(&c2, b)) continue;
        if (found && kb_date_days(&c2) != kb_date_days(out)) return 0;
        *out = c2;
        found = 1;
    }
    return found;
}

/* The publication day of a page whose time stamp is in UTC. The day is the
 * one where the page is published: a time stamp written with its own
 * offset is read as written (its day is the local day), but one in UTC
 * ("Z", "+00:00", a Unix time) only names an instant whose local day may be
 * the one before (west of Greenwich) or after (east). What decides, in
 * order: a day the page shows people -- the element marked datePublished,
 * the URL, a day alone under a publication key of the page's data, the
 * date written by the title -- when it is the neighbouring
 * day on the side the hour allows (before: up to UTC-10; after: from
 * UTC+12 at noon); else the offset of the page's other time stamps, to
 * which the instant is converted (and written in, when that changes the
 * day); else the UTC day stands. */
static int local_day(kb_hpage *p, const kb_hmeta *m, const char *url, int32_t title_node,
                     int32_t body_node, const bounds *b, kb_date *pub, const char **src)
{
    kb_date alt;
    const char *asrc = NULL;
    kb_date_match mm;
    if (m->shown_published && kb_date_find(m->shown_published, strlen(m->shown_published), &mm) &&
        mm.date.prec >= KB_PREC_DAY && plausible(&mm.date, b)) {
        alt = mm.date;
        asrc = "meta";
    } else if (url_date(url, &alt) == KB_PREC_DAY) {
        asrc = "url";
    } else if (data_day(p, b, &alt)) {
        asrc = "raw";
    } else {
        int r = text_date(p, title_node, body_node, b, &alt);
        if (r < 0) return r;
        if (r) asrc = "text";
    }
    if (asrc) {
        int64_t diff = kb_date_days(&alt) - kb_date_days(pub);
        if ((diff == -1 && pub->hour < 10) || (diff == 1 && pub->hour >= 12)) {
            kb_date d = kb_date_from_days(kb_date_days(&alt));
            *pub = d;
            *src = asrc;
            return 0;
        }
        if (diff == 0) return 0;   /* the page shows the UTC day */
    }
    int off;
    if (page_offset(p, &off)) {
        int64_t t = kb_date_days(pub) * 1440 + pub->hour * 60 + pub->minute + off;
        int64_t days = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
        int64_t mins = t - days * 1440;
        if (days == kb_date_days(pub)) return 0;   /* the same day: kept as written */
        kb_date d = kb_date_from_days(days);
        d.hour = (int8_t)(mins / 60);
        d.minute = (int8_t)(mins % 60);
        d.second = pub->second;
        d.prec = pub->prec;
        d.has_tz = 1;
        d.tz_minutes = (int16_t)off;
        *pub = d;
    }
    return 0;
}

/* ------------------------------------------------------------ all */

int kb_hdates_find(kb_hpage *p, const kb_hmeta *m, const char *url, int32_t title_node,
                   int32_t body_node, int64_t lo_days, int64_t hi_days, int64_t hi_minutes,
                   kb_hdates *out)
{
    memset(out, 0, sizeof *out);
    bounds b = { lo_days, hi_days, hi_minutes };
    kb_date pub = {0}, upd = {0};
    int has_pub = 0, has_upd = 0;
    const char *src = NULL;
    kb_date d;

    if (parse_value(m->jsonld_published, &d) && plausible(&d, &b)) {
        pub = d; has_pub = 1; src = "jsonld";
    }
    if (parse_value(m->jsonld_modified, &d) && plausible(&d, &b)) {
        upd = d; has_upd = 1;
        /* A wiki's page is edited for years: its datePublished is the
         * page's creation, the text shown the revision of dateModified. */
        if (m->generator && strncasecmp(m->generator, "MediaWiki", 9) == 0) {
            pub = d; has_pub = 1; src = "jsonld";
        }
    }
    /* metas best name first; one that does not parse or is implausible
     * gives way to the next */
    for (int r = 0; r < KB_HMETA_RANKS && !has_pub; r++)
        if (m->meta_published[r] && parse_value(m->meta_published[r], &d) && plausible(&d, &b)) {
            pub = d; has_pub = 1; src = "meta";
        }
    for (int r = 0; r < KB_HMETA_RANKS && !has_upd; r++)
        if (m->meta_modified[r] && parse_value(m->meta_modified[r], &d) && plausible(&d, &b)) {
            upd = d; has_upd = 1;
        }
    if (!has_pub || !has_upd) {
        kb_date tp, tu;
        int htp = 0, htu = 0;
        time_dates(p, title_node, body_node, &b, &tp, &htp, &tu, &htu);
        if (!has_pub && htp) { pub = tp; has_pub = 1; src = "time"; }
        if (!has_upd && htu) { upd = tu; has_upd = 1; }
    }
    kb_date ud;
    int uprec = 0;
    if (!has_pub) {
        uprec = url_date(url, &ud);
        if (uprec == KB_PREC_DAY && plausible(&ud, &b)) { pub = ud; has_pub = 1; src = "url"; }
    }
    if (!has_pub) {
        int r = text_date(p, title_node, body_node, &b, &d);
        if (r < 0) return r;
        if (r) { pub = d; has_pub = 1; src = "text"; }
    }
    if (!has_pub) {
        /* Last resorts, as htmldate: a date in the page's title ("... | 9
         * oktober 2020 11:12 | Site"), the first element saying date
         * anywhere in the page (a site's header writes the day's date),
         * then the date the page's scripts write most often. A month in
         * the URL stands unless one of them gives a day in it. */
        const char *lsrc = "text";
        int r = 0;
        const char *titles[2] = { m->doc_title, m->og_title };
        for (int k = 0; k < 2 && !r; k++)
            r = titles[k] && find_date(titles[k], strlen(titles[k]), &b, &d);
        if (!r) r = class_dates(p, 0, (int32_t)p->nnodes, 1, &b, &d);
        if (r < 0) return r;
        if (!r && (r = raw_date(p, &b, &d))) lsrc = "raw";
        if (r && (uprec != KB_PREC_MONTH || (d.year == ud.year && d.month == ud.month))) {
            pub = d; has_pub = 1; src = lsrc;
        }
    }
    if (!has_pub && uprec == KB_PREC_MONTH && plausible(&ud, &b)) {
        pub = ud; has_pub = 1; src = "url";
    }
    /* A UTC time stamp names an instant, not the day where the page is
     * published: see local_day. */
    if (has_pub && pub.has_tz && pub.tz_minutes == 0 && pub.prec >= KB_PREC_MINUTE &&
        src && (strcmp(src, "jsonld") == 0 || strcmp(src, "meta") == 0 || strcmp(src, "time") == 0)) {
        int r = local_day(p, m, url, title_node, body_node, &b, &pub, &src);
        if (r < 0) return r;
    }
    /* An update before the publication is no update. */
    if (has_pub && has_upd && pub.prec >= KB_PREC_DAY && upd.prec >= KB_PREC_DAY &&
        kb_date_days(&upd) < kb_date_days(&pub))
        has_upd = 0;
    if (has_pub) {
        if (!(out->published = iso(&p->arena, &pub))) return KB_ENOMEM;
        out->source = src;
    }
    if (has_upd && !(out->updated = iso(&p->arena, &upd))) return KB_ENOMEM;
    return KB_OK;
}
