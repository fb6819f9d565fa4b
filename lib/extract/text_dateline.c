/* extract/text_dateline.c -- the metadata lines at the top of a scraped
 * article (extract stage, plain-text extractor): date lines ("يوليو 23,
 * 2024آخر تحديث: ...", "الرياض 15 رجب 1445 هـ ... واس"), datelines ("بغداد ـ
 * العرب اليوم", "المستقلة/-", "القاهرة (رويترز) -", "سبق - جدة:") with the
 * roles of their names (place, source, author), and bylines.
 *
 * Word lists here are written in kb_normalize spelling (ة -> ه, ى -> ي,
 * أ إ آ -> ا) because they are compared with normalised words. */
#include "extract/text_extract.h"

#include <stdlib.h>
#include <string.h>

/* Words that head a dateline without naming a place or a source ("متابعة",
 * "حوار - فلان"). */
static const char *const DL_LABELS[] = {
    "متابعه", "متابعات", "حوار", "تقرير", "خاص", "تحقيق", "ترجمه", "اعداد", "تصوير", "تغطيه",
    "بروفايل", "رصد", "مراسلون", "مكاتب",
};

/* ---------------------------------------------------------------- dates */

/* Words that may stand beside a date on a date line. */
static const char *const DATE_LABEL[] = {
    "تاريخ", "التاريخ", "النشر", "نشر", "بتاريخ", "في", "اخر", "تحديث", "التحديث", "تم",
    "محدث", "تعديل", "التعديل", "يوم", "الساعه", "ساعه", "ص", "م", "صباحا",
    "مساء", "مساءا", "ظهرا", "بتوقيت", "توقيت", "غرينتش", "جرينتش", "مكه",
    "المكرمه", "القدس", "القاهره", "بغداد", "الموافق", "ه", "هجري", "هجريه",
    "ميلادي", "منذ", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس",
    "الجمعه", "السبت", "gmt", "utc", "am", "pm", "published", "updated",
    "last", "on", "at", "posted", "modified", "date", "th", "st", "nd", "rd",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "نشرت", "ونشر", "اخر تحديث",
};

static int contains(const char *h, size_t n, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = 0; i + nl <= n; i++)
        if (!memcmp(h + i, needle, nl)) return 1;
    return 0;
}

/* 1: an update label, 2: a publication label, 3: a bare "التاريخ:" /
 * "Date:" (a date of something, not necessarily of the article), 0: none. */
static int label_kind(const char *norm, size_t n)
{
    static const char *const upd[] = { "تحديث", "محدث", "تعديل", "update", "modified", "edited" };
    static const char *const pub[] = { "نشر", "publish", "posted" };
    static const char *const gen[] = { "تاريخ", "date" };
    for (size_t k = 0; k < sizeof upd / sizeof upd[0]; k++)
        if (contains(norm, n, upd[k])) return 1;
    for (size_t k = 0; k < sizeof pub / sizeof pub[0]; k++)
        if (contains(norm, n, pub[k])) return 2;
    for (size_t k = 0; k < sizeof gen / sizeof gen[0]; k++)
        if (contains(norm, n, gen[k])) return 3;
    return 0;
}

/* Words of s[a..b) that are neither date labels nor numbers: their count,
 * the first one's span and the last one's. */
static size_t seg_unknown(const char *s, size_t a, size_t b, kb_span *first, kb_span *last)
{
    kb_word w[24];
    int more;
    size_t n = kb_tw_split(s + a, b - a, w, 24, &more), unk = more ? 8 : 0;
    for (size_t k = 0; k < n; k++) {
        const char *t = s + a + w[k].off;
        if (!kb_tw_has_letter(t, w[k].len)) continue;
        char buf[96];
        size_t nl = kb_tw_norm_word(t, w[k].len, buf, sizeof buf);
        if (nl && KB_TW_IN(DATE_LABEL, buf, nl)) continue;
        /* "25th," "2024آخر": the letters glued to a number are labels */
        if (nl && (KB_TW_IN(DATE_LABEL, buf + strspn(buf, "0123456789"), nl - strspn(buf, "0123456789"))))
            continue;
        kb_span sp = { a + w[k].off, w[k].len };
        if (!unk && first) *first = sp;
        if (last) *last = sp;
        unk++;
    }
    return unk;
}

/* A known place in the first one or two words of s[0..b). Returns the
 * span length (0 when none). */
static size_t lead_place(const char *s, size_t b)
{
    kb_word w[3];
    int more;
    size_t n = kb_tw_split(s, b, w, 2, &more);
    for (size_t k = n; k >= 1; k--) {
        size_t e = w[k - 1].off + w[k - 1].len;
        char buf[96];
        size_t nl = kb_tw_norm_word(s + w[0].off, e - w[0].off, buf, sizeof buf);
        if (nl && kb_is_place(buf, nl)) return e;
    }
    return 0;
}

#define DATE_LINE_MAX 400u
#define DATE_LINE_WORDS 16u

static int span_has_agency(const char *s, kb_span sp);

int kb_date_line(const char *s, size_t len, kb_line_dates *out)
{
    memset(out, 0, sizeof *out);
    if (len > DATE_LINE_MAX) return 0;
    size_t off = 0, prev = 0, ndates = 0, unk = 0, lead_unk = 0;
    kb_span lead = { 0, 0 };
    kb_date_match m;
    while (off < len && ndates < 4 && kb_date_find(s + off, len - off, &m)) {
        size_t ms = off + m.start, me = off + m.end;
        if (me <= ms || me > len) break;
        size_t nl;
        char *lab = kb_normalize_str(s + prev, ms - prev, &nl);
        if (!lab) return 0;
        int kind = label_kind(lab, nl);
        free(lab);
        if (!ndates) {
            /* "الرياض 15 رجب 1445 هـ ... واس": a place before the date */
            size_t pe = lead_place(s, ms);
            if (pe) {
                out->place.off = kb_tw_ltrim(s, 0);
                out->place.len = pe - out->place.off;
            }
            lead_unk = seg_unknown(s, pe, ms, NULL, NULL);
            lead.off = kb_tw_ltrim(s, 0);
            lead.len = kb_tw_rtrim(s, ms) > lead.off ? kb_tw_rtrim(s, ms) - lead.off : 0;
        } else {
            unk += seg_unknown(s, prev, ms, NULL, NULL);
        }
        if (kind == 1 || kind == 2) out->labelled = 1;
        if (kind == 1) {
            if (!out->has_upd) { out->upd = m.date; out->has_upd = 1; }
        } else if (!out->has_pub) {
            out->pub = m.date;
            out->has_pub = 1;
        }
        ndates++;
        prev = off = me;
    }
    if (!ndates) return 0;
    kb_span f = { 0, 0 }, l = { 0, 0 };
    size_t tail_unk = seg_unknown(s, prev, len, &f, &l);
    int at_end = tail_unk == 1 && l.off + l.len == kb_tw_rtrim(s, len);
    /* one word after the date on a dateline: the agency ("... 2024 م واس");
     * an agency there also vouches for an unknown place before the date */
    if (at_end && (out->place.len || span_has_agency(s, l))) {
        out->source = l;
        tail_unk = 0;
        if (!out->place.len && lead_unk && lead_unk <= 2 && lead.len) {
            out->place = lead;
            lead_unk = 0;
        }
    }
    unk += tail_unk + lead_unk;
    kb_word ws[DATE_LINE_WORDS + 1];
    int more;
    kb_tw_split(s, len, ws, DATE_LINE_WORDS, &more);
    out->date_only = unk == 0;
    return out->date_only || (out->labelled && !more && unk <= 3);
}

/* ---------------------------------------------------------------- datelines */

/* Does the token end a sentence or carry a comma? (not a name part) */
static int sentence_punct(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        int32_t cp = kb_tw_cp(s, len, i, &nx);
        if (cp == '.' || cp == 0x060C || cp == ',' || cp == '!' || cp == '?' ||
            cp == 0x061F || cp == 0x061B || cp == ';')
            return 1;
        i = nx;
    }
    return 0;
}

/* Is the first word of s[off..off+len) a stopword ("في", "الذي")? Names of
 * places and agencies do not open with one; parentheticals do. */
static int first_is_stop(const char *s, size_t off, size_t len)
{
    kb_word w[2];
    int more;
    if (!kb_tw_split(s + off, len, w, 1, &more)) return 1;
    /* the name "علي" is spelt with yeh; the preposition "على" folds to it */
    if (w[0].len == strlen("علي") && !memcmp(s + off + w[0].off, "علي", w[0].len)) return 0;
    char buf[96];
    size_t n = kb_tw_norm_word(s + off + w[0].off, w[0].len, buf, sizeof buf);
    return n && kb_is_stopword(buf, n);
}

/* s[off..off+len) without a trailing "(...)" ("بنغازي (ليبيا)" -> "بنغازي"). */
static kb_span cut_paren(const char *s, kb_span sp)
{
    for (size_t i = 0; i < sp.len; i++)
        if (s[sp.off + i] == '(') {
            size_t e = i;
            while (e && s[sp.off + e - 1] == ' ') e--;
            if (e) sp.len = e;
            break;
        }
    return sp;
}

static int span_is_place(const char *s, size_t off, size_t len)
{
    char buf[96];
    size_t n = kb_tw_norm_word(s + off, len, buf, sizeof buf);
    return n && kb_is_place(buf, n);
}

/* News agencies and outlets that sign datelines ("سبق - جدة", "رويترز -
 * بنغازي"), normalised, dots and spaces dropped. */
static const char *const AGENCIES[] = {
    "واس", "وام", "قنا", "بنا", "كونا", "سانا", "واع", "وفا", "معا", "الاناضول",
    "رويترز", "افب", "دبا", "اب", "فرانسبرس", "الفرنسيه", "اسوشيتدبرس", "سبق",
    "عكاظ", "الوكالات", "وكالات", "الوئام", "سيانان", "بيبيسي", "الجزيره",
    "العربيه", "سكاينيوز", "الحياه", "الشرقالاوسط", "ارنا", "فارس", "تسنيم",
    "شينخوا", "ناس", "السومريه", "المستقله", "عيناليوم", "الوطن",
    "الاقتصاديه", "الرياضي", "ايلاف", "هسبريس", "اليومالسابع", "المصرياليوم", "الاهرام",
    "الشروق", "النهار", "الخليج", "البيان", "الاتحاد", "الراي", "القبس", "reuters", "afp", "ap", "dpa",
    "ani", "xinhua", "cnn", "bbc", "upi", "efe", "ansa", "wam", "spa", "kuna",
};

/* Is some word (or the whole) of the span an agency? */
static int span_has_agency(const char *s, kb_span sp)
{
    char buf[128];
    size_t n = kb_tw_norm_word(s + sp.off, sp.len, buf, sizeof buf);
    if (!n) return 0;
    /* the whole, with dots and spaces dropped: "د.ب.أ", "أ ف ب" */
    char sq[128];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (buf[i] != '.' && buf[i] != ' ') sq[m++] = buf[i];
    if (KB_TW_IN(AGENCIES, sq, m) || kb_tw_starts_with(buf, n, "وكاله")) return 1;
    kb_word w[5];
    int more;
    size_t nw = kb_tw_split(s + sp.off, sp.len, w, 4, &more);
    for (size_t k = 0; nw > 1 && k < nw; k++) {
        size_t l = kb_tw_norm_word(s + sp.off + w[k].off, w[k].len, buf, sizeof buf);
        if (l && KB_TW_IN(AGENCIES, buf, l)) return 1;
    }
    return 0;
}

/* A person's name: 2-4 words, the first not "ال..." nor a stopword, no
 * place or agency in it. Outlets ("العرب اليوم") and places mostly carry
 * the article; first names do not. */
static int span_is_person(const char *s, kb_span sp)
{
    kb_word w[6];
    int more;
    size_t n = kb_tw_split(s + sp.off, sp.len, w, 5, &more);
    if (more || n < 2 || n > 4 || kb_tw_has_digit(s + sp.off, sp.len)) return 0;
    char buf[96];
    size_t l = kb_tw_norm_word(s + sp.off + w[0].off, w[0].len, buf, sizeof buf);
    if (!l || kb_tw_starts_with(buf, l, "ال") || first_is_stop(s, sp.off, sp.len) ||
        !kb_tw_is_letter(kb_tw_cp(buf, l, 0, NULL)))
        return 0;
    return !span_has_agency(s, sp) && !span_is_place(s, sp.off, sp.len);
}

/* Who is who in "X - Y": the place, the source (agency, outlet) and the
 * author, by what is known of each name. */
static int span_is_label(const char *s, kb_span sp)
{
    char buf[96];
    size_t n = kb_tw_norm_word(s + sp.off, sp.len, buf, sizeof buf);
    return n && KB_TW_IN(DL_LABELS, buf, n);
}

static size_t span_words(const char *s, kb_span sp)
{
    kb_word w[6];
    int more;
    size_t n = kb_tw_split(s + sp.off, sp.len, w, 5, &more);
    return more ? 6 : n;
}

static void assign_roles(const char *s, kb_span x, kb_span y, kb_dateline *out)
{
    kb_span xp = cut_paren(s, x), yp = cut_paren(s, y);
    memset(out, 0, sizeof *out);
    if (span_is_label(s, x) || span_is_label(s, y)) {
        kb_span o = span_is_label(s, x) ? y : x;   /* the other name */
        if (span_is_label(s, o)) return;
        if (span_is_person(s, o)) out->author = o;
        else if (span_is_place(s, cut_paren(s, o).off, cut_paren(s, o).len)) out->place = cut_paren(s, o);
        else out->source = o;
        return;
    }
    if (span_is_place(s, xp.off, xp.len)) {
        out->place = xp;
        if (span_is_person(s, y)) out->author = y; else out->source = y;
    } else if (span_is_place(s, yp.off, yp.len)) {
        out->place = yp;
        if (span_is_person(s, x)) out->author = x; else out->source = x;
    } else if (span_has_agency(s, x)) {
        out->source = x;
        if (span_is_person(s, y)) out->author = y;
        else if (!span_has_agency(s, y)) out->place = yp;
    } else if (span_has_agency(s, y)) {
        out->source = y;
        if (span_is_person(s, x)) out->author = x; else out->place = xp;
    } else if (span_is_person(s, x)) {
        /* "خالد الفرج ـ عنيزة": a one-word name after a person is a town */
        out->author = x;
        if (span_words(s, yp) == 1) out->place = yp; else out->source = y;
    } else {
        out->place = xp;
        out->source = y;
    }
}

/* Inside running text "X - Y -" is also a parenthesis ("تمكنت – بفضل الله
 * تعالى – عشر فرق"): a dateline needs one name that is known (a place, an
 * agency, a dateline label), or a person's name and a one-word town. */
static int dateline_evidence(const char *s, kb_span x, kb_span y)
{
    kb_span xp = cut_paren(s, x), yp = cut_paren(s, y);
    return span_is_place(s, xp.off, xp.len) || span_is_place(s, yp.off, yp.len) ||
           span_has_agency(s, x) || span_has_agency(s, y) || span_is_label(s, x) ||
           span_is_label(s, y) || (span_is_person(s, x) && span_words(s, yp) == 1);
}

static kb_span mkspan(size_t a, size_t b)
{
    kb_span sp = { a, b > a ? b - a : 0 };
    return sp;
}

static int is_sep_token(const char *s, size_t len)
{
    return kb_tw_is_dash_token(s, len) || (len == 1 && (s[0] == '/' || s[0] == '|' || s[0] == '_'));
}

/* Ends with a glued dash ("رويترز-")? Returns the length without it. */
static size_t glued_dash(const char *s, size_t len)
{
    if (len < 2) return 0;
    size_t p = len - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
    int32_t cp = kb_tw_cp(s, len, p, NULL);
    return kb_tw_is_dash(cp) && cp != 0x0640 && p > 0 ? p : 0;
}

/* Sentence punctuation other than commas. */
static int stop_punct(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        int32_t cp = kb_tw_cp(s, len, i, &nx);
        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x061B || cp == ';')
            return 1;
        i = nx;
    }
    return 0;
}

/* Starts with a dash glued to letters ("-عين")? Returns its byte length. */
static size_t lead_dash(const char *s, size_t len)
{
    size_t nx;
    int32_t cp = kb_tw_cp(s, len, 0, &nx);
    return kb_tw_is_dash(cp) && cp != 0x0640 && nx < len && kb_tw_is_letter(kb_tw_cp(s, len, nx, NULL)) ? nx : 0;
}

/* Roles of the parts of a three-part dateline ("حامد القرشي – قاسم الزرعي
 * – عين اليوم"): each part on its own. */
static void assign_parts(const char *s, const kb_span *p, size_t np, kb_dateline *out)
{
    memset(out, 0, sizeof *out);
    size_t pa = np, pz = np;   /* first and last person part */
    for (size_t k = 0; k < np; k++) {
        kb_span c = cut_paren(s, p[k]);
        if (span_is_label(s, p[k])) continue;
        if (span_is_place(s, c.off, c.len)) {
            if (!out->place.len) out->place = c;
        } else if (span_has_agency(s, p[k])) {
            if (!out->source.len) out->source = p[k];
        } else if (span_is_person(s, p[k])) {
            if (pa == np) pa = k;
            pz = k;
        } else if (!out->place.len && span_words(s, c) == 1) {
            out->place = c;
        } else if (!out->source.len) {
            out->source = p[k];
        }
    }
    if (pa < np) out->author = mkspan(p[pa].off, p[pz].off + p[pz].len);
}

int kb_dateline_line(const char *s, size_t len, kb_dateline *out)
{
    kb_word w[11];
    int more;
    memset(out, 0, sizeof *out);
    size_t n = kb_tw_split(s, len, w, 10, &more);
    /* commas may join two authors ("داليا أبوالعيش، عمر إبراهيم – ...") */
    if (more || n < 2 || n > 9 || kb_tw_has_digit(s, len) || stop_punct(s, len)) return 0;
    size_t end = w[n - 1].off + w[n - 1].len;
    /* X (Y) */
    for (size_t k = 1; k < n && k <= 2; k++) {
        if (s[w[k].off] != '(') continue;
        if (s[end - 1] != ')' || n - k > 3) return 0;
        kb_span x = mkspan(w[0].off, w[k - 1].off + w[k - 1].len);
        kb_span y = mkspan(w[k].off + 1, end - 1);
        if (!y.len || first_is_stop(s, x.off, x.len) || first_is_stop(s, y.off, y.len)) return 0;
        out->place = x;
        /* "بنغازي (ليبيا)": a city and its country */
        if (!span_is_place(s, y.off, y.len) || span_has_agency(s, y)) out->source = y;
        return 1;
    }
    /* parts between separators: a token of its own ("-", "ـ", "/", "_"),
     * a dash glued to the end of a word ("رويترز-") or to the start of
     * one ("-عين اليوم") */
    kb_span part[4];
    size_t np = 0, ps = w[0].off;
    for (size_t k = 0; k < n; k++) {
        const char *t = s + w[k].off;
        size_t tl = w[k].len, g = glued_dash(t, tl), ld = lead_dash(t, tl);
        if (!g && tl > 1 && t[tl - 1] == '/') g = tl - 1;   /* "بغداد/ المستقلة" */
        size_t pe = 0, next = 0;
        if (is_sep_token(t, tl)) {
            if (!k) return 0;
            pe = w[k - 1].off + w[k - 1].len;
            next = k + 1 < n ? w[k + 1].off : end;
        } else if (g) {
            pe = w[k].off + g;
            next = k + 1 < n ? w[k + 1].off : end;
        } else if (ld && k) {
            pe = w[k - 1].off + w[k - 1].len;
            next = w[k].off + ld;
        } else {
            continue;
        }
        if (np == 3 || pe <= ps) return 0;
        part[np++] = mkspan(ps, pe);
        ps = next;
    }
    if (np && ps < end) part[np++] = mkspan(ps, end);
    int weak = 0;
    if (np < 2) {
        /* "حامد القرشي-مكة المكرمة": a dash inside a word, accepted only
         * with evidence (compound adjectives are written so too) */
        np = 0;
        for (size_t k = 0; k < n && !np; k++) {
            const char *t = s + w[k].off;
            const char *d = memchr(t, '-', w[k].len);
            if (!d || d == t || d == t + w[k].len - 1) continue;
            part[0] = mkspan(w[0].off, (size_t)(d - s));
            part[1] = mkspan((size_t)(d - s) + 1, end);
            np = 2;
        }
        weak = 1;
    }
    if (np < 2) return 0;
    for (size_t k = 0; k < np; k++) {
        if (!kb_tw_has_letter(s + part[k].off, part[k].len) || span_words(s, part[k]) > 4 ||
            first_is_stop(s, part[k].off, part[k].len))
            return 0;
    }
    if (np == 2) {
        if (weak && !dateline_evidence(s, part[0], part[1])) return 0;
        assign_roles(s, part[0], part[1], out);
    } else {
        assign_parts(s, part, np, out);
    }
    return 1;
}

/* Skip spaces and one separator (dash, colon) after position i; returns the
 * new position, *had set when a separator was there. */
static size_t skip_sep(const char *s, size_t len, size_t i, int *had)
{
    *had = 0;
    size_t nx;
    while (i < len && kb_tw_is_space(kb_tw_cp(s, len, i, &nx))) i = nx;
    while (i < len) {
        int32_t cp = kb_tw_cp(s, len, i, &nx);
        if (kb_tw_is_dash(cp) || cp == ':') { *had = 1; i = nx; }
        else break;
    }
    while (i < len && kb_tw_is_space(kb_tw_cp(s, len, i, &nx))) i = nx;
    return i;
}

/* The name words w[a..b] are fit for a dateline: letters, no sentence
 * punctuation, no digits, not opened by a stopword. */
static int name_words(const char *s, const kb_word *w, size_t a, size_t b)
{
    for (size_t q = a; q <= b; q++)
        if (sentence_punct(s + w[q].off, w[q].len) || kb_tw_has_digit(s + w[q].off, w[q].len))
            return 0;
    return kb_tw_has_letter(s + w[a].off, w[b].off + w[b].len - w[a].off) &&
           !first_is_stop(s, w[a].off, w[b].off + w[b].len - w[a].off);
}

/* A relative pronoun at s[i] ("العراق - الذي ..." is a parenthesis, not
 * a dateline). */
static int relative_at(const char *s, size_t len, size_t i)
{
    static const char *const rel[] = { "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي" };
    for (size_t k = 0; k < sizeof rel / sizeof rel[0]; k++) {
        size_t rl = strlen(rel[k]);
        if (len - i >= rl && !memcmp(s + i, rel[k], rl) && (i + rl == len || s[i + rl] == ' '))
            return 1;
    }
    return 0;
}

/* "سلطان المالكي- سبق- الرياض:" -- after two names, a third of one or
 * two words closed by a colon is the place. Returns where the text starts. */
static size_t third_name(const char *s, size_t len, size_t at, kb_dateline *out)
{
    kb_word w[3];
    int more;
    size_t lim = len - at < 80 ? len - at : 80;
    size_t n = kb_tw_split(s + at, lim, w, 2, &more);
    for (size_t k = 0; k < n; k++) {
        const char *t = s + at + w[k].off;
        if (t[w[k].len - 1] != ':') continue;
        kb_span z = mkspan(at + w[0].off, at + w[k].off + w[k].len - 1);
        if (!z.len || !name_words(s, (const kb_word[]){ { z.off, z.len } }, 0, 0)) return at;
        int had;
        size_t after = skip_sep(s, len, at + w[k].off + w[k].len - 1, &had);
        if (after >= len) return at;
        out->place = cut_paren(s, z);
        return after;
    }
    return at;
}

size_t kb_dateline_prefix(const char *s, size_t len, kb_dateline *out)
{
    memset(out, 0, sizeof *out);
    size_t lim = len < 160 ? len : 160;
    kb_word w[8];
    int more, had;
    size_t n = kb_tw_split(s, lim, w, 7, &more);
    if (n < 2) return 0;

    /* 1. slash form: "المستقلة/-", "بغداد/ المستقلة/-" */
    {
        kb_span parts[3];
        size_t np = 0, i = 0, st = 0, end = 0;
        while (i < lim && np < 3) {
            size_t nx;
            int32_t cp = kb_tw_cp(s, lim, i, &nx);
            if (cp == '/') {
                size_t a = st, b = i;
                while (a < b && s[a] == ' ') a++;
                while (b > a && s[b - 1] == ' ') b--;
                kb_word pw[4];
                int pm;
                size_t pn = kb_tw_split(s + a, b - a, pw, 3, &pm);
                if (!pn || pm || !kb_tw_has_letter(s + a, b - a) || sentence_punct(s + a, b - a) ||
                    kb_tw_has_digit(s + a, b - a))
                    break;
                parts[np++] = mkspan(a, b);
                st = end = nx;
            } else if (!(kb_tw_is_space(cp) || kb_tw_is_letter(cp) || cp == 0x0640 || cp == '"' ||
                         cp == 0xAB || cp == 0xBB)) {
                break;
            }
            i = nx;
            if (i - st > 60) break;
        }
        if (np > 0) {
            size_t after = skip_sep(s, len, end, &had);
            int known = span_is_place(s, parts[0].off, parts[0].len);
            if (after < len && (np >= 2 || had || known)) {
                if (np >= 2) assign_roles(s, parts[0], parts[np - 1], out);
                else if (known && !had) out->place = parts[0];
                else out->source = parts[0];
                return after;
            }
        }
    }

    /* 2. "الرياض - واس -", "رويترز- بنغازي (ليبيا):", "سبق - جدة:",
     *    "الرياض ـ «الحياة»:", and "واشنطن -" for a known place */
    for (size_t k = 0; k <= 2 && k < n; k++) {
        size_t xe, ys;
        size_t g = glued_dash(s + w[k].off, w[k].len);
        if (k >= 1 && kb_tw_is_dash_token(s + w[k].off, w[k].len)) {
            if (!name_words(s, w, 0, k - 1)) break;
            xe = w[k - 1].off + w[k - 1].len;
            ys = k + 1;
        } else if (g && k <= 1 && !sentence_punct(s + w[k].off, g)) {
            if (k && !name_words(s, w, 0, k - 1)) break;
            xe = w[k].off + g;
            ys = k + 1;
        } else {
            continue;
        }
        kb_span x = mkspan(w[0].off, xe);
        /* the second name: 1-3 words closed by a dash or a colon */
        for (size_t e = ys; e < n && e <= ys + 3; e++) {
            const char *t = s + w[e].off;
            size_t tl = w[e].len, ye = 0, from = 0;
            if (kb_tw_is_dash_token(t, tl)) {
                if (e == ys) break;
                ye = w[e - 1].off + w[e - 1].len;
                from = w[e].off;
            } else {
                size_t p = tl - 1;
                while (p > 0 && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
                int32_t last = kb_tw_cp(t, tl, p, NULL);
                if (last != ':' && !kb_tw_is_dash(last)) {
                    if (sentence_punct(t, tl) || kb_tw_has_digit(t, tl)) break;
                    continue;
                }
                ye = w[e].off + p;
                while (ye > w[e].off && s[ye - 1] == ' ') ye--;
                from = w[e].off + p;
            }
            size_t after = skip_sep(s, len, from, &had);
            kb_span y = mkspan(w[ys].off, ye);
            if (after >= len || !y.len || first_is_stop(s, y.off, y.len) ||
                !dateline_evidence(s, x, y))
                break;
            assign_roles(s, x, y, out);
            if (!out->place.len) after = third_name(s, len, after, out);
            return after;
        }
        if (span_is_place(s, x.off, x.len)) {
            size_t after = skip_sep(s, len, xe, &had);
            if (after >= len || relative_at(s, len, after)) return 0;
            out->place = x;
            return after;
        }
        break;
    }

    /* 3. "القاهرة (رويترز) -" */
    for (size_t k = 1; k <= 2 && k < n; k++) {
        if (s[w[k].off] != '(') continue;
        const char *close = memchr(s + w[k].off, ')', lim - w[k].off);
        if (!close || !name_words(s, w, 0, k - 1)) break;
        size_t ce = (size_t)(close - s);
        kb_word sw[5];
        int sm;
        size_t sn = kb_tw_split(s + w[k].off + 1, ce - w[k].off - 1, sw, 4, &sm);
        if (!sn || sm || sn > 3) break;
        size_t after = skip_sep(s, len, ce + 1, &had);
        kb_span y = mkspan(w[k].off + 1, ce);
        if (!had || after >= len || first_is_stop(s, y.off, y.len)) break;
        out->place = mkspan(w[0].off, w[k - 1].off + w[k - 1].len);
        if (!span_is_place(s, y.off, y.len) || span_has_agency(s, y)) out->source = y;
        return after;
    }

    /* 4. "واشنطن: ..." for a known place */
    {
        const char *t = s + w[0].off;
        size_t tl = w[0].len;
        for (size_t k = 0; k < 2 && k < n; k++) {
            t = s + w[k].off;
            tl = w[k].len;
            if (t[tl - 1] != ':') continue;
            size_t pl_len = w[k].off + tl - 1 - w[0].off;
            if (span_is_place(s, w[0].off, pl_len)) {
                size_t after = skip_sep(s, len, w[k].off + tl - 1, &had);
                if (after >= len) return 0;
                out->place = mkspan(w[0].off, w[0].off + pl_len);
                return after;
            }
            break;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- bylines */

int kb_byline(const char *s, size_t len, kb_span *name)
{
    static const char *const pre[] = {
        "بقلم", "كتب", "كتبت", "بواسطه", "اعداد", "تحرير", "written by", "by", "author",
    };
    if (len > 160) return 0;
    kb_norm n;
    if (kb_normalize(s, len, 0, &n) != KB_OK) return 0;
    size_t b = 0;
    /* leading dashes and spaces: "- كتب فلان" */
    while (b < n.len && (n.text[b] == ' ' || n.text[b] == '-' || n.text[b] == ':')) b++;
    int ok = 0;
    for (size_t k = 0; k < sizeof pre / sizeof pre[0] && !ok; k++) {
        size_t pl = strlen(pre[k]);
        if (n.len - b < pl || memcmp(n.text + b, pre[k], pl)) continue;
        size_t i = b + pl;
        if (i < n.len && kb_tw_is_letter(kb_tw_cp(n.text, n.len, i, NULL))) continue;
        int had;
        i = skip_sep(n.text, n.len, i, &had);
        if (i >= n.len) continue;
        size_t st = n.map[i];
        size_t e = len;
        while (e > st && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == '-')) e--;
        kb_word ww[7];
        int more;
        size_t nw = kb_tw_split(s + st, e - st, ww, 5, &more);
        if (!nw || more || sentence_punct(s + st, e - st) || kb_tw_has_digit(s + st, e - st)) continue;
        /* "كتب" is also a verb: "كتب الرئيس على تويتر" has 4+ words and
         * usually a preposition; names are 2-4 words */
        if ((k == 1 || k == 2) && !had && nw > 4) continue;
        name->off = st;
        name->len = e - st;
        ok = 1;
    }
    kb_norm_free(&n);
    return ok;
}
