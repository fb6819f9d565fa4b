/* text/date_parse.c -- the grammar of written dates (Arabic and English
 * news sites), on top of the token reader (date_lex.c) and the name tables
 * (date_names.c). kb_date_parse_at reads one date from a given token;
 * kb_date_scan walks a text to the first one.
 *
 * A date is
 *     [time sep] [weekday [sep] [الموافق]] core [companion] [sep time] [weekday]
 * where core is one of
 *     D sep M sep Y | Y sep M sep D          numeric, / - . (day first; month
 *                                            first only when day first fails)
 *     [الـ] D[st|nd|rd|th] [,] [من|of] MONTH [,] [من] [عام|سنة] Y [era]
 *     ORDINAL [من] MONTH ... Y                "الأول من يوليو 2024"
 *     D1-D2 MONTH Y, D1 إلى|حتى|و D2 MONTH Y  a range: the first day
 *     D-Mon-YY                               "23-Jul-24"
 *     MONTH D[st] [,] Y                      "يوليو 23, 2024", "Jan 25th 2024"
 *     MONTH [,] Y                            month precision
 *     D[.] [de] MONTH [de|del] Y             European: "17. März 2020",
 *                                            "15 de abril de 2020", "1er mars"
 *     Y. MONTH D.                            Hungarian: "2020. március 17."
 *     Y年M月D日, Y년 M월 D일                 Chinese, Japanese, Korean

 * MONTH is a name of any series, optionally followed by its other name
 * ("تموز/يوليو", "يوليو (تموز)"). era is هـ/م. A Hijri core followed by a
 * Gregorian one ("17 محرم 1446 هـ الموافق 23 يوليو 2024 م") gives the
 * Gregorian date over the whole span; a Gregorian core followed by a Hijri one
 * absorbs it. Nothing crosses a line break.
 *
 * Plausibility: Gregorian years 1900..2100, Hijri years 1318..1524 (about
 * the same span); a year alone is never a date; a day must exist in its
 * month. */
#include "text/date.h"

#include <string.h>

typedef kb_dsrc P;

typedef struct core {
    int y, m, d;         /* in calendar cal; d 0 for month precision; y 0 when
                            not written (partial) */
    int cal;
    size_t start, end;
    unsigned flags;
    int latin_month;     /* the month was a Latin word */
} core;

typedef struct tod {
    int h, mi, sec, has_sec, has_tz, tz;
} tod;

/* Token at pos on the same line: a line break ends the date. */
static int lx(P *p, size_t pos, kb_dtok *t)
{
    int k = kb_dsrc_lex(p, pos, t);
    if (k != KB_DT_END && t->newline) {
        t->kind = KB_DT_END;
        return KB_DT_END;
    }
    return k;
}

static int is_dash(int32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

static int is_comma(const kb_dtok *t)
{
    return t->kind == KB_DT_PUNCT && (t->cp == ',' || t->cp == 0x060C);
}

static int year_ok(int cal, int y)
{
    return cal == KB_CAL_GREG ? (y >= 1900 && y <= 2100) : (y >= 1318 && y <= 1524);
}

static int day_ok(int cal, int y, int m, int d)
{
    if (m < 1 || m > 12 || d < 1) return 0;
    if (cal == KB_CAL_HIJRI) return d <= 30;
    return d <= (y ? kb_days_in_month(y, m) : (m == 2 ? 29 : kb_days_in_month(2001, m)));
}

/* The era after a year: KB_CAL_HIJRI for هـ, KB_CAL_GREG for م, -1 for none. */
static int read_era(P *p, size_t pos, size_t *end)
{
    kb_dtok t;
    if (lx(p, pos, &t) != KB_DT_WORD) return -1;
    if (kb_dword(&t, "ه") || kb_dword(&t, "هجري") || kb_dword(&t, "هجريه") ||
        kb_dword(&t, "للهجره")) {
        *end = t.end;
        return KB_CAL_HIJRI;
    }
    if (kb_dword(&t, "م") || kb_dword(&t, "ميلادي") || kb_dword(&t, "ميلاديه") ||
        kb_dword(&t, "للميلاد")) {
        *end = t.end;
        return KB_CAL_GREG;
    }
    return -1;
}

/* A year: four digits; with split, a longer run whose first four digits are
 * the year and whose rest is glued text ("202423/7/2024" on Al Jazeera). */
static int read_year(const kb_dtok *t, int split, int *y, size_t *end)
{
    if (t->kind != KB_DT_NUM) return 0;
    if (t->ndig == 4) {
        *y = (int)t->val;
        *end = t->end;
        return 1;
    }
    if (split && t->ndig > 4 && t->ndig <= 8) {
        *y = (int)t->val4;
        *end = t->split4;
        return 1;
    }
    return 0;
}

/* A day number 1..31 with an optional glued ordinal suffix (English, and
 * the French "1er"). */
static int read_day(P *p, const kb_dtok *t, int *d, size_t *end)
{
    if (t->kind != KB_DT_NUM || t->ndig > 2 || t->val < 1 || t->val > 31) return 0;
    *d = (int)t->val;
    *end = t->end;
    kb_dtok u;
    if (lx(p, t->end, &u) == KB_DT_WORD && !u.space &&
        (kb_dword(&u, "st") || kb_dword(&u, "nd") || kb_dword(&u, "rd") ||
         kb_dword(&u, "th") || (t->val == 1 && kb_dword(&u, "er"))))
        *end = u.end;
    return 1;
}

/* A month name with its optional other name: "تموز/يوليو", "مارس/ آذار",
 * "يوليو (تموز)", "يوليو- تموز", "Jan.". */
static int read_month(P *p, const kb_dtok *t, int *cal, size_t *end, int *abbr)
{
    int c, a;
    size_t e;
    int m = kb_dname_month(p, t, &c, &e, &a);
    if (!m) return 0;
    kb_dtok u, v;
    if (a && lx(p, e, &u) == KB_DT_PUNCT && u.cp == '.' && !u.space) e = u.end;
    if (lx(p, e, &u) == KB_DT_WORD) {
        /* "فبراير شباط 2010": the other name with no mark between */
        int c2, a2;
        size_t e2;
        if (kb_dname_month(p, &u, &c2, &e2, &a2) == m && c2 == c) e = e2;
    } else if (u.kind == KB_DT_PUNCT &&
        (u.cp == '/' || u.cp == '\\' || is_dash(u.cp) || u.cp == '(') &&
        lx(p, u.end, &v) == KB_DT_WORD) {
        int c2, a2;
        size_t e2;
        int m2 = kb_dname_month(p, &v, &c2, &e2, &a2);
        if (m2 == m && c2 == c) {
            if (u.cp != '(') e = e2;
            else {
                kb_dtok w;
                if (lx(p, e2, &w) == KB_DT_PUNCT && w.cp == ')') e = w.end;
            }
        }
    }
    *cal = c;
    *end = e;
    *abbr = a;
    return m;
}

/* After a month: [,] [من] [عام|سنة|العام] YEAR [era]; [de|del] YEAR
 * (Spanish, Portuguese). */
static int year_after(P *p, size_t pos, int *y, int *era, size_t *end)
{
    kb_dtok u;
    size_t e = pos;
    lx(p, e, &u);
    if (is_comma(&u)) { e = u.end; lx(p, e, &u); }
    if (kb_dword(&u, "de") || kb_dword(&u, "del")) { e = u.end; lx(p, e, &u); }
    if (kb_dword(&u, "من")) {
        e = u.end;
        lx(p, e, &u);
        if (!kb_dword(&u, "عام") && !kb_dword(&u, "العام") && !kb_dword(&u, "سنه"))
            return 0;
    }
    if (kb_dword(&u, "عام") || kb_dword(&u, "العام") || kb_dword(&u, "سنه")) {
        e = u.end;
        lx(p, e, &u);
    }
    if (!read_year(&u, 1, y, &e)) return 0;
    size_t ee;
    *era = read_era(p, e, &ee);
    if (*era >= 0) e = ee;
    *end = e;
    return 1;
}

/* Finish a named core: calendar and plausibility. */
static int named_done(core *c, int m, int cal, int y, int era, int latin,
                      size_t end)
{
    if (y) {
        if (era >= 0 && era != cal) return 0;
        if (!year_ok(cal, y)) return 0;
    }
    if (c->d && !day_ok(cal, y, m, c->d)) return 0;
    c->y = y;
    c->m = m;
    c->cal = cal;
    c->end = end;
    c->latin_month = latin;
    c->flags |= KB_DP_MONTHNAME;
    if (!y) c->flags |= KB_DP_NOYEAR;
    return 1;
}

enum { PART_GREG = 1, PART_HIJRI = 2 };

static int is_latin_word(const kb_dtok *t)
{
    return t->kind == KB_DT_WORD && t->wlen && (unsigned char)t->w[0] < 0x80;
}

/* Day-first and month-first dates with a month name. */
static int core_named(P *p, size_t pos, unsigned part, core *c)
{
    kb_dtok t, u;
    if (lx(p, pos, &t) == KB_DT_END) return 0;
    memset(c, 0, sizeof *c);
    c->start = t.start;
    int cal, abbr, y = 0, era = -1, m;
    size_t e;
    kb_dtok cur = t;
    if (kb_dword(&t, "ال") && lx(p, t.end, &cur) != KB_DT_NUM) return 0;

    if (cur.kind == KB_DT_NUM && cur.ndig == 4 && cur.start == t.start) {
        /* year first, a dot after it: "2020. március 17." */
        kb_dtok dot, v;
        int d;
        size_t de;
        y = (int)cur.val;
        if (lx(p, cur.end, &dot) != KB_DT_PUNCT || dot.cp != '.' || dot.space ||
            lx(p, dot.end, &u) != KB_DT_WORD || !is_latin_word(&u) ||
            !(m = read_month(p, &u, &cal, &e, &abbr)) || cal != KB_CAL_GREG ||
            lx(p, e, &v) != KB_DT_NUM || !read_day(p, &v, &d, &de))
            return 0;
        c->d = d;
        if (lx(p, de, &dot) == KB_DT_PUNCT && dot.cp == '.' && !dot.space) de = dot.end;
        return named_done(c, m, cal, y, -1, 1, de);
    }
    if (cur.kind == KB_DT_NUM) {
        int d;
        if (!read_day(p, &cur, &d, &e)) return 0;
        c->d = d;
        lx(p, e, &u);
        int joiner = kb_dword(&u, "الي") || kb_dword(&u, "حتي") || kb_dword(&u, "و") ||
                     kb_dword(&u, "to");
        if ((u.kind == KB_DT_PUNCT && is_dash(u.cp)) || joiner) {
            kb_dtok v, w, x;
            int d2;
            size_t e2;
            if (lx(p, u.end, &v) == KB_DT_NUM && read_day(p, &v, &d2, &e2) && d2 > d) {
                lx(p, e2, &w);
                if (kb_dname_month(p, &w, &cal, &e, &abbr)) {
                    c->flags |= KB_DP_RANGE;
                    u = w;
                }
            } else if (!joiner && !u.space && lx(p, u.end, &v) == KB_DT_WORD && !v.space &&
                       is_latin_word(&v) &&
                       (m = kb_dname_month(p, &v, &cal, &e, &abbr)) &&
                       lx(p, e, &w) == KB_DT_PUNCT && is_dash(w.cp) && !w.space &&
                       lx(p, w.end, &x) == KB_DT_NUM && !x.space &&
                       (x.ndig == 2 || x.ndig == 4)) {
                /* "23-Jul-2024", RFC 850 "23-Jul-24" */
                y = (int)x.val;
                if (x.ndig == 2) y += y < 70 ? 2000 : 1900;
                return named_done(c, m, cal, y, -1, 1, x.end);
            }
        }
        if (is_comma(&u)) lx(p, u.end, &u);
        else if (u.kind == KB_DT_PUNCT && u.cp == '.' && !u.space) lx(p, u.end, &u);   /* "17. März" */
        if (kb_dword(&u, "من") || kb_dword(&u, "of") || kb_dword(&u, "de")) lx(p, u.end, &u);
        if (kb_dword(&u, "شهر")) lx(p, u.end, &u);   /* "17 من شهر يوليو" */
        if (!(m = read_month(p, &u, &cal, &e, &abbr))) return 0;
        if (!year_after(p, e, &y, &era, &e)) {
            y = 0;
            if (!(part & (cal == KB_CAL_HIJRI ? PART_HIJRI : PART_GREG))) return 0;
            /* "6 ago", "3 set" without a year are English words */
            if (kb_dname_month_kind(&u) == KB_DMK_ABBR_WORD && p->s[u.start] >= 'a' &&
                p->s[u.start] <= 'z')
                return 0;
        }
        return named_done(c, m, cal, y, era, is_latin_word(&u), e);
    }

    size_t oe;
    int od = kb_dname_ordinal(p, &t, &oe);
    if (od) {
        c->d = od;
        lx(p, oe, &u);
        if (kb_dword(&u, "من")) lx(p, u.end, &u);
        if (kb_dword(&u, "شهر")) lx(p, u.end, &u);
        if (!(m = read_month(p, &u, &cal, &e, &abbr))) return 0;
        if (!year_after(p, e, &y, &era, &e)) {
            y = 0;
            if (!(part & (cal == KB_CAL_HIJRI ? PART_HIJRI : PART_GREG))) return 0;
        }
        return named_done(c, m, cal, y, era, 0, e);
    }

    if (!(m = read_month(p, &t, &cal, &e, &abbr))) return 0;
    int latin = is_latin_word(&t);
    lx(p, e, &u);
    if (u.kind == KB_DT_NUM && u.ndig <= 2) {
        /* month first: "يوليو 23, 2024", "January 25th, 2024" */
        int d;
        size_t de;
        if (!read_day(p, &u, &d, &de)) return 0;
        c->d = d;
        kb_dtok v;
        lx(p, de, &v);
        if (is_comma(&v)) lx(p, v.end, &v);
        if (read_year(&v, 1, &y, &e)) {
            size_t ee;
            era = read_era(p, e, &ee);
            if (era >= 0) e = ee;
            return named_done(c, m, cal, y, era, latin, e);
        }
        /* "July 4" without a year: Latin and capitalised only ("may 15"
         * is a verb and a number). */
        if ((part & PART_GREG) && latin && p->s[t.start] >= 'A' && p->s[t.start] <= 'Z')
            return named_done(c, m, cal, 0, -1, latin, de);
        return 0;
    }
    /* month and year: "سبتمبر 2025", "يوليو (تموز) 2013" */
    if (!year_after(p, e, &y, &era, &e)) return 0;
    /* "may 2024" is a verb; news writes "May 2024", "Mar 2024"; "marzo
     * 2020", "mars 2020" are written in lower case */
    if (latin && p->s[t.start] >= 'a' && p->s[t.start] <= 'z' &&
        kb_dname_month_kind(&t) != KB_DMK_FULL)
        return 0;
    return named_done(c, m, cal, y, era, latin, e);
}

/* The code point that ends just before byte pos, or -1. */
static int32_t prev_cp(P *p, size_t pos, size_t *at)
{
    if (pos == 0) return -1;
    size_t b = pos - 1;
    while (b > 0 && ((unsigned char)p->s[b] & 0xC0) == 0x80 && pos - b < 4) b--;
    size_t i = b;
    int32_t c = kb_utf8_decode(p->s, p->len, &i);
    if (i != pos) return -1;
    *at = b;
    return c;
}

static int is_digit_cp(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9);
}

/* 23/07/2024, 23-07-2024, 23.07.2024, 2024-07-23, 2024/07/23, ٢٣/٠٧/٢٠٢٤,
 * 14 / 10 / 1436هـ. */
static int core_numeric(P *p, size_t pos, core *c)
{
    kb_dtok t1, s1, t2, s2, t3, u;
    if (lx(p, pos, &t1) != KB_DT_NUM || t1.ndig > 4 || t1.ndig == 3) return 0;
    if (lx(p, t1.end, &s1) != KB_DT_PUNCT) return 0;
    int32_t sep = s1.cp;
    int dot = sep == '.';
    if (!(sep == '/' || is_dash(sep) || dot)) return 0;
    if (dot && s1.space) return 0;
    if (lx(p, s1.end, &t2) != KB_DT_NUM || t2.ndig > 2 || (dot && t2.space)) return 0;
    if (lx(p, t2.end, &s2) != KB_DT_PUNCT || s2.cp != sep || (dot && s2.space)) return 0;
    if (lx(p, s2.end, &t3) != KB_DT_NUM || (dot && t3.space)) return 0;

    /* Not inside a longer run of numbers (1.2.3.2024) or a URL path. */
    size_t at;
    int32_t pc = prev_cp(p, t1.start, &at);
    if (pc == '/' && sep == '/') return 0;
    if (pc == '.' || pc == '/' || is_dash(pc) || pc == ':') {
        size_t at2;
        if (is_digit_cp(prev_cp(p, at, &at2))) return 0;
    }
    if (pc >= 0 && pc < 0x80 && ((pc | 32) >= 'a' && (pc | 32) <= 'z')) return 0;

    int y, a, b;
    size_t end;
    if (t1.ndig == 4) {
        if (t3.ndig > 2) return 0;
        y = (int)t1.val;
        a = (int)t3.val;   /* day */
        b = (int)t2.val;   /* month */
        end = t3.end;
    } else {
        if (t3.ndig == 4) {
            y = (int)t3.val;
            end = t3.end;
        } else if (t3.ndig >= 5 && t3.ndig <= 6 && t3.end < p->len && p->s[t3.end] == ':') {
            y = (int)t3.val4;   /* "23/7/202410:05": the time is glued on */
            end = t3.split4;
        } else return 0;
        a = (int)t1.val;
        b = (int)t2.val;
    }
    if (lx(p, end, &u) == KB_DT_PUNCT && !u.space &&
        (u.cp == '/' || u.cp == '.' || is_dash(u.cp))) {
        kb_dtok v;
        if (lx(p, u.end, &v) == KB_DT_NUM && !v.space) return 0;
        if (u.cp == '/' && sep == '/') return 0;
    }
    size_t ee;
    int era = read_era(p, end, &ee);
    if (era >= 0) end = ee;
    int cal = era >= 0 ? era : (year_ok(KB_CAL_HIJRI, y) ? KB_CAL_HIJRI : KB_CAL_GREG);
    if (!year_ok(cal, y)) return 0;
    int d, m;
    if (t1.ndig == 4) { d = a; m = b; }
    else if (day_ok(cal, y, b, a)) { d = a; m = b; }
    else { d = b; m = a; }   /* month first: 07/23/2024 */
    if (!day_ok(cal, y, m, d)) return 0;
    memset(c, 0, sizeof *c);
    c->y = y;
    c->m = m;
    c->d = d;
    c->cal = cal;
    c->start = t1.start;
    c->end = end;
    c->flags = KB_DP_NUMERIC;
    return 1;
}

/* The marks after the year, month and day in Chinese, Japanese (年 月 日)
 * and Korean (년 월 일); which: 0 year, 1 month, 2 day. */
static int cjk_mark(const kb_dtok *t, int which)
{
    static const int32_t marks[3][2] = { { 0x5E74, 0xB144 }, { 0x6708, 0xC6D4 },
                                         { 0x65E5, 0xC77C } };
    return t->kind == KB_DT_PUNCT && !t->space &&
           (t->cp == marks[which][0] || t->cp == marks[which][1]);
}

/* 2020年4月17日, 2020년 4월 17일 (a space may follow each mark, never
 * precede it). Without the day: month precision. */
static int core_cjk(P *p, size_t pos, core *c)
{
    kb_dtok y, a, m, b, d, e;
    if (lx(p, pos, &y) != KB_DT_NUM || y.ndig != 4 || lx(p, y.end, &a) != KB_DT_PUNCT ||
        !cjk_mark(&a, 0))
        return 0;
    if (lx(p, a.end, &m) != KB_DT_NUM || m.ndig > 2 || lx(p, m.end, &b) != KB_DT_PUNCT ||
        !cjk_mark(&b, 1))
        return 0;
    int yy = (int)y.val, mm = (int)m.val, dd = 0;
    size_t end = b.end;
    if (lx(p, b.end, &d) == KB_DT_NUM && d.ndig <= 2 && lx(p, d.end, &e) == KB_DT_PUNCT &&
        cjk_mark(&e, 2)) {
        dd = (int)d.val;
        end = e.end;
    }
    if (!year_ok(KB_CAL_GREG, yy) || mm < 1 || mm > 12) return 0;
    if (dd && !day_ok(KB_CAL_GREG, yy, mm, dd)) return 0;
    memset(c, 0, sizeof *c);
    c->y = yy;
    c->m = mm;
    c->d = dd;
    c->cal = KB_CAL_GREG;
    c->start = y.start;
    c->end = end;
    c->flags = KB_DP_NUMERIC;
    return 1;
}

static int core_any(P *p, size_t pos, unsigned part, core *c)
{
    return core_numeric(p, pos, c) || core_cjk(p, pos, c) || core_named(p, pos, part, c);
}

/* A time of day: H:MM[:SS[.fff]] [ص|م|صباحا|مساء|AM|PM|a.m.] [zone]; with
 * dot_ok also H.MM ("الساعة 1.30 ظهراً"). */
static int read_time(P *p, size_t pos, int dot_ok, tod *o, size_t *end)
{
    kb_dtok h, c1, mi, u;
    if (lx(p, pos, &h) != KB_DT_NUM || h.ndig > 2) return 0;
    if (lx(p, h.end, &c1) != KB_DT_PUNCT || c1.space ||
        !(c1.cp == ':' || (dot_ok && c1.cp == '.')))
        return 0;
    if (lx(p, c1.end, &mi) != KB_DT_NUM || mi.space || mi.ndig != 2) return 0;
    memset(o, 0, sizeof *o);
    o->h = (int)h.val;
    o->mi = (int)mi.val;
    size_t e = mi.end;
    if (lx(p, e, &u) == KB_DT_PUNCT && u.cp == ':' && !u.space) {
        kb_dtok s;
        if (lx(p, u.end, &s) == KB_DT_NUM && !s.space && s.ndig == 2) {
            o->sec = (int)s.val;
            o->has_sec = 1;
            e = s.end;
            kb_dtok f, g;
            if (lx(p, e, &f) == KB_DT_PUNCT && f.cp == '.' && !f.space &&
                lx(p, f.end, &g) == KB_DT_NUM && !g.space)
                e = g.end;
        }
    }
    if (o->mi > 59 || o->sec > 59 || o->h > 23) return 0;
    /* AM / PM */
    int ampm = 0;
    if (lx(p, e, &u) == KB_DT_WORD) {
        if (kb_dword(&u, "ص") || kb_dword(&u, "صباحا") || kb_dword(&u, "صباح") ||
            kb_dword(&u, "am") || kb_dword(&u, "فجرا")) {
            ampm = 1;
            e = u.end;
        } else if (kb_dword(&u, "م") || kb_dword(&u, "مساء") || kb_dword(&u, "مساءا") ||
                   kb_dword(&u, "pm") || kb_dword(&u, "ظهرا") || kb_dword(&u, "عصرا")) {
            ampm = 2;
            e = u.end;
        } else if (kb_dword(&u, "a") || kb_dword(&u, "p")) {
            kb_dtok d1, m1, d2;
            if (lx(p, u.end, &d1) == KB_DT_PUNCT && d1.cp == '.' && !d1.space &&
                lx(p, d1.end, &m1) == KB_DT_WORD && kb_dword(&m1, "m") && !m1.space) {
                ampm = kb_dword(&u, "a") ? 1 : 2;
                e = m1.end;
                if (lx(p, e, &d2) == KB_DT_PUNCT && d2.cp == '.' && !d2.space) e = d2.end;
            }
        }
    }
    if (ampm) {
        if (o->h < 1 || o->h > 12) return 0;
        if (ampm == 1 && o->h == 12) o->h = 0;
        if (ampm == 2 && o->h < 12) o->h += 12;
    }
    int tz;
    size_t te;
    if (kb_dname_tz(p, e, &tz, &te)) {
        o->has_tz = 1;
        o->tz = tz;
        e = te;
    }
    *end = e;
    return 1;
}

/* Skip up to n separator tokens (dashes, commas, bars, colons, a lone
 * tatweel) from pos; returns the new position. */
static size_t skip_seps(P *p, size_t pos, int n, int allow_paren)
{
    kb_dtok u;
    for (int i = 0; i < n; i++) {
        if (lx(p, pos, &u) != KB_DT_PUNCT) break;
        if (is_dash(u.cp) || u.cp == ',' || u.cp == 0x060C || u.cp == '|' ||
            u.cp == 0x640 || u.cp == ':' || u.cp == 0x2022 || u.cp == 0xB7 ||
            (allow_paren && u.cp == '('))
            pos = u.end;
        else break;
    }
    return pos;
}

/* A time after a day: "- 10:30 م", "| 12:42", "الساعة 10:30", "at 10:05",
 * "T10:05:00Z". */
static int time_after(P *p, size_t pos, int numeric, tod *o, size_t *end)
{
    kb_dtok u, v;
    if (numeric && lx(p, pos, &u) == KB_DT_WORD && !u.space && kb_dword(&u, "t") &&
        lx(p, u.end, &v) == KB_DT_NUM && !v.space)
        return read_time(p, u.end, 0, o, end);
    size_t q = skip_seps(p, pos, 2, 0);
    int dot_ok = 0;
    if (lx(p, q, &u) == KB_DT_WORD &&
        (kb_dword(&u, "الساعه") || kb_dword(&u, "at") || kb_dword(&u, "في"))) {
        dot_ok = kb_dword(&u, "الساعه");
        q = skip_seps(p, u.end, 1, 0);
    }
    return read_time(p, q, dot_ok, o, end);
}

/* A weekday name written after the date: "2024-07-23 (الثلاثاء)". */
static int weekday_after(P *p, size_t pos, int *wd, size_t *end)
{
    kb_dtok u, v;
    size_t q = pos;
    int paren = 0;
    if (lx(p, q, &u) == KB_DT_PUNCT) {
        if (u.cp == '(') paren = 1;
        else if (!(u.cp == ',' || u.cp == 0x060C || is_dash(u.cp))) return 0;
        q = u.end;
    }
    int abbr;
    if (lx(p, q, &u) != KB_DT_WORD) return 0;
    int w = kb_dname_weekday(&u, &abbr);
    if (w < 0 || abbr) return 0;
    q = u.end;
    if (paren) {
        if (lx(p, q, &v) != KB_DT_PUNCT || v.cp != ')') return 0;
        q = v.end;
    }
    *wd = w;
    *end = q;
    return 1;
}

/* After a core of one calendar, a core of the other one: "هـ الموافق 23
 * يوليو 2024 م", "- 23 يوليو 2024", "(21 يوليو 2015)", "، الموافق 17 رمضان". */
static int companion(P *p, size_t pos, int want_cal, core *c2, size_t *end)
{
    size_t q = skip_seps(p, pos, 2, 1);
    kb_dtok u;
    int paren = 0;
    {
        /* was there a '(' among the separators? */
        kb_dtok w;
        size_t r = pos;
        while (r < q && lx(p, r, &w) == KB_DT_PUNCT) {
            if (w.cp == '(') paren = 1;
            r = w.end;
        }
    }
    if (lx(p, q, &u) == KB_DT_WORD && kb_dword(&u, "الموافق")) {
        q = u.end;
        kb_dtok v;
        if (lx(p, q, &v) == KB_DT_WORD && (kb_dword(&v, "ل") || kb_dword(&v, "ليوم")))
            q = v.end;
        q = skip_seps(p, q, 1, 0);
    }
    unsigned part = want_cal == KB_CAL_HIJRI ? PART_HIJRI : 0;
    if (!core_any(p, q, part, c2) || c2->cal != want_cal) return 0;
    if (want_cal == KB_CAL_GREG && c2->d == 0 && !(c2->flags & KB_DP_NUMERIC)) {
        /* a month alone does not stand for the Hijri day */
        return 0;
    }
    *end = c2->end;
    if (paren) {
        kb_dtok w;
        if (lx(p, *end, &w) == KB_DT_PUNCT && w.cp == ')') *end = w.end;
    }
    return 1;
}

int kb_date_parse_at(kb_dsrc *src, size_t pos, unsigned opts, kb_dparse *out)
{
    P *p = src;
    kb_dtok t, u;
    if (lx(p, pos, &t) == KB_DT_END) return 0;
    size_t start = t.start, q = t.start;
    int wd = -1, abbr = 0, have_time = 0;
    tod tm = {0};
    unsigned part = (opts & KB_DPO_PARTIAL) ? PART_GREG : 0;
    core c;

    if (t.kind == KB_DT_NUM) {
        size_t te;
        tod lead;
        if (read_time(p, t.start, 0, &lead, &te)) {
            /* "10:05-23 يوليو 2024": a time before the date */
            size_t q2 = skip_seps(p, te, 1, 0);
            if (!core_any(p, q2, part, &c) || c.d == 0) return 0;
            tm = lead;
            have_time = 1;
            goto have_core;
        }
    } else if (t.kind == KB_DT_WORD && (wd = kb_dname_weekday(&t, &abbr)) >= 0) {
        q = t.end;
        if (lx(p, q, &u) == KB_DT_PUNCT &&
            (u.cp == ',' || u.cp == 0x060C || is_dash(u.cp) || u.cp == '.' ||
             u.cp == 0x640 || u.cp == ':'))
            q = u.end;
        else if (abbr)
            return 0;   /* "Sun 23 July" may be a newspaper, "Sun, 23 Jul" is a day */
        if (lx(p, q, &u) == KB_DT_WORD && kb_dword(&u, "الموافق")) q = u.end;
    }
    if (!core_any(p, q, part, &c)) return 0;

have_core:;
    size_t end = c.end;
    core g;
    size_t ce;
    if (c.cal == KB_CAL_HIJRI && c.y) {
        if (companion(p, end, KB_CAL_GREG, &g, &ce)) {
            c = g;
            end = ce;
        }
    } else if (c.cal == KB_CAL_GREG && c.y) {
        if (companion(p, end, KB_CAL_HIJRI, &g, &ce)) end = ce;
    }
    if (c.y == 0 && c.cal == KB_CAL_HIJRI) return 0;
    if (c.d && !have_time) {
        size_t te;
        if (time_after(p, end, (c.flags & KB_DP_NUMERIC) != 0, &tm, &te)) {
            have_time = 1;
            end = te;
        }
    }
    if (wd < 0) {
        size_t we;
        if (weekday_after(p, end, &wd, &we)) end = we;
    }

    kb_date d;
    memset(&d, 0, sizeof d);
    d.weekday = (int8_t)wd;
    if (c.cal == KB_CAL_HIJRI) {
        int64_t days;
        int gy, gm, gd;
        if (c.d) {
            days = kb_hijri_to_days(c.y, c.m, c.d);
            /* The tabular calendar is a day off in many months: trust a
             * weekday that is one day away. */
            if (wd >= 0 && kb_weekday_of_days(days) != wd) {
                if (kb_weekday_of_days(days - 1) == wd) days--;
                else if (kb_weekday_of_days(days + 1) == wd) days++;
            }
            kb_civil_from_days(days, &gy, &gm, &gd);
            d.prec = KB_PREC_DAY;
            d.day = (int8_t)gd;
        } else {
            /* A Hijri month straddles two Gregorian ones: take the one that
             * holds its middle. */
            days = kb_hijri_to_days(c.y, c.m, 15);
            kb_civil_from_days(days, &gy, &gm, &gd);
            d.prec = KB_PREC_MONTH;
        }
        if (!year_ok(KB_CAL_GREG, gy)) return 0;
        d.year = (int16_t)gy;
        d.month = (int8_t)gm;
        d.hijri = 1;
    } else {
        d.year = (int16_t)c.y;
        d.month = (int8_t)c.m;
        d.day = (int8_t)c.d;
        d.prec = c.d ? KB_PREC_DAY : KB_PREC_MONTH;
    }
    if (have_time && d.prec == KB_PREC_DAY) {
        d.hour = (int8_t)tm.h;
        d.minute = (int8_t)tm.mi;
        d.second = (int8_t)tm.sec;
        d.prec = tm.has_sec ? KB_PREC_SECOND : KB_PREC_MINUTE;
        d.has_tz = (int8_t)tm.has_tz;
        d.tz_minutes = (int16_t)tm.tz;
    }
    out->start = start;
    out->end = end;
    out->date = d;
    out->flags = c.flags;
    return 1;
}

int kb_date_scan(kb_dsrc *src, size_t pos, unsigned opts, kb_dparse *out)
{
    kb_dtok buf;
    while (pos < src->len) {
        const kb_dtok *t = kb_dsrc_peek(src, pos);
        if (!t) {
            kb_dsrc_lex(src, pos, &buf);
            t = &buf;
        }
        if (t->kind == KB_DT_END) break;
        int cand = 0;
        if (t->kind == KB_DT_NUM) {
            cand = 1;
        } else if (t->kind == KB_DT_WORD) {
            /* a weekday, a month name, an ordinal or "ال": the only words a
             * date opens with */
            cand = (kb_dword_class(t->w, t->wlen) & KB_DW_DATE) != 0;
        }
        size_t start = t->start, end = t->end;   /* t goes stale when src reads on */
        if (cand && kb_date_parse_at(src, start, opts, out)) return 1;
        pos = end;
    }
    return 0;
}
