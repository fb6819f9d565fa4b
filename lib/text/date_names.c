/* text/date_names.c -- the words of the date grammar: month names of every
 * series (Egyptian/Gulf, Levantine/Iraqi, Maghrebi, Moroccan, English,
 * French, Hijri), weekday names, Arabic day ordinals and time zones. All
 * literals are in the folded form kb_dlex produces (ا for أ إ آ, ه for ة,
 * ي for ى, Latin lower case without accents). */
#include "text/date.h"

#include <string.h>

typedef struct month_name {
    const char *w1, *w2;   /* w2: the second word of a two-word name */
    uint8_t l1, l2;        /* their lengths in bytes */
    int8_t month, cal, abbr;
} month_name;

/* Lengths come from sizeof, so that no lookup measures a string. */
#define M1(w, m, c, a) {w, NULL, sizeof(w) - 1, 0, m, c, a}
#define M2(w, w2, m, c) {w, w2, sizeof(w) - 1, sizeof(w2) - 1, m, c, 0}

static const month_name MONTHS[] = {
    /* Egyptian / Gulf series */
    M1("يناير", 1, KB_CAL_GREG, 0), M1("فبراير", 2, KB_CAL_GREG, 0),
    M1("فبرير", 2, KB_CAL_GREG, 0), M1("مارس", 3, KB_CAL_GREG, 0),
    M1("ابريل", 4, KB_CAL_GREG, 0), M1("مايو", 5, KB_CAL_GREG, 0),
    M1("يونيو", 6, KB_CAL_GREG, 0), M1("يونيه", 6, KB_CAL_GREG, 0),
    M1("يوليو", 7, KB_CAL_GREG, 0), M1("يوليه", 7, KB_CAL_GREG, 0),
    M1("اغسطس", 8, KB_CAL_GREG, 0), M1("سبتمبر", 9, KB_CAL_GREG, 0),
    M1("اكتوبر", 10, KB_CAL_GREG, 0), M1("نوفمبر", 11, KB_CAL_GREG, 0),
    M1("ديسمبر", 12, KB_CAL_GREG, 0),
    /* Levantine / Iraqi series */
    M2("كانون", "الثاني", 1, KB_CAL_GREG), M2("كانون", "ثاني", 1, KB_CAL_GREG),
    M1("شباط", 2, KB_CAL_GREG, 0), M1("اذار", 3, KB_CAL_GREG, 0),
    M1("نيسان", 4, KB_CAL_GREG, 0), M1("ايار", 5, KB_CAL_GREG, 0),
    M1("مايس", 5, KB_CAL_GREG, 0), M1("حزيران", 6, KB_CAL_GREG, 0),
    M1("تموز", 7, KB_CAL_GREG, 0), M1("اب", 8, KB_CAL_GREG, 0),
    M1("ايلول", 9, KB_CAL_GREG, 0),
    M2("تشرين", "الاول", 10, KB_CAL_GREG), M2("تشرين", "اول", 10, KB_CAL_GREG),
    M2("تشرين", "الثاني", 11, KB_CAL_GREG), M2("تشرين", "ثاني", 11, KB_CAL_GREG),
    M2("كانون", "الاول", 12, KB_CAL_GREG), M2("كانون", "اول", 12, KB_CAL_GREG),
    /* Maghrebi (Algeria, Tunisia) and Moroccan series */
    M1("جانفي", 1, KB_CAL_GREG, 0), M1("فيفري", 2, KB_CAL_GREG, 0),
    M1("افريل", 4, KB_CAL_GREG, 0), M1("ماي", 5, KB_CAL_GREG, 0),
    M1("جوان", 6, KB_CAL_GREG, 0), M1("جويليه", 7, KB_CAL_GREG, 0),
    M1("اوت", 8, KB_CAL_GREG, 0), M1("يوليوز", 7, KB_CAL_GREG, 0),
    M1("غشت", 8, KB_CAL_GREG, 0), M1("شتنبر", 9, KB_CAL_GREG, 0),
    M1("نونبر", 11, KB_CAL_GREG, 0), M1("دجنبر", 12, KB_CAL_GREG, 0),
    /* English */
    M1("january", 1, KB_CAL_GREG, 0), M1("february", 2, KB_CAL_GREG, 0),
    M1("march", 3, KB_CAL_GREG, 0), M1("april", 4, KB_CAL_GREG, 0),
    M1("may", 5, KB_CAL_GREG, 0), M1("june", 6, KB_CAL_GREG, 0),
    M1("july", 7, KB_CAL_GREG, 0), M1("august", 8, KB_CAL_GREG, 0),
    M1("september", 9, KB_CAL_GREG, 0), M1("october", 10, KB_CAL_GREG, 0),
    M1("november", 11, KB_CAL_GREG, 0), M1("december", 12, KB_CAL_GREG, 0),
    M1("jan", 1, KB_CAL_GREG, 1), M1("feb", 2, KB_CAL_GREG, 1),
    M1("mar", 3, KB_CAL_GREG, 1), M1("apr", 4, KB_CAL_GREG, 1),
    M1("jun", 6, KB_CAL_GREG, 1), M1("jul", 7, KB_CAL_GREG, 1),
    M1("aug", 8, KB_CAL_GREG, 1), M1("sep", 9, KB_CAL_GREG, 1),
    M1("sept", 9, KB_CAL_GREG, 1), M1("oct", 10, KB_CAL_GREG, 1),
    M1("nov", 11, KB_CAL_GREG, 1), M1("dec", 12, KB_CAL_GREG, 1),
    /* French (Maghrebi sites write it too) */
    M1("janvier", 1, KB_CAL_GREG, 0), M1("fevrier", 2, KB_CAL_GREG, 0),
    M1("mars", 3, KB_CAL_GREG, 0), M1("avril", 4, KB_CAL_GREG, 0),
    M1("mai", 5, KB_CAL_GREG, 0), M1("juin", 6, KB_CAL_GREG, 0),
    M1("juillet", 7, KB_CAL_GREG, 0), M1("aout", 8, KB_CAL_GREG, 0),
    M1("septembre", 9, KB_CAL_GREG, 0), M1("octobre", 10, KB_CAL_GREG, 0),
    M1("novembre", 11, KB_CAL_GREG, 0), M1("decembre", 12, KB_CAL_GREG, 0),
    /* Hijri */
    M1("محرم", 1, KB_CAL_HIJRI, 0), M1("المحرم", 1, KB_CAL_HIJRI, 0),
    M1("صفر", 2, KB_CAL_HIJRI, 0),
    M2("ربيع", "الاول", 3, KB_CAL_HIJRI), M2("ربيع", "اول", 3, KB_CAL_HIJRI),
    M2("ربيع", "الاخر", 4, KB_CAL_HIJRI), M2("ربيع", "اخر", 4, KB_CAL_HIJRI),
    M2("ربيع", "الثاني", 4, KB_CAL_HIJRI), M2("ربيع", "ثاني", 4, KB_CAL_HIJRI),
    M2("جمادي", "الاولي", 5, KB_CAL_HIJRI), M2("جمادي", "الاول", 5, KB_CAL_HIJRI),
    M2("جمادي", "اولي", 5, KB_CAL_HIJRI),
    M2("جمادي", "الاخره", 6, KB_CAL_HIJRI), M2("جمادي", "الاخر", 6, KB_CAL_HIJRI),
    M2("جمادي", "الثانيه", 6, KB_CAL_HIJRI), M2("جمادي", "الثاني", 6, KB_CAL_HIJRI),
    M2("جمادي", "اخره", 6, KB_CAL_HIJRI),
    M1("رجب", 7, KB_CAL_HIJRI, 0), M1("شعبان", 8, KB_CAL_HIJRI, 0),
    M1("رمضان", 9, KB_CAL_HIJRI, 0), M1("شوال", 10, KB_CAL_HIJRI, 0),
    M2("ذو", "القعده", 11, KB_CAL_HIJRI), M2("ذي", "القعده", 11, KB_CAL_HIJRI),
    M2("ذا", "القعده", 11, KB_CAL_HIJRI), M1("ذوالقعده", 11, KB_CAL_HIJRI, 0),
    M2("ذو", "الحجه", 12, KB_CAL_HIJRI), M2("ذي", "الحجه", 12, KB_CAL_HIJRI),
    M2("ذا", "الحجه", 12, KB_CAL_HIJRI), M1("ذوالحجه", 12, KB_CAL_HIJRI, 0),
};

static int same(const kb_dtok *t, const char *w)
{
    size_t n = strlen(w);
    return t->wlen == n && memcmp(t->w, w, n) == 0;
}

static int same_n(const kb_dtok *t, const char *w, size_t n)
{
    return t->wlen == n && memcmp(t->w, w, n) == 0;
}

int kb_dname_month(kb_dsrc *src, const kb_dtok *t, int *cal, size_t *end, int *abbr)
{
    /* the word table holds every name's first word: most words stop here */
    if (t->kind != KB_DT_WORD || !(kb_dword_class(t->w, t->wlen) & KB_DW_DATE)) return 0;
    int need2 = 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++) {
        const month_name *m = &MONTHS[i];
        if (!same_n(t, m->w1, m->l1)) continue;
        if (!m->w2) {
            *cal = m->cal;
            *end = t->end;
            *abbr = m->abbr;
            return m->month;
        }
        need2 = 1;
        break;
    }
    if (!need2) return 0;
    kb_dtok u;
    if (kb_dsrc_lex(src, t->end, &u) != KB_DT_WORD || u.newline) return 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++) {
        const month_name *m = &MONTHS[i];
        if (m->w2 && same_n(t, m->w1, m->l1) && same_n(&u, m->w2, m->l2)) {
            *cal = m->cal;
            *end = u.end;
            *abbr = 0;
            return m->month;
        }
    }
    return 0;
}

typedef struct day_name {
    const char *w;
    uint8_t len;
    int8_t wd, abbr;
} day_name;
#define D(w, wd, a) {w, sizeof(w) - 1, wd, a}

static const day_name WEEKDAYS[] = {
    D("الاحد", 0, 0), D("الاثنين", 1, 0), D("الاثنان", 1, 0), D("الثلاثاء", 2, 0),
    D("الثلاثا", 2, 0), D("الاربعاء", 3, 0), D("الاربعا", 3, 0), D("الخميس", 4, 0),
    D("الجمعه", 5, 0), D("السبت", 6, 0),
    D("sunday", 0, 0), D("monday", 1, 0), D("tuesday", 2, 0), D("wednesday", 3, 0),
    D("thursday", 4, 0), D("friday", 5, 0), D("saturday", 6, 0),
    D("sun", 0, 1), D("mon", 1, 1), D("tue", 2, 1), D("tues", 2, 1), D("wed", 3, 1),
    D("thu", 4, 1), D("thur", 4, 1), D("thurs", 4, 1), D("fri", 5, 1), D("sat", 6, 1),
    D("dimanche", 0, 0), D("lundi", 1, 0), D("mardi", 2, 0), D("mercredi", 3, 0),
    D("jeudi", 4, 0), D("vendredi", 5, 0), D("samedi", 6, 0),
};

int kb_dname_weekday(const kb_dtok *t, int *abbr)
{
    if (t->kind != KB_DT_WORD || !(kb_dword_class(t->w, t->wlen) & KB_DW_DATE)) return -1;
    for (size_t i = 0; i < sizeof WEEKDAYS / sizeof *WEEKDAYS; i++)
        if (same_n(t, WEEKDAYS[i].w, WEEKDAYS[i].len)) {
            *abbr = WEEKDAYS[i].abbr;
            return WEEKDAYS[i].wd;
        }
    return -1;
}

/* Ordinal units as written for a day: "الحادي" only before a ten. */
static const char *const UNITS[] = {
    "الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
    "الثامن", "التاسع",
};

int kb_dname_ordinal(kb_dsrc *src, const kb_dtok *t, size_t *end)
{
    if (t->kind != KB_DT_WORD || !(kb_dword_class(t->w, t->wlen) & KB_DW_DATE)) return 0;
    if (same(t, "العاشر")) { *end = t->end; return 10; }
    if (same(t, "العشرين") || same(t, "العشرون")) { *end = t->end; return 20; }
    if (same(t, "الثلاثين") || same(t, "الثلاثون")) { *end = t->end; return 30; }
    int unit = 0;
    if (same(t, "الاول")) unit = -1;   /* first: never before a ten */
    for (int i = 0; i < 9 && !unit; i++)
        if (same(t, UNITS[i])) unit = i + 1;
    if (!unit) return 0;
    if (unit == -1) { *end = t->end; return 1; }
    kb_dtok u;
    int k = kb_dsrc_lex(src, t->end, &u);
    if (k == KB_DT_WORD && !u.newline) {
        if (same(&u, "عشر") || same(&u, "عشره")) {
            *end = u.end;
            return unit + 10;
        }
        int tens = 0;
        size_t e = u.end;
        if (same(&u, "والعشرين") || same(&u, "والعشرون")) tens = 20;
        else if (same(&u, "والثلاثين") || same(&u, "والثلاثون")) tens = 30;
        else if (same(&u, "و")) {
            kb_dtok v;
            if (kb_dsrc_lex(src, u.end, &v) == KB_DT_WORD && !v.newline) {
                if (same(&v, "العشرين") || same(&v, "العشرون")) tens = 20;
                else if (same(&v, "الثلاثين") || same(&v, "الثلاثون")) tens = 30;
                e = v.end;
            }
        }
        if (tens && unit + tens <= 31) {
            *end = e;
            return unit + tens;
        }
    }
    if (unit == 1) return 0;   /* "الحادي" alone is no day */
    *end = t->end;
    return unit;
}

/* "+03:00", "+0300", "+03", "+3" at byte pos (the sign included). */
static int numeric_offset(kb_dsrc *src, size_t pos, int *minutes, size_t *end)
{
    kb_dtok t, u;
    if (kb_dsrc_lex(src, pos, &t) != KB_DT_PUNCT) return 0;
    int sign;
    if (t.cp == '+') sign = 1;
    else if (t.cp == '-' || t.cp == 0x2212) sign = -1;
    else return 0;
    if (kb_dsrc_lex(src, t.end, &u) != KB_DT_NUM || u.space) return 0;
    int h, m = 0;
    size_t e = u.end;
    if (u.ndig == 4) { h = (int)(u.val / 100); m = (int)(u.val % 100); }
    else if (u.ndig <= 2) {
        h = (int)u.val;
        kb_dtok c, v;
        if (kb_dsrc_lex(src, u.end, &c) == KB_DT_PUNCT && c.cp == ':' && !c.space &&
            kb_dsrc_lex(src, c.end, &v) == KB_DT_NUM && !v.space && v.ndig == 2) {
            m = (int)v.val;
            e = v.end;
        }
    } else return 0;
    if (h > 14 || m > 59) return 0;
    *minutes = sign * (h * 60 + m);
    *end = e;
    return 1;
}

typedef struct zone_name {
    const char *w;
    int16_t minutes;
} zone_name;

/* Fixed offsets only: zones whose offset changes with the season (Cairo,
 * Beirut) are left alone rather than guessed. */
static const zone_name ZONES[] = {
    {"gmt", 0}, {"utc", 0}, {"ut", 0}, {"wet", 0}, {"west", 60}, {"bst", 60},
    {"cet", 60}, {"cest", 120}, {"eet", 120}, {"eest", 180}, {"msk", 180},
    {"ksa", 180}, {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
    {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"غرينتش", 0}, {"جرينتش", 0}, {"غرينيتش", 0}, {"جرينيتش", 0},
};

static const zone_name CITIES[] = {
    {"غرينتش", 0}, {"جرينتش", 0}, {"غرينيتش", 0}, {"جرينيتش", 0},
    {"مكه", 180}, {"السعوديه", 180}, {"الرياض", 180}, {"الدوحه", 180},
    {"بغداد", 180}, {"الكويت", 180}, {"المنامه", 180}, {"ابوظبي", 240},
    {"الامارات", 240}, {"دبي", 240}, {"مسقط", 240},
};

static int zone_at(kb_dsrc *src, size_t pos, int paren, int *minutes, size_t *end);

int kb_dname_tz(kb_dsrc *src, size_t pos, int *minutes, size_t *end)
{
    return zone_at(src, pos, 1, minutes, end);
}

/* paren: one '(' may open the zone (never a second: "((((" cannot recurse) */
static int zone_at(kb_dsrc *src, size_t pos, int paren, int *minutes, size_t *end)
{
    kb_dtok t;
    int k = kb_dsrc_lex(src, pos, &t);
    if (k == KB_DT_END || t.newline) return 0;
    if (k == KB_DT_PUNCT && t.cp == '(') {
        size_t e;
        kb_dtok c;
        if (!paren || !zone_at(src, t.end, 0, minutes, &e)) return 0;
        if (kb_dsrc_lex(src, e, &c) != KB_DT_PUNCT || c.cp != ')' || c.newline) return 0;
        *end = c.end;
        return 1;
    }
    if (k == KB_DT_PUNCT) {
        /* "10:05 -3" is not a zone; RFC 2822 "10:05:00 +0300" is */
        kb_dtok n;
        if (t.space && (kb_dsrc_lex(src, t.end, &n) != KB_DT_NUM || n.ndig != 4))
            return 0;
        return numeric_offset(src, pos, minutes, end);
    }
    if (k != KB_DT_WORD) return 0;
    if (same(&t, "z") && !t.space) { *minutes = 0; *end = t.end; return 1; }
    if (same(&t, "بتوقيت") || same(&t, "توقيت")) {
        kb_dtok c;
        if (kb_dsrc_lex(src, t.end, &c) != KB_DT_WORD || c.newline) return 0;
        for (size_t i = 0; i < sizeof CITIES / sizeof *CITIES; i++)
            if (same(&c, CITIES[i].w)) {
                *minutes = CITIES[i].minutes;
                *end = c.end;
                kb_dtok d;
                if (kb_dsrc_lex(src, c.end, &d) == KB_DT_WORD && !d.newline &&
                    same(&d, "المكرمه"))
                    *end = d.end;
                return 1;
            }
        return 0;
    }
    for (size_t i = 0; i < sizeof ZONES / sizeof *ZONES; i++)
        if (same(&t, ZONES[i].w)) {
            *minutes = ZONES[i].minutes;
            *end = t.end;
            int off;
            size_t e;
            if (ZONES[i].minutes == 0 && numeric_offset(src, t.end, &off, &e)) {
                kb_dtok sgn;
                kb_dsrc_lex(src, t.end, &sgn);
                if (!sgn.space) { *minutes = off; *end = e; }
            }
            return 1;
        }
    return 0;
}
