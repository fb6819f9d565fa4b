/* story/timex.c -- the time expression tagger: walks the text token by token
 * (the date grammar's lexer, text/date.h) and at each token tries the
 * patterns below in order; the first that matches is emitted and the walk
 * resumes after it, so expressions never overlap. Speed: the text is lexed
 * once into a token window that the patterns read again and again, and a
 * pattern is tried only at a token that can open it (one hash lookup in the
 * word table of text/date_words.py, see start_class): most words of a text
 * open nothing.
 *
 *   relative days   [صباح|مساء] اليوم|أمس|غدا|بعد غد|أول أمس [weekday] [date]
 *   modifiers       نهاية|بنهاية|مطلع|أوائل|منتصف|أواخر + any expression below
 *   dates           every format of kb_date_find, plus a day and month with no
 *                   year ("14 يوليو الحالي"): the year comes from ref
 *   years           عام|العام|سنة 2026, في|منذ|حتى|بحلول 2026, 2003م, (1949)
 *   weekdays        [يوم] الجمعة [المقبل|الماضي]
 *   this/next/last  الأسبوع|الشهر|العام المقبل|الماضي|الجاري, هذا العام
 *   months          [شهر] سبتمبر المقبل|الماضي|الجاري, في سبتمبر, رمضان المقبل
 *   ago / later     منذ|قبل|بعد + [count] unit ("منذ ساعتين", "قبل 3 أيام")
 *   periods         [خلال] الـ12 شهراً المقبلة, الأشهر الستة الماضية
 *   durations       26 عاما, يومين
 *   references      الآن حاليا (present), مؤخرا (past), قريبا (future)
 *   sets            يوميا, كل عام
 *
 * Resolution against ref: a bare weekday is the most recent such day on or
 * before ref, or the next one on or after it when the sentence speaks of
 * the future (سوف, من المقرر, a سـ verb before it); "المقبل" / "الماضي"
 * after a weekday or month mean strictly after / before ref; a day and
 * month with no year take the year that puts them nearest to ref. */
#include "story/timex_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct ctx {
    const char *s;
    size_t len;
    kb_dsrc src;             /* the text with its token window */
    const kb_date *ref;      /* NULL when there is none */
    int ref_day;             /* ref has at least day precision */
    int64_t refdays;
    int refwd;
    size_t last_year_end;    /* end of the last year expression + 1, or 0 */
} ctx;

typedef struct cand {
    size_t start, end;
    int kind, unit, mod;
    int64_t amount;
    kb_date value, value_end;
    int hint;                /* direction the words give: 1 future, -1 past */
    int inferred, ref_kind;
} cand;

static const char *const WEEKDAY_WORDS[] = {
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", NULL,
};
static const char *const WEEKDAY_EN[] = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", NULL,
};
static const char *const PERIOD_NOUNS[] = { "الاسبوع", "الشهر", "العام", "السنه", NULL };
static const char *const PERIOD_EN[] = { "week", "month", "year", NULL };
static const int PERIOD_UNIT[] = { KB_TU_WEEK, KB_TU_MONTH, KB_TU_YEAR, KB_TU_YEAR };
static const char *const THIS_WORDS[] = { "هذا", "هذه", NULL };
/* Words that open with ال but are no adjective of اليوم. */
static const char *const FUNCTION_AL[] = {
    "الي", "التي", "الذي", "الذين", "اللذين", "اللتين", "الا", "اللتي", NULL,
};
static const char *const OUTLET_HEADS[] = {
    "العرب", "المصري", "روسيا", "عين", "الامارات", "فلسطين", "اخبار", "مصراوي", NULL,
};
static const char *const NOT_A_DAY_BEFORE[] = {
    "صلاه", "خطبه", "خطيب", "صلوات", "مصلي", "مصلو", "مصلين", NULL,
};

static void cand_init(cand *x, size_t start)
{
    memset(x, 0, sizeof *x);
    x->start = start;
    x->value.weekday = -1;
    x->value_end.weekday = -1;
}

/* A token on the same line as what came before. */
static int tk(ctx *c, size_t pos, kb_dtok *t)
{
    int k = kb_dsrc_lex(&c->src, pos, t);
    if (k != KB_DT_END && t->newline) {
        t->kind = KB_DT_END;
        return KB_DT_END;
    }
    return k;
}

static int in_list(const kb_dtok *t, const char *const *list)
{
    return t->kind == KB_DT_WORD && t->wlen && kb_tx_in(t->w, t->wlen, list) >= 0;
}

/* Direction word at pos: 1 future (المقبل), -1 past (الماضي), 0 current
 * (الجاري), 2 none. */
static int dir_after(ctx *c, size_t pos, size_t *end)
{
    kb_dtok t;
    if (tk(c, pos, &t) != KB_DT_WORD) return 2;
    int d = in_list(&t, KB_TX_FUTURE) ? 1 : in_list(&t, KB_TX_PAST) ? -1
            : in_list(&t, KB_TX_CURRENT) ? 0 : 2;
    if (d != 2) *end = t.end;
    return d;
}

/* Start of the word after n proclitic letters. */
static size_t word_start(ctx *c, const kb_dtok *t, int strip)
{
    return strip ? kb_tx_skip_letters(c->s, c->len, t->start, strip) : t->start;
}

/* ---------------------------------------------------------- sentences */

static int is_digit_byte(char b)
{
    return b >= '0' && b <= '9';
}

/* A sentence ends at . ! ? ؟ or a line break; a dot between digits or
 * before a lower-case Latin letter does not end one. */
static inline int ends_sentence(const char *s, size_t len, size_t i)
{
    unsigned char b = (unsigned char)s[i];
    if (b > '?')   /* ؟ U+061F, or no end */
        return b == 0xD8 && i + 1 < len && (unsigned char)s[i + 1] == 0x9F;
    if (b == '\n' || b == '!' || b == '?') return 1;
    if (b == '.') {
        if (i > 0 && is_digit_byte(s[i - 1]) && i + 1 < len && is_digit_byte(s[i + 1]))
            return 0;
        if (i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z') return 0;
        return 1;
    }
    return 0;
}

/* A sentence reaches at most this far on either side of an expression, so
 * that text with no punctuation costs linear time, not quadratic. */
#define SENT_MAX 1024

static void sentence_of(const char *s, size_t len, size_t start, size_t end,
                        size_t *a, size_t *b)
{
    size_t i = start, lo = start > SENT_MAX ? start - SENT_MAX : 0;
    while (i > lo && !ends_sentence(s, len, i - 1)) i--;
    while (i < start && ((unsigned char)s[i] & 0xC0) == 0x80) i++;   /* whole characters */
    while (i < start && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    *a = i;
    size_t j = end, hi = len - end > SENT_MAX ? end + SENT_MAX : len;
    while (j < hi && !ends_sentence(s, len, j)) j++;
    if (j < hi && s[j] != '\n') j += (unsigned char)s[j] == 0xD8 ? 2 : 1;
    while (j > end && j < len && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
    *b = j;
}

/* Does the sentence before pos speak of the future? */
static int future_context(ctx *c, size_t sent_start, size_t pos)
{
    kb_dtok t;
    size_t p = sent_start;
    int cues[8], n = 0;
    while (p < pos && kb_dsrc_lex(&c->src, p, &t) != KB_DT_END && t.start < pos) {
        if (t.kind == KB_DT_WORD && t.wlen) {
            int cue = 0, strip;
            const char *w = t.w;
            size_t wl = t.wlen;
            if (wl >= 10 && (memcmp(w, "\xd9\x88", 2) == 0 || memcmp(w, "\xd9\x81", 2) == 0)) {
                w += 2;   /* "وسيعقد" */
                wl -= 2;
            }
            if (kb_tx_word(&t, KB_TX_FUTURE_CUE, &strip) >= 0) cue = 1;
            else if (wl >= 8 && memcmp(w, "\xd8\xb3", 2) == 0 &&
                     (memcmp(w + 2, "\xd9\x8a", 2) == 0 ||      /* سي */
                      memcmp(w + 2, "\xd8\xaa", 2) == 0 ||      /* ست */
                      memcmp(w + 2, "\xd9\x86", 2) == 0) &&     /* سن */
                     kb_tx_in(w, wl, KB_TX_NOT_FUTURE_VERB) < 0)
                cue = 1;
            cues[n % 8] = cue;
            n++;
        }
        p = t.end;
    }
    for (int k = 0; k < 8 && k < n; k++)
        if (cues[(n - 1 - k) % 8]) return 1;
    return 0;
}

/* ---------------------------------------------------------- resolution */

static kb_date ref_plus(ctx *c, int unit, int64_t n)
{
    return kb_tx_add(c->ref, unit, n);
}

/* The weekday wd relative to ref: dir 1 strictly after, -1 strictly before,
 * 0 nearest, 3 on or after, -3 on or before. */
static kb_date weekday_from_ref(ctx *c, int wd, int dir)
{
    int ahead = (wd - c->refwd + 7) % 7;
    int back = (c->refwd - wd + 7) % 7;
    int64_t off;
    switch (dir) {
    case 1: off = ahead ? ahead : 7; break;
    case -1: off = -(back ? back : 7); break;
    case 3: off = ahead; break;
    case -3: off = -back; break;
    default: off = ahead <= 3 ? ahead : -back; break;
    }
    kb_date d = kb_tx_day(c->refdays + off);
    d.weekday = (int8_t)wd;
    return d;
}

/* The year for month m (and day d, 0 for a whole month) given a direction:
 * 1 the next one after ref, -1 the last one before, 0 ref's year, 2 not
 * said: news mostly reports what happened, so the last one on or before ref,
 * unless the sentence speaks of the future (fut) or the next one is less
 * than half as far away ("في 30 يوليو" written on 23 July). */
static int year_for(ctx *c, int m, int d, int dir, int fut)
{
    int ry = c->ref->year, rm = c->ref->month, rd = c->ref->day;
    int after = d ? (m > rm || (m == rm && d > rd)) : m > rm;
    int before = d ? (m < rm || (m == rm && d < rd)) : m < rm;
    switch (dir) {
    case 1: return after ? ry : ry + 1;
    case -1: return before ? ry : ry - 1;
    case 0: return ry;
    default: {
        int same = d ? (m == rm && d == rd) : m == rm;
        if (same) return ry;
        int py = before ? ry : ry - 1, fy = after ? ry : ry + 1;
        int pd = d ? (d > kb_days_in_month(py, m) ? kb_days_in_month(py, m) : d) : 15;
        int fd = d ? (d > kb_days_in_month(fy, m) ? kb_days_in_month(fy, m) : d) : 15;
        int64_t pgap = c->refdays - kb_days_from_civil(py, m, pd);
        int64_t fgap = kb_days_from_civil(fy, m, fd) - c->refdays;
        return fut || 2 * fgap < pgap ? fy : py;
    }
    }
}

/* ---------------------------------------------------------- patterns */

static unsigned start_class(const kb_dtok *t);
static int try_at(ctx *c, const kb_dtok *t, const kb_dtok *prev, int ctxok, unsigned k,
                  cand *x);

/* اليوم أمس غدا بعد غد أول أمس, with a part of the day before and a
 * weekday (or a whole date) after. */
static int p_relday(ctx *c, const kb_dtok *t0, const kb_dtok *prev, cand *x)
{
    kb_dtok t = *t0, u, v;
    size_t start = t.start;
    int strip;
    if (in_list(&t, KB_TX_PART_OF_DAY) || kb_dword(&t, "يوم")) {
        if (tk(c, t.end, &u) != KB_DT_WORD) return 0;
        t = u;
    }
    static const char *const REL[] = {
        "اليوم", "امس", "الامس", "غدا", "البارحه", "الليله", "الغد", "today",
        "yesterday", "tomorrow", "tonight", NULL,
    };
    static const int REL_OFF[] = { 0, -1, -1, 1, -1, 0, 1, 0, -1, 1, 0 };
    int off, k = -1;
    size_t e;
    if ((k = kb_tx_word(&t, REL, &strip)) >= 0) {
        off = REL_OFF[k];
        if (k == 6 && t.start == start) return 0;   /* "الغد" alone is a newspaper */
        /* "العرب اليوم", "المصري اليوم", "روسيا اليوم": news outlets */
        if (k == 0 && t.start == start && prev->kind == KB_DT_WORD &&
            in_list(prev, OUTLET_HEADS))
            return 0;
        if (t.start == start) start = word_start(c, &t, strip);
        e = t.end;
        if (off == -1 && tk(c, e, &u) == KB_DT_WORD && kb_dword(&u, "الاول")) {
            off = -2;   /* أمس الأول */
            e = u.end;
        }
    } else if (kb_dword(&t, "بعد") && tk(c, t.end, &u) == KB_DT_WORD &&
               (kb_dword(&u, "غد") || kb_dword(&u, "غدا"))) {
        off = 2;
        e = u.end;
    } else if (kb_dword(&t, "اول") && tk(c, t.end, &u) == KB_DT_WORD) {
        if (kb_dword(&u, "امس")) e = u.end;
        else if (kb_dword(&u, "من") && tk(c, u.end, &v) == KB_DT_WORD && kb_dword(&v, "امس"))
            e = v.end;
        else return 0;
        off = -2;
    } else {
        return 0;
    }
    cand_init(x, start);
    x->kind = KB_TIMEX_RELATIVE;
    x->unit = KB_TU_DAY;
    x->amount = off < 0 ? -off : off;
    x->hint = off > 0 ? 1 : off < 0 ? -1 : 0;
    x->inferred = 1;
    /* a weekday after: "أمس الأربعاء", "اليوم السبت"; maybe a full date */
    size_t q = e;
    int paren = 0;
    if (tk(c, q, &u) == KB_DT_PUNCT && (u.cp == ',' || u.cp == 0x060C || u.cp == '(')) {
        paren = u.cp == '(';
        q = u.end;
    }
    int wd = -1;
    if (tk(c, q, &u) == KB_DT_WORD) {
        int abbr;
        wd = kb_dname_weekday(&u, &abbr);
        if (wd >= 0 && abbr) wd = -1;
    }
    if (wd >= 0 && paren) {
        /* "غدًا (الأربعاء)" */
        if (tk(c, u.end, &v) != KB_DT_PUNCT || v.cp != ')') wd = -1;
        else {
            x->end = v.end;
            e = v.end;
        }
    }
    if (wd >= 0 && paren) {
        /* the closing parenthesis is the end */
    } else if (wd >= 0) {
        kb_dparse h;
        if (kb_date_parse_at(&c->src, u.start, 0, &h) && h.date.prec >= KB_PREC_DAY) {
            x->kind = KB_TIMEX_ABSOLUTE;
            x->value = h.date;
            x->end = h.end;
            x->inferred = 0;
            return 1;
        }
        e = u.end;
    } else if (k == 0 && tk(c, e, &u) == KB_DT_WORD && u.wlen > 4 &&
               memcmp(u.w, "\xd8\xa7\xd9\x84", 4) == 0 && !in_list(&u, FUNCTION_AL)) {
        /* "اليوم التالي", "اليوم الوطني", "اليوم السابع": not today */
        return 0;
    }
    x->end = e;
    if (c->ref_day) {
        x->value = ref_plus(c, KB_TU_DAY, off);
        /* "أمس الأربعاء": when ref is a day off (a crawl date, a late
         * reprint), the weekday the text names is the better witness */
        if (wd >= 0) x->value = kb_timex_resolve_weekday(wd, &x->value);
    }
    x->value.weekday = (int8_t)wd;
    return 1;
}

/* Every written date, and a day and month with no year. */
static int p_date(ctx *c, const kb_dtok *t, cand *x)
{
    kb_dparse h;
    if (!kb_date_parse_at(&c->src, t->start, KB_DPO_PARTIAL, &h)) return 0;
    cand_init(x, h.start);
    x->end = h.end;
    x->value = h.date;
    if (!(h.flags & KB_DP_NOYEAR)) {
        x->kind = h.date.prec >= KB_PREC_DAY ? KB_TIMEX_ABSOLUTE : KB_TIMEX_MONTH_YEAR;
        return 1;
    }
    /* "14 يوليو (تموز) الحالي", "11 ابريل الجاري", "20 يوليو" */
    x->kind = KB_TIMEX_ABSOLUTE;
    x->inferred = 1;
    size_t e;
    int dir = dir_after(c, h.end, &e);
    if (dir != 2) {
        x->end = e;
        x->hint = dir;
    }
    if (!c->ref_day) {
        x->value.prec = KB_PREC_NONE;   /* month and day kept, year unknown */
        return 1;
    }
    int m = h.date.month, d = h.date.day, fut = 0;
    if (dir == 2) {
        size_t a, b;
        sentence_of(c->s, c->len, h.start, h.end, &a, &b);
        fut = future_context(c, a, h.start);
    }
    int y = year_for(c, m, d, dir, fut);
    if (d > kb_days_in_month(y, m)) return 0;   /* 29 February of a common year */
    kb_date v = kb_tx_day(kb_days_from_civil(y, m, d));
    v.weekday = h.date.weekday;
    v.hour = h.date.hour;
    v.minute = h.date.minute;
    v.second = h.date.second;
    v.has_tz = h.date.has_tz;
    v.tz_minutes = h.date.tz_minutes;
    if (h.date.prec > KB_PREC_DAY) v.prec = h.date.prec;
    x->value = v;
    return 1;
}

/* عام 2026, العام 1887, عامي 2002 و2003, 1436هـ; with context: في 2014,
 * بحلول 2026, (1949), 2003م. */
static int p_year(ctx *c, const kb_dtok *t, const kb_dtok *prev, int ctxok, cand *x)
{
    kb_dtok n = *t, u;
    size_t start = t->start;
    int strip, worded = 0, lo = 1900;
    if (kb_tx_word(t, KB_TX_YEAR_WORD, &strip) >= 0) {
        if (tk(c, t->end, &n) != KB_DT_NUM) return 0;
        start = word_start(c, t, strip);
        worded = 1;
        lo = 1000;
    }
    if (n.kind != KB_DT_NUM || n.ndig != 4) return 0;
    int y = (int)n.val;
    size_t e = n.end;
    int era = -1;
    if (tk(c, e, &u) == KB_DT_WORD) {
        if (kb_dword(&u, "م") || kb_dword(&u, "ميلادي") || kb_dword(&u, "للميلاد")) {
            era = KB_CAL_GREG;
            e = u.end;
        } else if (kb_dword(&u, "ه") || kb_dword(&u, "هجري") || kb_dword(&u, "للهجره")) {
            era = KB_CAL_HIJRI;
            e = u.end;
        }
    }
    if (!worded) {
        int ok = era >= 0 || ctxok;
        if (!ok && prev->kind == KB_DT_WORD && prev->end <= t->start) {
            int s2;
            ok = kb_tx_word(prev, KB_TX_YEAR_PREP, &s2) >= 0 ||
                 kb_tx_word(prev, KB_TX_MOD_START, &s2) >= 0 ||
                 kb_tx_word(prev, KB_TX_MOD_MID, &s2) >= 0 ||
                 kb_tx_word(prev, KB_TX_MOD_END, &s2) >= 0;
            /* "عامي 2002 و2003" */
            if (!ok && kb_dword(prev, "و") && c->last_year_end &&
                prev->start <= c->last_year_end + 1)
                ok = 1;
        }
        if (!ok && prev->kind == KB_DT_PUNCT && prev->cp == '(' && !t->space) {
            kb_dtok r;
            ok = tk(c, e, &r) == KB_DT_PUNCT && r.cp == ')';
            lo = 1800;
        }
        if (!ok) return 0;
        /* "في 2000 موقع" counts sites */
        if (era < 0 && tk(c, e, &u) == KB_DT_WORD) {
            int s3;
            if (kb_tx_word(&u, KB_TX_COUNT_NOUN, &s3) >= 0) return 0;
            int cnt, def;
            if (kb_tx_unit(&u, &cnt, &def)) return 0;
        }
        if (era < 0 && tk(c, e, &u) == KB_DT_PUNCT && u.cp == '%') return 0;
    }
    cand_init(x, start);
    x->end = e;
    x->kind = KB_TIMEX_YEAR;
    if (era == KB_CAL_HIJRI || (era < 0 && worded && y >= 1318 && y <= 1524)) {
        /* a Hijri year: the Gregorian year that holds its middle */
        int gy, gm, gd;
        kb_civil_from_days(kb_hijri_to_days(y, 7, 1), &gy, &gm, &gd);
        x->value = kb_tx_year(gy);
        x->value.hijri = 1;
        y = gy;
    } else {
        if (y < lo || y > 2100) return 0;
        x->value = kb_tx_year(y);
    }
    c->last_year_end = e;
    return 1;
}

/* [يوم] [صباح|مساء] الجمعة [المقبل|الماضي] */
static int p_weekday(ctx *c, const kb_dtok *t0, const kb_dtok *prev, cand *x)
{
    kb_dtok t = *t0, u;
    size_t start = t.start;
    if (in_list(&t, KB_TX_PART_OF_DAY) || kb_dword(&t, "يوم") || kb_dword(&t, "on")) {
        if (tk(c, t.end, &u) != KB_DT_WORD) return 0;
        t = u;
    }
    int strip, wd = kb_tx_word(&t, WEEKDAY_WORDS, &strip);
    if (wd < 0) wd = kb_tx_word(&t, WEEKDAY_EN, &strip);
    if (wd < 0) return 0;
    if (t.start == start) {
        start = word_start(c, &t, strip);
        int s2;
        if (prev->kind == KB_DT_WORD && kb_tx_word(prev, NOT_A_DAY_BEFORE, &s2) >= 0) return 0;
    }
    cand_init(x, start);
    x->kind = KB_TIMEX_WEEKDAY;
    x->unit = KB_TU_DAY;
    x->inferred = 1;
    size_t e = t.end, de;
    int dir = dir_after(c, e, &de);
    if (dir != 2) e = de;
    x->end = e;
    x->hint = dir == 2 ? 0 : dir;
    x->value.weekday = (int8_t)wd;
    if (!c->ref_day) return 1;
    if (dir == 2) {
        size_t a, b;
        sentence_of(c->s, c->len, start, e, &a, &b);
        dir = future_context(c, a, start) ? 3 : -3;
        x->hint = dir > 0 ? 1 : 0;
    }
    x->value = weekday_from_ref(c, wd, dir);
    return 1;
}

/* الأسبوع|الشهر|العام المقبل|الماضي|الجاري, هذا العام, next week */
static int p_period_noun(ctx *c, const kb_dtok *t, cand *x)
{
    kb_dtok u;
    int strip = 0, k, dir;   /* "this" matches without kb_tx_word setting strip */
    size_t start, e;
    if (kb_tx_word(t, THIS_WORDS, &strip) >= 0 || kb_dword(t, "this")) {
        if (tk(c, t->end, &u) != KB_DT_WORD) return 0;
        if ((k = kb_tx_in(u.w, u.wlen, PERIOD_NOUNS)) < 0 &&
            (k = kb_tx_in(u.w, u.wlen, PERIOD_EN)) < 0)
            return 0;
        start = word_start(c, t, strip);
        e = u.end;
        dir = 0;
    } else if (kb_dword(t, "next") || kb_dword(t, "last")) {
        if (tk(c, t->end, &u) != KB_DT_WORD || (k = kb_tx_in(u.w, u.wlen, PERIOD_EN)) < 0)
            return 0;
        start = t->start;
        e = u.end;
        dir = kb_dword(t, "next") ? 1 : -1;
    } else {
        if ((k = kb_tx_word(t, PERIOD_NOUNS, &strip)) < 0) return 0;
        start = word_start(c, t, strip);
        if ((dir = dir_after(c, t->end, &e)) == 2) return 0;
    }
    cand_init(x, start);
    x->end = e;
    x->kind = KB_TIMEX_RELATIVE;
    x->unit = PERIOD_UNIT[k];
    x->amount = dir < 0 ? 1 : dir;
    x->hint = dir;
    x->inferred = 1;
    if (!c->ref_day) return 1;
    if (x->unit == KB_TU_WEEK) {
        x->value = ref_plus(c, KB_TU_DAY, 7 * dir);
    } else if (x->unit == KB_TU_MONTH) {
        x->value = kb_tx_month(c->ref->year, c->ref->month + dir);
    } else {
        x->value = kb_tx_year(c->ref->year + dir);
    }
    return 1;
}

/* [شهر] سبتمبر المقبل|الماضي|الجاري; "في سبتمبر" (month of the nearest
 * year); رمضان المقبل. */
static int p_month(ctx *c, const kb_dtok *t0, const kb_dtok *prev, int ctxok, cand *x)
{
    kb_dtok t = *t0, u;
    size_t start = t.start;
    int shahr = 0;
    if (kb_dword(&t, "شهر")) {
        if (tk(c, t.end, &u) != KB_DT_WORD) return 0;
        t = u;
        shahr = 1;
        /* "شهر مايو 2015": a written date after شهر */
        if (p_date(c, &t, x)) {
            x->start = start;
            return 1;
        }
    }
    int cal, abbr;
    size_t e;
    int m = kb_dname_month(&c->src, &t, &cal, &e, &abbr);
    if (!m && !shahr && t.kind == KB_DT_WORD && t.wlen >= 8 &&
        (memcmp(t.w, "\xd9\x88", 2) == 0 || memcmp(t.w, "\xd9\x81", 2) == 0 ||
         memcmp(t.w, "\xd8\xa8", 2) == 0)) {
        /* "ويوليو الماضي", "بسبتمبر": the month after a proclitic */
        kb_dtok bare = t;
        memmove(bare.w, bare.w + 2, bare.wlen - 1);
        bare.wlen -= 2;
        if ((m = kb_dname_month(&c->src, &bare, &cal, &e, &abbr)))
            start = kb_tx_skip_letters(c->s, c->len, t.start, 1);
    }
    if (!m) return 0;
    if (abbr) return 0;
    size_t de;
    int dir = dir_after(c, e, &de);
    if (dir != 2) {
        e = de;
    } else {
        int s2;
        int ok = shahr || ctxok ||
                 (prev->kind == KB_DT_WORD &&
                  (kb_tx_word(prev, KB_TX_YEAR_PREP, &s2) >= 0 ||
                   kb_tx_word(prev, KB_TX_MOD_START, &s2) >= 0 ||
                   kb_tx_word(prev, KB_TX_MOD_MID, &s2) >= 0 ||
                   kb_tx_word(prev, KB_TX_MOD_END, &s2) >= 0));
        if (!ok) return 0;
        /* "مارس" is also a verb, "ماي" and "اب" are words: ask for شهر */
        if (!shahr && (kb_dword(&t, "مارس") || kb_dword(&t, "ماي") || kb_dword(&t, "اب") ||
                       kb_dword(&t, "mars") || kb_dword(&t, "may")))
            return 0;
        if (cal == KB_CAL_HIJRI && !shahr) return 0;   /* رمضان is also a name */
    }
    cand_init(x, start);
    x->end = e;
    x->kind = KB_TIMEX_MONTH_YEAR;
    x->unit = KB_TU_MONTH;
    x->hint = dir == 2 ? 0 : dir;
    x->inferred = 1;
    if (!c->ref_day) return 1;
    if (cal == KB_CAL_GREG) {
        int fut = 0;
        if (dir == 2) {
            size_t a, b;
            sentence_of(c->s, c->len, start, e, &a, &b);
            fut = future_context(c, a, start);
        }
        x->value = kb_tx_month(year_for(c, m, 0, dir, fut), m);
        return 1;
    }
    /* Hijri: find the occurrence of the month in the direction asked */
    int hy, hm, hd;
    kb_hijri_from_days(c->refdays, &hy, &hm, &hd);
    int y;
    if (dir == 1) y = m > hm ? hy : hy + 1;
    else if (dir == -1) y = m < hm ? hy : hy - 1;
    else if (dir == 0) y = hy;
    else {
        y = hy;
        int64_t best = -1;
        for (int k = hy - 1; k <= hy + 1; k++) {
            int64_t g = kb_hijri_to_days(k, m, 15) - c->refdays;
            if (g < 0) g = -g;
            if (best < 0 || g < best) { best = g; y = k; }
        }
    }
    int gy, gm, gd;
    kb_civil_from_days(kb_hijri_to_days(y, m, 15), &gy, &gm, &gd);
    x->value = kb_tx_month(gy, gm);
    x->value.hijri = 1;
    return 1;
}

/* منذ|قبل|بعد + [count] unit: "منذ ساعتين", "قبل 3 أيام", "قبل خمسة وتسعين
 * عاما", "بعد أسبوعين"; "منذ سنوات" is a past reference. */
static int p_ago(ctx *c, const kb_dtok *t, cand *x)
{
    int strip, sign;
    if (kb_tx_word(t, (const char *const[]){"منذ", "قبل", NULL}, &strip) >= 0) sign = -1;
    else if (kb_tx_word(t, (const char *const[]){"بعد", NULL}, &strip) >= 0) sign = 1;
    else return 0;
    int64_t n = 0;
    size_t e = t->end, ce;
    kb_dtok u;
    if (kb_tx_count(&c->src, e, &n, &ce)) e = ce;
    if (tk(c, e, &u) != KB_DT_WORD) return 0;
    int count, def;
    int unit = kb_tx_unit(&u, &count, &def);
    if (!unit || def) return 0;
    kb_dtok y;
    if (n == 0 && count == 1 && tk(c, u.end, &y) == KB_DT_NUM && y.ndig == 4)
        return 0;   /* "بعد عام 2026" is a year */
    if (n == 0) n = count;
    cand_init(x, word_start(c, t, strip));
    x->end = u.end;
    if (n == 0) {
        /* "منذ سنوات", "بعد أيام" */
        if (unit < KB_TU_DAY) return 0;
        x->kind = KB_TIMEX_REF;
        x->ref_kind = sign;
        x->hint = sign;
        x->unit = unit;
        return 1;
    }
    x->kind = KB_TIMEX_RELATIVE;
    x->unit = unit;
    x->amount = n;
    x->hint = sign;
    x->inferred = 1;
    if (!c->ref_day) return 1;
    kb_date v = ref_plus(c, unit, sign * n);
    if (unit == KB_TU_MONTH) v = kb_tx_month(v.year, v.month);
    else if (unit >= KB_TU_YEAR) v = kb_tx_year(v.year);
    x->value = v;
    return 1;
}

/* [خلال|في غضون|طوال] [الـ]N unit المقبلة, الأشهر الستة الماضية, العامين
 * الماضيين; plural with no number ("الأيام المقبلة") is a reference. */
static int p_period(ctx *c, const kb_dtok *t, cand *x)
{
    kb_dtok u;
    size_t p = t->start;
    int strip;
    if (kb_tx_word(t, (const char *const[]){"خلال", "طوال", "طيله", NULL}, &strip) >= 0) {
        p = t->end;
    } else if (kb_dword(t, "في") && tk(c, t->end, &u) == KB_DT_WORD && kb_dword(&u, "غضون")) {
        p = u.end;
    }
    if (tk(c, p, &u) == KB_DT_END) return 0;
    size_t start = u.start;
    int64_t n = 0;
    size_t e;
    if (kb_tx_count(&c->src, p, &n, &e)) p = e;
    if (tk(c, p, &u) != KB_DT_WORD) return 0;
    int count, def;
    int unit = kb_tx_unit(&u, &count, &def);
    if (!unit) return 0;
    if (n == 0 && u.start != start) return 0;
    p = u.end;
    if (n == 0 && count != 1) {
        /* "الأشهر الستة المقبلة": the number after the noun */
        int64_t n2;
        kb_dtok w;
        if (tk(c, p, &w) == KB_DT_WORD && kb_tx_count(&c->src, p, &n2, &e) &&
            n2 > 2) {
            n = n2;
            p = e;
        }
    }
    if (n == 0) n = count;
    int dir = dir_after(c, p, &e);
    if (dir != 1 && dir != -1) return 0;
    if (n == 1 && count == 1) return 0;   /* "الشهر المقبل" is no period */
    cand_init(x, start);
    x->end = e;
    x->unit = unit;
    x->hint = dir;
    x->inferred = 1;
    if (n == 0) {
        x->kind = KB_TIMEX_REF;
        x->ref_kind = dir;
        return 1;
    }
    x->kind = KB_TIMEX_PERIOD;
    x->amount = n;
    if (!c->ref_day) return 1;
    kb_date other = ref_plus(c, unit, dir * n);
    if (dir > 0) {
        x->value = *c->ref;
        x->value_end = other;
    } else {
        x->value = other;
        x->value_end = *c->ref;
    }
    x->value.prec = x->value_end.prec = KB_PREC_DAY;
    x->value.weekday = x->value_end.weekday = -1;
    x->value.has_tz = x->value_end.has_tz = 0;
    return 1;
}

static int dur_core(ctx *c, const kb_dtok *t, cand *x);

/* N unit, or a dual: "26 عاما", "اربعة ايام", "يومين", "24 ساعة". */
static int p_duration(ctx *c, const kb_dtok *t, cand *x)
{
    return dur_core(c, t, x);
}

static int dur_core(ctx *c, const kb_dtok *t, cand *x)
{
    int64_t n = 0;
    size_t p = t->start, e;
    kb_dtok u;
    /* "أقل من عشر سنوات", "أكثر من قرن", "نحو 26 عاما" */
    int mod = 0;
    if ((kb_dword(t, "اقل") || kb_dword(t, "اكثر")) && tk(c, t->end, &u) == KB_DT_WORD &&
        kb_dword(&u, "من")) {
        mod = kb_dword(t, "اقل") ? KB_TMOD_LESS : KB_TMOD_MORE;
        p = u.end;
    } else if (kb_dword(t, "نحو") || kb_dword(t, "حوالي") || kb_dword(t, "قرابه")) {
        mod = KB_TMOD_APPROX;
        p = t->end;
    }
    if (mod) {
        kb_dtok w;
        if (tk(c, p, &w) == KB_DT_END) return 0;
        /* no second comparison: "أقل من أقل من ..." must not recurse */
        if (kb_dword(&w, "اقل") || kb_dword(&w, "اكثر") || kb_dword(&w, "نحو") ||
            kb_dword(&w, "حوالي") || kb_dword(&w, "قرابه"))
            return 0;
        if (!dur_core(c, &w, x)) {
            /* "أكثر من قرن": a single unit after the comparison */
            int cnt, def;
            int un = kb_tx_unit(&w, &cnt, &def);
            if (!un || cnt != 1 || def) return 0;
            cand_init(x, t->start);
            x->end = w.end;
            x->kind = KB_TIMEX_DURATION;
            x->unit = un;
            x->amount = 1;
        }
        x->start = t->start;
        x->mod = mod;
        return 1;
    }
    if (kb_tx_count(&c->src, p, &n, &e)) p = e;
    if (tk(c, p, &u) != KB_DT_WORD && !(n == 0 && t->kind == KB_DT_WORD)) return 0;
    if (n == 0) u = *t;
    int count, def;
    int unit = kb_tx_unit(&u, &count, &def);
    if (!unit) return 0;
    if (n == 0) {
        if (count != 2) return 0;
        n = 2;
    } else if (count == 2) {
        return 0;
    }
    cand_init(x, t->start);
    x->end = u.end;
    x->kind = KB_TIMEX_DURATION;
    x->unit = unit;
    x->amount = n;
    return 1;
}

/* الآن حاليا مؤخرا قريبا; في الوقت الحالي; في المستقبل; هذه الأيام */
static int p_ref(ctx *c, const kb_dtok *t, cand *x)
{
    int strip, rk;
    size_t start = t->start, e = t->end;
    kb_dtok u, v;
    if (kb_tx_word(t, KB_TX_PRESENT, &strip) >= 0) rk = 0;
    else if (kb_tx_word(t, KB_TX_PAST_REF, &strip) >= 0) rk = -1;
    else if (kb_tx_word(t, KB_TX_FUTURE_REF, &strip) >= 0) rk = 1;
    else if (kb_dword(t, "في") && tk(c, t->end, &u) == KB_DT_WORD) {
        strip = 0;
        if (kb_dword(&u, "المستقبل")) rk = 1;
        else if (kb_dword(&u, "السابق") || kb_dword(&u, "الماضي")) rk = -1;
        else if (kb_dword(&u, "الوقت") && tk(c, u.end, &v) == KB_DT_WORD &&
                 (kb_dword(&v, "الحالي") || kb_dword(&v, "الراهن"))) {
            rk = 0;
            u.end = v.end;
        } else return 0;
        e = u.end;
    } else if (kb_dword(t, "هذه") && tk(c, t->end, &u) == KB_DT_WORD && kb_dword(&u, "الايام")) {
        rk = 0;
        strip = 0;
        e = u.end;
    } else return 0;
    cand_init(x, strip ? word_start(c, t, strip) : start);
    x->end = e;
    x->kind = KB_TIMEX_REF;
    x->ref_kind = rk;
    x->hint = rk;
    if (rk == 0 && c->ref_day) {
        x->value = kb_tx_day(c->refdays);
        x->inferred = 1;
    }
    return 1;
}

/* يوميا أسبوعيا شهريا سنويا; كل يوم|أسبوع|شهر|عام|عامين */
static int p_set(ctx *c, const kb_dtok *t, cand *x)
{
    static const char *const SETW[] = {
        "يوميا", "اسبوعيا", "شهريا", "سنويا", "اليومي", "اليوميه", "الاسبوعي",
        "الاسبوعيه", "الشهري", "الشهريه", "السنوي", "السنويه", NULL,
    };
    static const int SETU[] = {
        KB_TU_DAY, KB_TU_WEEK, KB_TU_MONTH, KB_TU_YEAR, KB_TU_DAY, KB_TU_DAY, KB_TU_WEEK,
        KB_TU_WEEK, KB_TU_MONTH, KB_TU_MONTH, KB_TU_YEAR, KB_TU_YEAR,
    };
    int strip, k;
    kb_dtok u;
    cand_init(x, t->start);
    if ((k = kb_tx_word(t, SETW, &strip)) >= 0) {
        x->start = word_start(c, t, strip);
        x->end = t->end;
        x->unit = SETU[k];
        x->amount = 1;
    } else if (kb_dword(t, "كل") && tk(c, t->end, &u) == KB_DT_WORD) {
        int count, def;
        int unit = kb_tx_unit(&u, &count, &def);
        if (!unit || def || count == 0 || unit < KB_TU_DAY) return 0;
        x->end = u.end;
        x->unit = unit;
        x->amount = count;
    } else {
        return 0;
    }
    x->kind = KB_TIMEX_SET;
    return 1;
}

/* القرن العشرين|التاسع عشر|الماضي|الحالي; السبعينيات [من القرن الماضي]:
 * a year expression in decades or centuries (value: its first year). */
static int p_decade(ctx *c, const kb_dtok *t, cand *x)
{
    static const char *const DECADES[] = {
        "العشرينيات", "الثلاثينيات", "الاربعينيات", "الخمسينيات", "الستينيات",
        "السبعينيات", "الثمانينيات", "التسعينيات", NULL,
    };
    kb_dtok u;
    int strip, k;
    size_t e;
    int base = c->ref ? c->ref->year : 0;
    if ((k = kb_tx_word(t, DECADES, &strip)) >= 0) {
        int dec = (k + 2) * 10, year;
        e = t->end;
        kb_dtok v, w;
        int century = -1;
        if (tk(c, e, &u) == KB_DT_WORD && kb_dword(&u, "من") &&
            tk(c, u.end, &v) == KB_DT_WORD && kb_dword(&v, "القرن") &&
            tk(c, v.end, &w) == KB_DT_WORD) {
            size_t oe;
            int ord = kb_dname_ordinal(&c->src, &w, &oe);
            if (ord >= 15 && ord <= 21) { century = ord - 1; e = oe; }
            else if (kb_dword(&w, "الماضي") && base) { century = base / 100 - 1; e = w.end; }
        }
        if (century >= 0) year = century * 100 + dec;
        else if (base) {
            year = base / 100 * 100 + dec;
            if (year > base) year -= 100;
        } else return 0;
        cand_init(x, word_start(c, t, strip));
        x->end = e;
        x->kind = KB_TIMEX_YEAR;
        x->unit = KB_TU_DECADE;
        x->value = kb_tx_year(year);
        x->inferred = century < 0;
        return 1;
    }
    if (kb_tx_word(t, (const char *const[]){"القرن", NULL}, &strip) < 0) return 0;
    if (tk(c, t->end, &u) != KB_DT_WORD) return 0;
    int century;
    size_t oe;
    int ord = kb_dname_ordinal(&c->src, &u, &oe);
    if (ord >= 15 && ord <= 22) { century = ord - 1; e = oe; }
    else if (kb_dword(&u, "الماضي") && base) { century = base / 100 - 1; e = u.end; }
    else if ((kb_dword(&u, "الحالي") || kb_dword(&u, "الجاري")) && base) {
        century = base / 100;
        e = u.end;
    } else return 0;
    cand_init(x, word_start(c, t, strip));
    x->end = e;
    x->kind = KB_TIMEX_YEAR;
    x->unit = KB_TU_CENTURY;
    x->value = kb_tx_year(century * 100);
    x->inferred = ord == 0;
    return 1;
}

/* نهاية|بنهاية|مطلع|أوائل|منتصف|أواخر + an expression: the modifier joins
 * the span. */
static int p_mod(ctx *c, const kb_dtok *t, cand *x)
{
    int strip, mod;
    if (kb_tx_word(t, KB_TX_MOD_START, &strip) >= 0) mod = KB_TMOD_START;
    else if (kb_tx_word(t, KB_TX_MOD_MID, &strip) >= 0) mod = KB_TMOD_MID;
    else if (kb_tx_word(t, KB_TX_MOD_END, &strip) >= 0) mod = KB_TMOD_END;
    else return 0;
    kb_dtok u;
    if (tk(c, t->end, &u) == KB_DT_END) return 0;
    /* "نهاية العام": the modifier is the only clue that العام is this year */
    if (kb_tx_in(u.w, u.wlen, PERIOD_NOUNS) >= 0 && u.kind == KB_DT_WORD) {
        size_t e;
        int dir = dir_after(c, u.end, &e);
        if (dir == 2) {
            int k = kb_tx_in(u.w, u.wlen, PERIOD_NOUNS);
            if (PERIOD_UNIT[k] == KB_TU_WEEK) return 0;
            cand_init(x, word_start(c, t, strip));
            x->end = u.end;
            x->kind = KB_TIMEX_RELATIVE;
            x->unit = PERIOD_UNIT[k];
            x->mod = mod;
            x->inferred = 1;
            if (c->ref_day)
                x->value = x->unit == KB_TU_MONTH ? kb_tx_month(c->ref->year, c->ref->month)
                                                  : kb_tx_year(c->ref->year);
            return 1;
        }
    }
    if (!try_at(c, &u, t, 1, start_class(&u), x)) return 0;
    if (x->kind == KB_TIMEX_DURATION || x->kind == KB_TIMEX_SET || x->kind == KB_TIMEX_REF)
        return 0;
    x->start = word_start(c, t, strip);
    x->mod = mod;
    return 1;
}

/* The patterns that can open at token t (KB_DW_TX_* bits): for a number,
 * those that read one first; for a word, the classes the table
 * text/date_words.py writes from the patterns' first-token tests give it,
 * or it behind proclitics (و ف, then ب ل ك; لل read as ال; ال), as
 * kb_tx_word, kb_tx_unit, num_word and p_month look words up. It may name a
 * pattern too many, never one too few; for most words it names none, and
 * the walk passes them by without trying any pattern. */
static unsigned start_class(const kb_dtok *t)
{
    if (t->kind == KB_DT_NUM)
        return KB_DW_TX_DATE | KB_DW_TX_YEAR | KB_DW_TX_PERIOD | KB_DW_TX_DURATION;
    if (t->kind != KB_DT_WORD || t->wlen == 0) return 0;
    const char *w = t->w;
    size_t l = t->wlen;
    unsigned k = kb_dword_class(w, l);
    for (int pass = 0; pass < 2; pass++) {
        if (pass) {
            if (l <= 2 || !(memcmp(w, "\xd9\x88", 2) == 0 || memcmp(w, "\xd9\x81", 2) == 0))
                break;
            w += 2;   /* و ف */
            l -= 2;
            k |= kb_dword_class(w, l);
        }
        if (l > 4 && memcmp(w, "\xd9\x84\xd9\x84", 4) == 0) {   /* لل -> ال */
            char b[KB_DT_WORDMAX];
            memcpy(b, "\xd8\xa7\xd9\x84", 4);
            memcpy(b + 4, w + 4, l - 4);
            k |= kb_dword_class(b, l);
        }
        if (l > 2 && (memcmp(w, "\xd8\xa8", 2) == 0 || memcmp(w, "\xd9\x84", 2) == 0 ||
                      memcmp(w, "\xd9\x83", 2) == 0))   /* ب ل ك */
            k |= kb_dword_class(w + 2, l - 2);
        if (l > 4 && memcmp(w, "\xd8\xa7\xd9\x84", 4) == 0)   /* ال */
            k |= kb_dword_class(w + 4, l - 4);
    }
    return k & ~(unsigned)KB_DW_DATE;
}

/* The patterns in order; each is tried only when t is in its class k (see
 * start_class: a pattern outside it cannot match at t). A new pattern needs
 * a class in text/date.h and a line in text/date_words.py. */
static int try_at(ctx *c, const kb_dtok *t, const kb_dtok *prev, int ctxok, unsigned k,
                  cand *x)
{
    if (t->kind == KB_DT_END || t->kind == KB_DT_PUNCT || !k) return 0;
    if ((k & KB_DW_TX_RELDAY) && p_relday(c, t, prev, x)) return 1;
    /* ctxok: called by p_mod, and a modifier never opens another one (so
     * "نهاية نهاية ..." cannot recurse) */
    if (!ctxok && (k & KB_DW_TX_MOD) && t->kind == KB_DT_WORD && p_mod(c, t, x)) return 1;
    if ((k & KB_DW_TX_DATE) && p_date(c, t, x)) return 1;
    if ((k & KB_DW_TX_YEAR) && p_year(c, t, prev, ctxok, x)) return 1;
    if ((k & KB_DW_TX_WEEKDAY) && t->kind == KB_DT_WORD && p_weekday(c, t, prev, x)) return 1;
    if ((k & KB_DW_TX_PNOUN) && t->kind == KB_DT_WORD && p_period_noun(c, t, x)) return 1;
    if ((k & KB_DW_TX_MONTH) && t->kind == KB_DT_WORD && p_month(c, t, prev, ctxok, x))
        return 1;
    if ((k & KB_DW_TX_AGO) && t->kind == KB_DT_WORD && p_ago(c, t, x)) return 1;
    if ((k & KB_DW_TX_PERIOD) && p_period(c, t, x)) return 1;
    if ((k & KB_DW_TX_DURATION) && p_duration(c, t, x)) return 1;
    if ((k & KB_DW_TX_REF) && t->kind == KB_DT_WORD && p_ref(c, t, x)) return 1;
    if ((k & KB_DW_TX_SET) && t->kind == KB_DT_WORD && p_set(c, t, x)) return 1;
    if ((k & KB_DW_TX_DECADE) && t->kind == KB_DT_WORD && p_decade(c, t, x)) return 1;
    return 0;
}

/* ---------------------------------------------------------- driver */

static int push(kb_timex **v, size_t *n, size_t *cap, const kb_timex *t)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        kb_timex *nv = realloc(*v, nc * sizeof *nv);
        if (!nv) return KB_ENOMEM;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = *t;
    return KB_OK;
}

int kb_timex_find(const char *text, size_t len, const kb_date *ref, kb_timex **out,
                  size_t *n)
{
    if (!out || !n) return KB_EINVAL;
    *out = NULL;
    *n = 0;
    if (!text) return len ? KB_EINVAL : KB_OK;
    ctx c;
    memset(&c, 0, sizeof c);
    c.s = text;
    c.len = len;
    if (ref && ref->prec >= KB_PREC_DAY && ref->month >= 1 && ref->month <= 12 &&
        ref->day >= 1 && ref->day <= kb_days_in_month(ref->year, ref->month)) {
        c.ref = ref;
        c.ref_day = 1;
        c.refdays = kb_date_days(ref);
        c.refwd = kb_weekday_of_days(c.refdays);
    }
    /* a token window of about the whole text for short ones; long ones slide
     * through it. Without memory for it the grammar reads from the text. */
    size_t wcap = len / 3 + 16;
    if (wcap > 1024) wcap = 1024;
    kb_dtok *win = malloc(wcap * sizeof *win);
    kb_dsrc_init(&c.src, text, len, win, win ? wcap : 0);
    kb_timex *v = NULL;
    size_t cnt = 0, cap = 0;
    /* The walk reads tokens in the window without copying them; the token
     * before (prev) is known by where it was read, and copied out only when
     * a pattern is tried. */
    enum { PREV_NONE, PREV_WALK, PREV_COPY } prev_is = PREV_NONE;
    size_t prev_from = 0;
    kb_dtok t, prev;
    memset(&prev, 0, sizeof prev);
    size_t pos = 0;
    while (pos < len) {
        const kb_dtok *tp = kb_dsrc_peek(&c.src, pos);
        if (!tp) {
            kb_dsrc_lex(&c.src, pos, &t);
            tp = &t;
        }
        if (tp->kind == KB_DT_END) break;
        if (tp->newline) prev_is = PREV_NONE;
        unsigned k = start_class(tp);
        if (!k) {
            prev_is = PREV_WALK;
            prev_from = pos;
            pos = tp->end;
            continue;
        }
        if (tp != &t) t = *tp;   /* the patterns read on: copy it out */
        if (prev_is == PREV_NONE) prev.kind = KB_DT_END;
        else if (prev_is == PREV_WALK) kb_dsrc_lex(&c.src, prev_from, &prev);
        cand x;
        if (!try_at(&c, &t, &prev, 0, k, &x) || x.end <= t.start) {
            prev_is = PREV_WALK;
            prev_from = pos;
            pos = t.end;
            continue;
        }
        kb_timex r;
        memset(&r, 0, sizeof r);
        r.start = x.start;
        r.end = x.end;
        sentence_of(text, len, x.start, x.end, &r.sent_start, &r.sent_end);
        r.value = x.value;
        r.value_end = x.value_end;
        if (r.value_end.prec == KB_PREC_NONE) r.value_end.weekday = -1;
        r.kind = (uint8_t)x.kind;
        r.unit = (uint8_t)x.unit;
        r.mod = (uint8_t)x.mod;
        r.inferred = (uint8_t)x.inferred;
        r.ref_kind = (int8_t)x.ref_kind;
        r.amount = (int32_t)(x.amount > INT32_MAX ? INT32_MAX : x.amount);
        if (!r.mod && prev.kind == KB_DT_WORD) {
            int s;
            if (kb_tx_word(&prev, (const char *const[]){"حتي", "until", NULL}, &s) >= 0)
                r.mod = KB_TMOD_UNTIL;
            else if (kb_tx_word(&prev, (const char *const[]){"بحلول", "by", NULL}, &s) >= 0)
                r.mod = KB_TMOD_BY;
            else if (kb_tx_word(&prev, (const char *const[]){"منذ", "since", NULL}, &s) >= 0)
                r.mod = KB_TMOD_SINCE;
        }
        /* future: what the value says against ref, else what the words say */
        int f = 2;
        if (x.kind == KB_TIMEX_PERIOD || x.kind == KB_TIMEX_REF) f = x.hint;
        else if (x.kind == KB_TIMEX_DURATION || x.kind == KB_TIMEX_SET) f = 0;
        else if (c.ref_day) f = kb_tx_cmp(&r.value, c.ref);
        if (f == 2) f = x.hint;
        r.future = (int8_t)f;
        if (push(&v, &cnt, &cap, &r) != KB_OK) {
            free(v);
            free(win);
            return KB_ENOMEM;
        }
        /* the last token of the expression becomes prev */
        kb_dtok last;
        memset(&last, 0, sizeof last);
        size_t q = x.start;
        while (q < x.end && kb_dsrc_lex(&c.src, q, &last) != KB_DT_END && last.end <= x.end)
            q = last.end;
        prev = last;
        if (prev.end > x.end) prev.kind = KB_DT_END;
        prev_is = PREV_COPY;
        pos = x.end;
    }
    free(win);
    *out = v;
    *n = cnt;
    return KB_OK;
}
