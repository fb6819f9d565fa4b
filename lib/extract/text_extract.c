/* extract/text_extract.c -- kb_extract_text: a page saved as plain text ->
 * its main article and the articles embedded after "اقرأ أيضاً" (extract
 * stage; kb_extract dispatches here for every format but HTML).
 *
 * Design. The page is cut into lines (a line break = a paragraph break);
 * each line is classified once: its marker (markers.c), whole-line code,
 * bullet, word count, whether it ends like a sentence. Then one pass walks
 * the lines with a current article:
 *  - at the top of an article ("header"), date lines, a dateline
 *    ("بغداد ـ العرب اليوم"), a byline and the headline are taken as fields;
 *  - "المصدر:" lines give the source, tag lines the tags;
 *  - a related marker ("مقالات مشابهة", "أخبار ذات صلة" glued inline...)
 *    starts a list of headlines;
 *  - a read-also marker ("إقرأ أيضاً:", "قد يهمك أيضا") is followed by
 *    headline-like lines; when body paragraphs of real sentences come next,
 *    and the running article has ended (its source or tags were given) or
 *    the paragraph opens like a lead and not like a continuation ("وأضاف"),
 *    the first headline titles a new embedded article (a second one is its
 *    subtitle, kept at the top of its body); otherwise the headlines are a
 *    related list and the running article goes on. Many headlines then
 *    paragraphs: a list, and the last headline titles the text below it
 *    (the page's own article when nothing came before);
 *  - after an article has ended, a headline followed by paragraphs starts
 *    another embedded article even without a marker.
 * A line is a paragraph ("real sentences") when it ends with a stop, or is
 * long, or carries commas; headline-like when short with no final stop.
 * Whose list: a related list belongs to the article it appears in, except a
 * list at the tail of the page (no body paragraph after it) while an
 * embedded article is running: that is the page's list, and the page is the
 * main article. Tag lines follow the same rule.
 * Nothing is keyed to a site: the rules are structural, the phrase lists
 * (markers.c, text_meta.c) cover the common Arabic and English sites. */
#include "extract/text_extract.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LINE_WORDS 25u    /* a headline-like line has at most this many words */
#define WORDS_CAP (MAX_LINE_WORDS + 1)  /* words are counted up to here: every
                                           rule compares with a smaller bound */
#define MAX_TITLE_WORDS 18u   /* longer lines without a stop are leads, not titles */
#define MAX_EMBEDDED 64
#define MAX_RELATED 256
#define HEADER_LOOKAHEAD 8

enum { K_OTHER = 0, K_HEAD, K_PARA };

typedef struct tline {
    const char *s;        /* trimmed line (not NUL-terminated) */
    size_t len;
    size_t rest;          /* marker content offset in s (len when none) */
    size_t boff;          /* bytes of a leading bullet and its spaces */
    unsigned words;       /* counted up to WORDS_CAP */
    unsigned char mark;   /* kb_mark */
    unsigned char code;   /* the whole line is CSS/JS */
    unsigned char bullet;
    unsigned char endp;   /* ends with . ! … : ، ؛ */
    unsigned char kind;   /* K_* */
    unsigned char empty;
    unsigned char meta;   /* 0 not looked at, 1 no, 2 a date line/dateline/byline */
} tline;

typedef struct art {
    kb_article *a;
    kb_buf body;
    size_t npara;
    int ended;            /* its source or tag line was seen */
    int header;           /* still before the first body paragraph */
    int prefix_done;      /* the dateline prefix of the first paragraph was looked at */
    const char *title;
    const char *src_line, *src_prefix, *src_weak, *dateline, *author;
    kb_line_dates dates;
    kb_strvec tags, related;
} art;

typedef struct ctx {
    const kb_doc *doc;
    tline *L;
    size_t n;
    unsigned char *para_after;   /* para_after[i]: a body paragraph at >= i */
    art *arts;
    size_t narts, cap;
    int fix_letters;             /* Arabic page: Persian letter forms fixed */
    int rc;
} ctx;

/* ---------------------------------------------------------------- lines */

static int is_blank_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x202F || cp == 0x2007 || (cp >= 0x2000 && cp <= 0x200F) ||
           cp == 0x3000 || cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C;
}

/* Position before trailing blanks of s[0..len). */
static size_t rtrim(const char *s, size_t len)
{
    while (len > 0) {
        size_t p = len - 1;
        while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
        if (!is_blank_cp(kb_tw_cp(s, len, p, NULL))) break;
        len = p;
    }
    return len;
}

static size_t ltrim(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t nx;
        if (!is_blank_cp(kb_tw_cp(s, len, i, &nx))) break;
        i = nx;
    }
    return i;
}

static int is_bullet_cp(int32_t cp)
{
    return cp == 0x2022 || cp == 0x25CF || cp == 0x25AA || cp == 0x25E6 || cp == 0x2023 ||
           cp == 0x2219 || cp == 0xB7 || cp == 0x25BA || cp == 0x25C4 || cp == 0x25A0 ||
           cp == 0x25A1 || cp == 0x27A4 || cp == 0x2713 || cp == 0x2714 || cp == 0x25CB ||
           cp == 0x25B6 || cp == 0x25C0 || cp == 0x2605 || cp == 0x2666;
}

/* Is the character at s[i] blank? *next gets the next offset. ASCII and
 * the two-byte Arabic block (where only U+061C is blank) are told without
 * decoding: they are nearly every character of a page. */
static int blank_at(const char *s, size_t len, size_t i, size_t *next)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *next = i + 1;
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    }
    if (c >= 0xD8 && c <= 0xDB && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
        *next = i + 2;
        return c == 0xD8 && (unsigned char)s[i + 1] == 0x9C;
    }
    return is_blank_cp(kb_tw_cp(s, len, i, next));
}

/* Words of s[0..len), counted up to WORDS_CAP. */
static unsigned count_words(const char *s, size_t len)
{
    unsigned n = 0;
    int in = 0;
    for (size_t i = 0; i < len && n < WORDS_CAP;) {
        int w = !blank_at(s, len, i, &i);
        if (w && !in) n++;
        in = w;
    }
    return n;
}

/* Last meaningful character (closing quotes and brackets skipped). */
static int32_t last_char(const char *s, size_t len)
{
    while (len > 0) {
        size_t p = len - 1;
        while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
        int32_t cp = kb_tw_cp(s, len, p, NULL);
        if (!(is_blank_cp(cp) || cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
              cp == 0xBB || cp == 0x201D || cp == 0x2019 || cp == 0xAB || cp == 0x201C))
            return cp;
        len = p;
    }
    return 0;
}

static int ends_sentence(const char *s, size_t len)
{
    /* "فيما يلي نصه :-" announces what follows, like ":" */
    size_t e = rtrim(s, len);
    if (e >= 2 && s[e - 1] == '-' && s[e - 2] == ':') return 1;
    int32_t c = last_char(s, len);
    return c == '.' || c == '!' || c == 0x2026 || c == ':' || c == 0x060C ||
           c == 0x061B || c == ';' || c == ',';
}

/* A comma inside the line (not in a number): sentences have them,
 * headlines seldom do. */
static int inner_comma(const char *s, size_t len)
{
    for (size_t i = 1; i + 2 < len; i++) {
        if ((unsigned char)s[i] == 0xD8 && (unsigned char)s[i + 1] == 0x8C) return 1;   /* ، */
        if (s[i] == ',' && !(s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9'))
            return 1;
    }
    return 0;
}

static int classify(const char *s, size_t len, unsigned *words, unsigned char *endp)
{
    *words = count_words(s, len);
    *endp = (unsigned char)ends_sentence(s, len);
    if (*words >= 12 && inner_comma(s, len)) return K_PARA;
    if (*words >= 1 && *words <= MAX_LINE_WORDS && !*endp) return K_HEAD;
    if (*words >= 4) return K_PARA;
    return K_OTHER;
}

/* Slider and pager words glued at the start of a line ("Next Previous
 * حامد القرشي – عين اليوم"): dropped. */
static void lead_furniture(tline *l)
{
    static const char *const w[] = { "next", "previous", "prev", "التالي", "السابق" };
    for (;;) {
        size_t k, wl = 0;
        for (k = 0; k < sizeof w / sizeof w[0]; k++) {
            wl = strlen(w[k]);
            if (l->len > wl && !strncasecmp(l->s, w[k], wl) && l->s[wl] == ' ') break;
        }
        if (k == sizeof w / sizeof w[0]) return;
        size_t skip = wl + ltrim(l->s + wl, l->len - wl);
        if (skip >= l->len) return;
        l->s += skip;
        l->len -= skip;
    }
}

static int split_lines(ctx *c)
{
    const char *d = c->doc->data;
    size_t len = c->doc->len, n = 1;
    for (size_t i = 0; i < len; i++) n += d[i] == '\n';
    c->L = calloc(n, sizeof *c->L);
    c->para_after = calloc(n + 1, 1);
    if (!c->L || !c->para_after) return KB_ENOMEM;
    size_t st = 0, k = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && d[i] != '\n') continue;
        tline *l = &c->L[k++];
        const char *s = d + st;
        size_t ll = rtrim(s, i - st);
        size_t b = ltrim(s, ll);
        l->s = s + b;
        l->len = ll - b;
        st = i + 1;
        if (!l->len) { l->empty = 1; continue; }
        /* bullet */
        size_t nx;
        int32_t cp = kb_tw_cp(l->s, l->len, 0, &nx);
        if (is_bullet_cp(cp) || ((cp == '-' || cp == '*' || cp == 0x2013 || cp == 0x2014) &&
                                 nx < l->len && l->s[nx] == ' ')) {
            l->bullet = 1;
            l->boff = nx + ltrim(l->s + nx, l->len - nx);
        }
        lead_furniture(l);
        const char *it = l->s + l->boff;
        size_t il = l->len - l->boff;
        l->kind = (unsigned char)classify(it, il, &l->words, &l->endp);
        size_t rest;
        l->mark = (unsigned char)kb_mark_line(l->s, l->len, &rest);
        l->rest = rest;
        l->code = (unsigned char)(l->mark == KB_MARK_NONE && kb_is_code_line(l->s, l->len));
    }
    c->n = k;
    for (size_t i = c->n; i-- > 0;) {
        const tline *l = &c->L[i];
        c->para_after[i] = c->para_after[i + 1] ||
            (!l->empty && !l->code && l->mark == KB_MARK_NONE && !l->bullet && l->kind == K_PARA);
    }
    return KB_OK;
}

/* ---------------------------------------------------------------- articles */

static art *new_art(ctx *c, kb_role role)
{
    if (c->narts == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4;
        art *v = realloc(c->arts, cap * sizeof *v);
        if (!v) return NULL;
        c->arts = v;
        c->cap = cap;
    }
    art *a = &c->arts[c->narts];
    memset(a, 0, sizeof *a);
    a->a = kb_article_new();
    if (!a->a) return NULL;
    a->a->role = role;
    a->a->part = (int)c->narts;
    a->header = 1;
    c->narts++;
    return a;
}

static void free_art(art *a)
{
    kb_article_free(a->a);
    kb_buf_free(&a->body);
    kb_strvec_free(&a->tags);
    kb_strvec_free(&a->related);
}

/* Display text of s[0..len) in the article's arena. */
static char *disp(ctx *c, art *a, const char *s, size_t len)
{
    char *r = kb_display_fix(&a->a->arena, s, len, c->fix_letters ? 0 : KB_DISP_SPACES_ONLY);
    if (!r) c->rc = KB_ENOMEM;
    return r;
}

static void set_rc(ctx *c, int rc)
{
    if (rc != KB_OK && c->rc == KB_OK) c->rc = rc;
}

/* Photo credits that close an image caption: "... - واس". */
static const char *const CREDITS[] = {
    "واس", "وام", "قنا", "بنا", "كونا", "سانا", "واع", "وفا", "معا", "الاناضول",
    "رويترز", "ا ف ب", "اف ب", "فرانس برس", "الفرنسيه", "اسوشيتد برس", "ارشيفيه",
    "getty", "reuters", "afp", "ap", "epa", "shutterstock",
};

/* After a leaked image style, the image's caption may come first: text up
 * to " - CREDIT" within the first words. Returns the bytes to skip. */
static size_t caption_skip(const char *s, size_t len)
{
    size_t lim = len < 400 ? len : 400;
    kb_norm n;
    if (kb_normalize(s, lim, 0, &n) != KB_OK) return 0;
    size_t skip = 0;
    for (size_t i = 0; i + 2 < n.len && !skip; i++) {
        if (!(n.text[i] == ' ' && n.text[i + 1] == '-' && n.text[i + 2] == ' ')) continue;
        size_t p = i + 3;
        for (size_t k = 0; k < sizeof CREDITS / sizeof CREDITS[0]; k++) {
            size_t cl = strlen(CREDITS[k]);
            if (n.len - p >= cl && !memcmp(n.text + p, CREDITS[k], cl)) {
                skip = n.map[p + cl];
                break;
            }
        }
    }
    kb_norm_free(&n);
    while (skip < len && (s[skip] == ' ' || s[skip] == ':')) skip++;
    return skip;
}

/* Glued sentences "2026.وأشار" -> "2026. وأشار" (not abbreviations such as
 * "أ.ف.ب" or "د.محمد": the letters after the dot must make a word of three
 * or more, the text before it a word or a number). */
static int put_para(kb_buf *b, const char *s, size_t len)
{
    size_t st = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        if (s[i] != '.') continue;
        unsigned char nb = (unsigned char)s[i + 1];
        if (nb < 0xD8 || nb > 0xD9) continue;
        size_t j = i + 1, letters = 0;
        while (j + 1 < len && ((unsigned char)s[j] == 0xD8 || (unsigned char)s[j] == 0xD9)) {
            int32_t cp = kb_tw_cp(s, len, j, &j);
            if (cp < 0x0621 || cp > 0x064A) break;
            letters++;
        }
        size_t before = 0;
        for (size_t p = i; p > 0 && before < 2;) {
            size_t q = p - 1;
            while (q > 0 && ((unsigned char)s[q] & 0xC0) == 0x80) q--;
            int32_t cp = kb_tw_cp(s, len, q, NULL);
            if (!((cp >= 0x0621 && cp <= 0x064A) || (cp >= '0' && cp <= '9'))) break;
            before++;
            p = q;
        }
        if (letters < 3 || before < 2) continue;
        if (kb_buf_append(b, s + st, i + 1 - st) || kb_buf_putc(b, ' ')) return KB_ENOMEM;
        st = i + 1;
    }
    return kb_buf_append(b, s + st, len - st);
}

/* The names a dateline gave, unless known already. */
static void take_dateline(art *a, const char *s, const kb_dateline *dl)
{
    kb_arena *ar = &a->a->arena;
    if (dl->place.len && !a->dateline) a->dateline = kb_clean_name(ar, s + dl->place.off, dl->place.len);
    if (dl->source.len && !a->src_prefix)
        a->src_prefix = kb_clean_name(ar, s + dl->source.off, dl->source.len);
    if (dl->author.len && !a->author) a->author = kb_clean_name(ar, s + dl->author.off, dl->author.len);
}

/* Append one paragraph (a line, or the tail of one) to the article body:
 * the dateline prefix of its first paragraph cut, leaked code cut (with the
 * caption after a leaked image style). */
static void add_body(ctx *c, art *a, const char *s, size_t len, int is_para)
{
    if (is_para && !a->prefix_done) {
        a->prefix_done = 1;
        kb_dateline dl;
        size_t cut = kb_dateline_prefix(s, len, &dl);
        if (cut) {
            take_dateline(a, s, &dl);
            s += cut;
            len -= cut;
        }
    }
    len = kb_tail_furniture(s, len);
    kb_buf piece = { 0 };
    size_t from = 0, cs, ce;
    int img = 0, after_img = 0;
    while (kb_code_find(s, len, from, &cs, &ce, &img)) {
        size_t skip = after_img ? caption_skip(s + from, cs - from) : 0;
        if (cs > from + skip) {
            if (piece.len) set_rc(c, kb_buf_putc(&piece, ' '));
            set_rc(c, kb_buf_append(&piece, s + from + skip, cs - from - skip));
        }
        from = ce;
        after_img = img;
    }
    if (from < len) {
        size_t skip = after_img ? caption_skip(s + from, len - from) : 0;
        if (piece.len) set_rc(c, kb_buf_putc(&piece, ' '));
        set_rc(c, kb_buf_append(&piece, s + from + skip, len - from - skip));
    }
    if (piece.len) {
        char *t = disp(c, a, piece.data, piece.len);
        if (t && *t) {
            if (a->body.len) set_rc(c, kb_buf_puts(&a->body, "\n\n"));
            set_rc(c, put_para(&a->body, t, strlen(t)));
            a->npara++;
        }
    }
    kb_buf_free(&piece);
    if (is_para) a->header = 0;
}

static void push_item(ctx *c, art *a, kb_strvec *v, const char *s, size_t len)
{
    if (v->n >= MAX_RELATED) return;
    size_t b = ltrim(s, len);
    len = rtrim(s, len);
    if (len <= b) return;
    char *t = disp(c, a, s + b, len - b);
    if (t && *t) set_rc(c, kb_strvec_push(v, t));
}

/* The article a list or tag line at line index `after` belongs to: the
 * page (main article) when it closes the page while an embedded article
 * runs, else the running one. */
static art *owner(ctx *c, size_t after, int body_follows)
{
    art *cur = &c->arts[c->narts - 1];
    if (c->narts > 1 && !body_follows && (after >= c->n || !c->para_after[after]))
        return &c->arts[0];
    return cur;
}

/* Does an inline run hold "المصدر:" (a source given inside a related box)?
 * Returns its offset or len. */
static size_t find_source_word(const char *s, size_t len, size_t *val)
{
    static const char *const w[] = { "المصدر", "Source", "source" };
    for (size_t i = 0; i < len; i++) {
        if (i && s[i - 1] != ' ' && (unsigned char)s[i - 1] != 0xA0) continue;
        for (size_t k = 0; k < 3; k++) {
            size_t wl = strlen(w[k]);
            if (len - i < wl || memcmp(s + i, w[k], wl)) continue;
            size_t j = i + wl;
            while (j < len && s[j] == ' ') j++;
            if (j < len && s[j] == ':') {
                j++;
                while (j < len && s[j] == ' ') j++;
                *val = j;
                return i;
            }
        }
    }
    *val = len;
    return len;
}

/* Headlines glued in one run ("أخبار ذات صلة A العراق: B"): a new headline
 * starts at a "Name:" word after three words or more, or after an explicit
 * delimiter. */
static void split_run(ctx *c, art *a, kb_strvec *v, const char *s, size_t len)
{
    size_t st = 0, words = 0, i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || (unsigned char)s[i] == 0xC2)) {
            if ((unsigned char)s[i] == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) i++;
            i++;
        }
        if (i >= len) break;
        size_t ws = i;
        while (i < len && s[i] != ' ' && !((unsigned char)s[i] == 0xC2 && i + 1 < len &&
                                           (unsigned char)s[i + 1] == 0xA0))
            i++;
        size_t wl = i - ws;
        int delim = (wl == 1 && (s[ws] == '|' || s[ws] == '-')) ||
                    (wl == 2 && (unsigned char)s[ws] == 0xC2 && (unsigned char)s[ws + 1] == 0xB7) ||
                    (wl == 3 && !memcmp(s + ws, "\xE2\x80\xA2", 3));
        if (delim) {
            if (ws > st) push_item(c, a, v, s + st, ws - st);
            st = i;
            words = 0;
            continue;
        }
        if (words >= 3 && s[i - 1] == ':' && wl > 1) {
            push_item(c, a, v, s + st, ws - st);
            st = ws;
            words = 0;
        }
        words++;
    }
    if (len > st) push_item(c, a, v, s + st, len - st);
}

static int is_meta_line(const tline *l)
{
    kb_line_dates d;
    kb_span p;
    kb_dateline dl;
    return (l->words <= 16 && kb_date_line(l->s, l->len, &d)) ||
           kb_byline(l->s, l->len, &p) ||
           (l->words <= 7 && kb_dateline_line(l->s, l->len, &dl));
}

/* Is the headline at line i followed by body text (a paragraph), past
 * metadata lines and at most one subtitle? */
static int followed_by_body(ctx *c, size_t i)
{
    int heads = 0;
    for (size_t j = i + 1; j < c->n && j <= i + HEADER_LOOKAHEAD; j++) {
        const tline *l = &c->L[j];
        if (l->empty || l->code || l->mark == KB_MARK_FURNITURE) continue;
        if (l->mark != KB_MARK_NONE) return 0;
        if (l->kind == K_PARA && !l->bullet) return 1;
        if (is_meta_line(l)) continue;
        if (l->kind == K_HEAD && !l->bullet && heads++ == 0) continue;
        return 0;
    }
    return 0;
}

static void take_dates(art *a, const kb_line_dates *d)
{
    if (d->has_pub && !a->dates.has_pub) { a->dates.pub = d->pub; a->dates.has_pub = 1; }
    if (d->has_upd && !a->dates.has_upd) { a->dates.upd = d->upd; a->dates.has_upd = 1; }
}

/* Metadata at the top of an article. Returns 1 when line i was consumed. */
static int header_line(ctx *c, art *a, size_t i)
{
    const tline *l = &c->L[i];
    kb_arena *ar = &a->a->arena;
    if (l->mark != KB_MARK_NONE || l->bullet) return 0;
    kb_line_dates d;
    if (l->words <= 16 && kb_date_line(l->s, l->len, &d)) {
        take_dates(a, &d);
        if (d.place.len && !a->dateline) a->dateline = kb_clean_name(ar, l->s + d.place.off, d.place.len);
        if (d.source.len && !a->src_prefix)
            a->src_prefix = kb_clean_name(ar, l->s + d.source.off, d.source.len);
        return 1;
    }
    kb_span p;
    kb_dateline dl;
    if (!a->author && kb_byline(l->s, l->len, &p)) {
        a->author = kb_clean_name(ar, l->s + p.off, p.len);
        return 1;
    }
    if (!a->npara && !a->dateline && l->words <= 7 && kb_dateline_line(l->s, l->len, &dl)) {
        take_dateline(a, l->s, &dl);
        return 1;
    }
    if (a == &c->arts[0] && !a->title && !a->npara && l->kind == K_HEAD && l->words >= 3 &&
        l->words <= MAX_TITLE_WORDS && followed_by_body(c, i)) {
        a->title = disp(c, a, l->s, l->len);
        return 1;
    }
    return 0;
}

static void take_source(art *a, const char *s, size_t len, int weak)
{
    if (!len || count_words(s, len) > 8) return;
    char *v = kb_clean_name(&a->a->arena, s, len);
    if (!v) return;
    if (weak) a->src_weak = v;
    else a->src_line = v;
}

/* "المصدر: X". Returns the last line index used. */
static size_t on_source(ctx *c, size_t i)
{
    art *a = &c->arts[c->narts - 1];
    const tline *l = &c->L[i];
    if (l->rest < l->len) {
        if (count_words(l->s + l->rest, l->len - l->rest) > 8) {
            add_body(c, a, l->s, l->len, l->kind == K_PARA);   /* a sentence after all */
            return i;
        }
        take_source(a, l->s + l->rest, l->len - l->rest, 0);
        a->ended = a->npara > 0;
        return i;
    }
    a->ended = a->npara > 0;
    size_t j = i + 1;
    while (j < c->n && c->L[j].empty) j++;
    if (j < c->n && c->L[j].mark == KB_MARK_NONE && c->L[j].kind == K_HEAD && c->L[j].words <= 6) {
        take_source(a, c->L[j].s, c->L[j].len, 0);
        return j;
    }
    return i;
}

/* A tag line, or a tags heading with one tag (or a few) per line below. */
static size_t on_tags(ctx *c, size_t i)
{
    art *cur = &c->arts[c->narts - 1];
    cur->ended = cur->npara > 0;
    const tline *l = &c->L[i];
    size_t j = i + 1;
    if (l->rest >= l->len) {
        while (j < c->n) {
            const tline *m = &c->L[j];
            if (m->empty) { j++; continue; }
            if (m->mark != KB_MARK_NONE || m->code || m->words > 8 || m->kind != K_HEAD) break;
            j++;
        }
    }
    art *a = owner(c, j, 0);
    kb_arena *ar = &a->a->arena;
    if (l->rest < l->len) set_rc(c, kb_tags_add(ar, l->s + l->rest, l->len - l->rest, &a->tags));
    for (size_t k = i + 1; k < j; k++)
        if (!c->L[k].empty)
            set_rc(c, kb_tags_add(ar, c->L[k].s + c->L[k].boff, c->L[k].len - c->L[k].boff, &a->tags));
    return j - 1;
}

/* A related list: inline run and/or the list lines below. */
static size_t on_related(ctx *c, size_t i)
{
    art *cur = &c->arts[c->narts - 1];
    const tline *l = &c->L[i];
    const char *run = l->s + l->rest;
    size_t rlen = l->len - l->rest, run_end = rlen, tail = rlen;
    size_t cs, ce, val;
    int img;
    if (rlen && kb_code_find(run, rlen, 0, &cs, &ce, &img)) {
        run_end = cs;
        tail = cs;
    }
    size_t sw = find_source_word(run, run_end, &val);
    size_t src_end = run_end;
    if (sw < run_end) run_end = sw;
    /* the list lines below */
    size_t j = i + 1;
    if (tail >= rlen) {
        while (j < c->n) {
            const tline *m = &c->L[j];
            if (m->empty || m->code || m->mark == KB_MARK_FURNITURE) { j++; continue; }
            if (m->mark != KB_MARK_NONE) break;
            if (m->bullet || m->kind == K_HEAD) { j++; continue; }
            break;
        }
    }
    int body_follows = 0;
    if (tail < rlen) {
        /* text after the leaked code: the running article goes on */
        const char *t = kb_strip_code(&cur->a->arena, run + tail, rlen - tail);
        if (!t) c->rc = KB_ENOMEM;
        body_follows = t && (t == run + tail || t[0]);
    }
    art *a = owner(c, j, body_follows);
    if (sw < src_end) take_source(a, run + val, src_end - val, 1);
    if (run_end) split_run(c, a, &a->related, run, run_end);
    for (size_t k = i + 1; k < j; k++) {
        const tline *m = &c->L[k];
        if (m->empty || m->code || m->mark == KB_MARK_FURNITURE) continue;
        push_item(c, a, &a->related, m->s + m->boff, m->len - m->boff);
    }
    if (tail < rlen) add_body(c, cur, run + tail, rlen - tail, 0);
    return j - 1;
}

/* Is line j a date line, dateline or byline? (computed once) */
static int meta_line(ctx *c, size_t j)
{
    tline *m = &c->L[j];
    if (!m->meta) m->meta = (unsigned char)(is_meta_line(m) ? 2 : 1);
    return m->meta == 2;
}

/* Is line j one of the headlines of a list? */
static int head_line(ctx *c, size_t j)
{
    const tline *m = &c->L[j];
    return !m->empty && !m->code && m->mark == KB_MARK_NONE &&
           (m->kind == K_HEAD || m->bullet) && !meta_line(c, j);
}

/* The headlines of lines [from, to) as related items of a. */
static void push_heads(ctx *c, art *a, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (head_line(c, k))
            push_item(c, a, &a->related, c->L[k].s + c->L[k].boff, c->L[k].len - c->L[k].boff);
}

static art *embed(ctx *c, const char *title, size_t len)
{
    art *e = new_art(c, KB_ROLE_EMBEDDED);
    if (!e) { c->rc = KB_ENOMEM; return NULL; }
    e->title = disp(c, e, title, len);
    return e;
}

/* "إقرأ أيضاً:" and the headline-like lines after it: an embedded article
 * (a headline, maybe a subtitle, then paragraphs) or a related list. */
static size_t on_read_also(ctx *c, size_t i)
{
    art *cur = &c->arts[c->narts - 1], *page = &c->arts[0];
    const tline *l = &c->L[i];
    int inline_head = 0, bulleted = 0;
    const char *ih = l->s + l->rest;
    size_t ihl = l->len - l->rest;
    if (ihl) {
        unsigned w;
        unsigned char e;
        if (classify(ih, ihl, &w, &e) != K_HEAD) {
            /* a sentence after the marker: the widget lost its links */
            add_body(c, cur, ih, ihl, 1);
            return i;
        }
        inline_head = 1;
    }
    size_t j = i + 1, nh = 0, first = 0, last = 0;
    while (j < c->n) {
        const tline *m = &c->L[j];
        if (m->empty || m->code || m->mark == KB_MARK_FURNITURE) { j++; continue; }
        if (m->mark != KB_MARK_NONE || (m->kind == K_PARA && !m->bullet)) break;
        if (meta_line(c, j)) { j++; continue; }
        if (m->kind != K_HEAD && !m->bullet) break;
        if (!nh++) first = j;
        last = j;
        bulleted |= m->bullet;
        j++;
    }
    size_t total = nh + (size_t)inline_head;
    int para = j < c->n && c->L[j].mark == KB_MARK_NONE && !c->L[j].code &&
               c->L[j].kind == K_PARA && !c->L[j].bullet;
    if (!total) return i;   /* a bare marker: the text goes on */
    if (para && !bulleted && c->narts <= MAX_EMBEDDED) {
        if (cur == page && !cur->npara && !cur->ended && !cur->title && nh >= 1 && total >= 2) {
            /* a list at the top of the page, then the page's own article
             * under the last headline */
            if (inline_head) push_item(c, page, &page->related, ih, ihl);
            push_heads(c, page, i + 1, last);
            page->title = disp(c, page, c->L[last].s, c->L[last].len);
            return last;
        }
        if (cur->ended && total > 3 && nh >= 1) {
            /* a list, then a piece under the last headline */
            if (inline_head) push_item(c, cur, &cur->related, ih, ihl);
            push_heads(c, cur, i + 1, last);
            return embed(c, c->L[last].s, c->L[last].len) ? last : c->n;
        }
        if (cur->ended || (total <= 2 && !kb_is_continuation(c->L[j].s, c->L[j].len))) {
            if (inline_head) return embed(c, ih, ihl) ? i : c->n;
            return embed(c, c->L[first].s, c->L[first].len) ? first : c->n;
        }
    }
    /* a list; the running article goes on at j */
    art *a = owner(c, j, para);
    if (inline_head) push_item(c, a, &a->related, ih, ihl);
    push_heads(c, a, i + 1, j);
    return j - 1;
}

static void walk(ctx *c)
{
    for (size_t i = 0; i < c->n && c->rc == KB_OK; i++) {
        const tline *l = &c->L[i];
        art *a = &c->arts[c->narts - 1];
        if (l->empty || l->code || l->mark == KB_MARK_FURNITURE) continue;
        if (a->header && header_line(c, a, i)) continue;
        switch (l->mark) {
        case KB_MARK_SOURCE: i = on_source(c, i); continue;
        case KB_MARK_TAGS: i = on_tags(c, i); continue;
        case KB_MARK_RELATED: i = on_related(c, i); continue;
        case KB_MARK_READ_ALSO: i = on_read_also(c, i); continue;
        default: break;
        }
        /* a headline with paragraphs after an article that has ended (its
         * source or tags were given): another article, marker or not */
        if (a->ended && l->kind == K_HEAD && !l->bullet && l->words >= 3 &&
            c->narts <= MAX_EMBEDDED && !meta_line(c, i) && followed_by_body(c, i)) {
            embed(c, l->s, l->len);
            continue;
        }
        /* an explicitly labelled date line anywhere ("آخر تحديث: ...") */
        kb_line_dates d;
        if (l->words <= 16 && kb_date_line(l->s, l->len, &d) && d.labelled) {
            take_dates(a, &d);
            continue;
        }
        add_body(c, a, l->s, l->len, l->kind == K_PARA && !l->bullet);
    }
}

/* ---------------------------------------------------------------- output */

static const char **arena_vec(kb_arena *ar, const kb_strvec *v)
{
    if (!v->n) return NULL;
    const char **o = kb_arena_alloc(ar, v->n * sizeof *o);
    if (o) memcpy(o, v->v, v->n * sizeof *o);
    return o;
}

static const char *iso(kb_arena *ar, const kb_date *d)
{
    char buf[32];
    size_t n = kb_date_iso(d, buf);
    return n ? kb_arena_strndup(ar, buf, n) : NULL;
}

/* Move the built fields into the kb_article. */
static int finish_art(art *b)
{
    kb_article *a = b->a;
    kb_arena *ar = &a->arena;
    /* a->input: extract.c sets it, with the record's fields */
    a->title = b->title;
    a->text = kb_arena_strndup(ar, b->body.data ? b->body.data : "", b->body.len);
    if (!a->text) return KB_ENOMEM;
    if (b->dates.has_pub) a->published = iso(ar, &b->dates.pub);
    if (b->dates.has_upd) a->updated = iso(ar, &b->dates.upd);
    if (a->published || a->updated) a->date_source = "text";
    a->source = b->src_line ? b->src_line : b->src_prefix ? b->src_prefix : b->src_weak;
    a->dateline = b->dateline;
    a->author = b->author;
    a->tags = arena_vec(ar, &b->tags);
    a->ntags = a->tags ? b->tags.n : 0;
    a->related = arena_vec(ar, &b->related);
    a->nrelated = a->related ? b->related.n : 0;
    if ((b->tags.n && !a->tags) || (b->related.n && !a->related)) return KB_ENOMEM;
    if (b->body.len) a->lang = kb_lang_detect(a->text, b->body.len);
    return KB_OK;
}

/* An empty main article with embedded ones after it: the page held only
 * "read also" pieces; the first one is the page's article. */
static void promote(ctx *c)
{
    art *m = &c->arts[0];
    if (m->body.len || c->narts < 2 || !c->arts[1].body.len) return;
    art *e = &c->arts[1];
    /* the page's lists and tags stay with the page */
    for (size_t k = 0; k < m->related.n; k++)
        set_rc(c, kb_strvec_push(&e->related, kb_arena_strdup(&e->a->arena, m->related.v[k])));
    for (size_t k = 0; k < m->tags.n; k++)
        set_rc(c, kb_strvec_push(&e->tags, kb_arena_strdup(&e->a->arena, m->tags.v[k])));
    for (size_t k = 0; k < e->related.n; k++) if (!e->related.v[k]) c->rc = KB_ENOMEM;
    for (size_t k = 0; k < e->tags.n; k++) if (!e->tags.v[k]) c->rc = KB_ENOMEM;
    if (!e->dates.has_pub && m->dates.has_pub) e->dates = m->dates;
    free_art(m);
    memmove(&c->arts[0], &c->arts[1], (c->narts - 1) * sizeof *c->arts);
    c->narts--;
    for (size_t k = 0; k < c->narts; k++) {
        c->arts[k].a->part = (int)k;
        c->arts[k].a->role = k ? KB_ROLE_EMBEDDED : KB_ROLE_MAIN;
    }
}

int kb_extract_text(const kb_doc *doc, kb_article_list *out)
{
    if (!doc || !out || !doc->data) return KB_EINVAL;
    ctx c = { .doc = doc };
    /* The page's language only matters when it holds a character the
     * display fix treats differently on an Arabic page: most pages do not,
     * and a language pass over the page would cost as much as the rest of
     * the line reading. */
    if (kb_display_fix_differs(doc->data, doc->len)) {
        size_t probe = doc->len < 65536 ? doc->len : 65536;
        while (probe < doc->len && probe > 0 && ((unsigned char)doc->data[probe] & 0xC0) == 0x80) probe--;
        c.fix_letters = !strcmp(kb_lang_detect(doc->data, probe), "ar");
    }
    int rc = split_lines(&c);
    if (rc == KB_OK && !new_art(&c, KB_ROLE_MAIN)) rc = KB_ENOMEM;
    if (rc == KB_OK) {
        walk(&c);
        rc = c.rc;
    }
    if (rc == KB_OK) promote(&c);
    size_t with_text = 0;
    for (size_t k = 0; rc == KB_OK && k < c.narts; k++) {
        rc = finish_art(&c.arts[k]);
        with_text += c.arts[k].body.len > 0;
    }
    if (rc == KB_OK && !with_text) rc = KB_EEMPTY;
    size_t pushed = 0, n0 = out->n;
    for (size_t k = 0; rc == KB_OK && k < c.narts; k++) {
        if (k > 0 && !c.arts[k].body.len) continue;   /* a title with no text: not an article */
        c.arts[k].a->part = (int)pushed;
        rc = kb_article_list_push(out, c.arts[k].a);
        if (rc == KB_OK) { c.arts[k].a = NULL; pushed++; }
    }
    if (rc != KB_OK) {
        for (size_t k = n0; k < out->n; k++) kb_article_free(out->v[k]);
        out->n = n0;
    }
    for (size_t k = 0; k < c.narts; k++) free_art(&c.arts[k]);
    free(c.arts);
    free(c.L);
    free(c.para_after);
    return rc;
}
