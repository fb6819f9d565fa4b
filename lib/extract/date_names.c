/* extract/date_names.c -- the words of the date grammar: month names of every
 * series (Egyptian/Gulf, Levantine/Iraqi, Maghrebi, Moroccan, English,
 * French, Hijri), weekday names, Arabic day ordinals and time zones. All
 * literals are in the folded form kb_dlex produces (ا for أ إ آ, ه for ة,
 * ي for ى, Latin lower case without accents). */
#include "extract/date.h"

#include <string.h>

typedef struct month_name {
    const char *w1, *w2;   /* w2: the second word of a two-word name */
    int8_t month, cal, abbr;
} month_name;

static const month_name MONTHS[] = {
    /* Egyptian / Gulf series */
    {"يناير", NULL, 1, KB_CAL_GREG, 0}, {"فبراير", NULL, 2, KB_CAL_GREG, 0},
    {"فبرير", NULL, 2, KB_CAL_GREG, 0}, {"مارس", NULL, 3, KB_CAL_GREG, 0},
    {"ابريل", NULL, 4, KB_CAL_GREG, 0}, {"مايو", NULL, 5, KB_CAL_GREG, 0},
    {"يونيو", NULL, 6, KB_CAL_GREG, 0}, {"يونيه", NULL, 6, KB_CAL_GREG, 0},
    {"يوليو", NULL, 7, KB_CAL_GREG, 0}, {"يوليه", NULL, 7, KB_CAL_GREG, 0},
    {"اغسطس", NULL, 8, KB_CAL_GREG, 0}, {"سبتمبر", NULL, 9, KB_CAL_GREG, 0},
    {"اكتوبر", NULL, 10, KB_CAL_GREG, 0}, {"نوفمبر", NULL, 11, KB_CAL_GREG, 0},
    {"ديسمبر", NULL, 12, KB_CAL_GREG, 0},
    /* Levantine / Iraqi series */
    {"كانون", "الثاني", 1, KB_CAL_GREG, 0}, {"كانون", "ثاني", 1, KB_CAL_GREG, 0},
    {"شباط", NULL, 2, KB_CAL_GREG, 0}, {"اذار", NULL, 3, KB_CAL_GREG, 0},
    {"نيسان", NULL, 4, KB_CAL_GREG, 0}, {"ايار", NULL, 5, KB_CAL_GREG, 0},
    {"مايس", NULL, 5, KB_CAL_GREG, 0}, {"حزيران", NULL, 6, KB_CAL_GREG, 0},
    {"تموز", NULL, 7, KB_CAL_GREG, 0}, {"اب", NULL, 8, KB_CAL_GREG, 0},
    {"ايلول", NULL, 9, KB_CAL_GREG, 0},
    {"تشرين", "الاول", 10, KB_CAL_GREG, 0}, {"تشرين", "اول", 10, KB_CAL_GREG, 0},
    {"تشرين", "الثاني", 11, KB_CAL_GREG, 0}, {"تشرين", "ثاني", 11, KB_CAL_GREG, 0},
    {"كانون", "الاول", 12, KB_CAL_GREG, 0}, {"كانون", "اول", 12, KB_CAL_GREG, 0},
    /* Maghrebi (Algeria, Tunisia) and Moroccan series */
    {"جانفي", NULL, 1, KB_CAL_GREG, 0}, {"فيفري", NULL, 2, KB_CAL_GREG, 0},
    {"افريل", NULL, 4, KB_CAL_GREG, 0}, {"ماي", NULL, 5, KB_CAL_GREG, 0},
    {"جوان", NULL, 6, KB_CAL_GREG, 0}, {"جويليه", NULL, 7, KB_CAL_GREG, 0},
    {"اوت", NULL, 8, KB_CAL_GREG, 0}, {"يوليوز", NULL, 7, KB_CAL_GREG, 0},
    {"غشت", NULL, 8, KB_CAL_GREG, 0}, {"شتنبر", NULL, 9, KB_CAL_GREG, 0},
    {"نونبر", NULL, 11, KB_CAL_GREG, 0}, {"دجنبر", NULL, 12, KB_CAL_GREG, 0},
    /* English */
    {"january", NULL, 1, KB_CAL_GREG, 0}, {"february", NULL, 2, KB_CAL_GREG, 0},
    {"march", NULL, 3, KB_CAL_GREG, 0}, {"april", NULL, 4, KB_CAL_GREG, 0},
    {"may", NULL, 5, KB_CAL_GREG, 0}, {"june", NULL, 6, KB_CAL_GREG, 0},
    {"july", NULL, 7, KB_CAL_GREG, 0}, {"august", NULL, 8, KB_CAL_GREG, 0},
    {"september", NULL, 9, KB_CAL_GREG, 0}, {"october", NULL, 10, KB_CAL_GREG, 0},
    {"november", NULL, 11, KB_CAL_GREG, 0}, {"december", NULL, 12, KB_CAL_GREG, 0},
    {"jan", NULL, 1, KB_CAL_GREG, 1}, {"feb", NULL, 2, KB_CAL_GREG, 1},
    {"mar", NULL, 3, KB_CAL_GREG, 1}, {"apr", NULL, 4, KB_CAL_GREG, 1},
    {"jun", NULL, 6, KB_CAL_GREG, 1}, {"jul", NULL, 7, KB_CAL_GREG, 1},
    {"aug", NULL, 8, KB_CAL_GREG, 1}, {"sep", NULL, 9, KB_CAL_GREG, 1},
    {"sept", NULL, 9, KB_CAL_GREG, 1}, {"oct", NULL, 10, KB_CAL_GREG, 1},
    {"nov", NULL, 11, KB_CAL_GREG, 1}, {"dec", NULL, 12, KB_CAL_GREG, 1},
    /* French (Maghrebi sites write it too) */
    {"janvier", NULL, 1, KB_CAL_GREG, 0}, {"fevrier", NULL, 2, KB_CAL_GREG, 0},
    {"mars", NULL, 3, KB_CAL_GREG, 0}, {"avril", NULL, 4, KB_CAL_GREG, 0},
    {"mai", NULL, 5, KB_CAL_GREG, 0}, {"juin", NULL, 6, KB_CAL_GREG, 0},
    {"juillet", NULL, 7, KB_CAL_GREG, 0}, {"aout", NULL, 8, KB_CAL_GREG, 0},
    {"septembre", NULL, 9, KB_CAL_GREG, 0}, {"octobre", NULL, 10, KB_CAL_GREG, 0},
    {"novembre", NULL, 11, KB_CAL_GREG, 0}, {"decembre", NULL, 12, KB_CAL_GREG, 0},
    /* Hijri */
    {"محرم", NULL, 1, KB_CAL_HIJRI, 0}, {"المحرم", NULL, 1, KB_CAL_HIJRI, 0},
    {"صفر", NULL, 2, KB_CAL_HIJRI, 0},
    {"ربيع", "الاول", 3, KB_CAL_HIJRI, 0}, {"ربيع", "اول", 3, KB_CAL_HIJRI, 0},
    {"ربيع", "الاخر", 4, KB_CAL_HIJRI, 0}, {"ربيع", "اخر", 4, KB_CAL_HIJRI, 0},
    {"ربيع", "الثاني", 4, KB_CAL_HIJRI, 0}, {"ربيع", "ثاني", 4, KB_CAL_HIJRI, 0},
    {"جمادي", "الاولي", 5, KB_CAL_HIJRI, 0}, {"جمادي", "الاول", 5, KB_CAL_HIJRI, 0},
    {"جمادي", "اولي", 5, KB_CAL_HIJRI, 0},
    {"جمادي", "الاخره", 6, KB_CAL_HIJRI, 0}, {"جمادي", "الاخر", 6, KB_CAL_HIJRI, 0},
    {"جمادي", "الثانيه", 6, KB_CAL_HIJRI, 0}, {"جمادي", "الثاني", 6, KB_CAL_HIJRI, 0},
    {"جمادي", "اخره", 6, KB_CAL_HIJRI, 0},
    {"رجب", NULL, 7, KB_CAL_HIJRI, 0}, {"شعبان", NULL, 8, KB_CAL_HIJRI, 0},
    {"رمضان", NULL, 9, KB_CAL_HIJRI, 0}, {"شوال", NULL, 10, KB_CAL_HIJRI, 0},
    {"ذو", "القعده", 11, KB_CAL_HIJRI, 0}, {"ذي", "القعده", 11, KB_CAL_HIJRI, 0},
    {"ذا", "القعده", 11, KB_CAL_HIJRI, 0}, {"ذوالقعده", NULL, 11, KB_CAL_HIJRI, 0},
    {"ذو", "الحجه", 12, KB_CAL_HIJRI, 0}, {"ذي", "الحجه", 12, KB_CAL_HIJRI, 0},
    {"ذا", "الحجه", 12, KB_CAL_HIJRI, 0}, {"ذوالحجه", NULL, 12, KB_CAL_HIJRI, 0},
};

static int same(const kb_dtok *t, const char *w)
{
    /* the first two bytes first: most words fail there */
    if (t->w[0] != w[0] || (w[0] && t->w[1] != w[1])) return 0;
    size_t n = strlen(w);
    return t->wlen == n && memcmp(t->w, w, n) == 0;
}

int kb_dname_month(const char *s, size_t len, const kb_dtok *t, int *cal,
                   size_t *end, int *abbr)
{
    if (t->kind != KB_DT_WORD || t->wlen == 0) return 0;
    int need2 = 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++) {
        const month_name *m = &MONTHS[i];
        if (!same(t, m->w1)) continue;
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
    if (kb_dlex(s, len, t->end, &u) != KB_DT_WORD || u.newline) return 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++) {
        const month_name *m = &MONTHS[i];
        if (m->w2 && same(t, m->w1) && same(&u, m->w2)) {
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
    int8_t wd, abbr;
} day_name;

static const day_name WEEKDAYS[] = {
    {"الاحد", 0, 0}, {"الاثنين", 1, 0}, {"الاثنان", 1, 0}, {"الثلاثاء", 2, 0},
    {"الثلاثا", 2, 0}, {"الاربعاء", 3, 0}, {"الاربعا", 3, 0}, {"الخميس", 4, 0},
    {"الجمعه", 5, 0}, {"السبت", 6, 0},
    {"sunday", 0, 0}, {"monday", 1, 0}, {"tuesday", 2, 0}, {"wednesday", 3, 0},
    {"thursday", 4, 0}, {"friday", 5, 0}, {"saturday", 6, 0},
    {"sun", 0, 1}, {"mon", 1, 1}, {"tue", 2, 1}, {"tues", 2, 1}, {"wed", 3, 1},
    {"thu", 4, 1}, {"thur", 4, 1}, {"thurs", 4, 1}, {"fri", 5, 1}, {"sat", 6, 1},
    {"dimanche", 0, 0}, {"lundi", 1, 0}, {"mardi", 2, 0}, {"mercredi", 3, 0},
    {"jeudi", 4, 0}, {"vendredi", 5, 0}, {"samedi", 6, 0},
};

int kb_dname_weekday(const kb_dtok *t, int *abbr)
{
    if (t->kind != KB_DT_WORD || t->wlen == 0) return -1;
    for (size_t i = 0; i < sizeof WEEKDAYS / sizeof *WEEKDAYS; i++)
        if (same(t, WEEKDAYS[i].w)) {
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

int kb_dname_ordinal(const char *s, size_t len, const kb_dtok *t, size_t *end)
{
    if (t->kind != KB_DT_WORD || t->wlen == 0) return 0;
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
    int k = kb_dlex(s, len, t->end, &u);
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
            if (kb_dlex(s, len, u.end, &v) == KB_DT_WORD && !v.newline) {
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
static int numeric_offset(const char *s, size_t len, size_t pos, int *minutes,
                          size_t *end)
{
    kb_dtok t, u;
    if (kb_dlex(s, len, pos, &t) != KB_DT_PUNCT) return 0;
    int sign;
    if (t.cp == '+') sign = 1;
    else if (t.cp == '-' || t.cp == 0x2212) sign = -1;
    else return 0;
    if (kb_dlex(s, len, t.end, &u) != KB_DT_NUM || u.space) return 0;
    int h, m = 0;
    size_t e = u.end;
    if (u.ndig == 4) { h = (int)(u.val / 100); m = (int)(u.val % 100); }
    else if (u.ndig <= 2) {
        h = (int)u.val;
        kb_dtok c, v;
        if (kb_dlex(s, len, u.end, &c) == KB_DT_PUNCT && c.cp == ':' && !c.space &&
            kb_dlex(s, len, c.end, &v) == KB_DT_NUM && !v.space && v.ndig == 2) {
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

int kb_dname_tz(const char *s, size_t len, size_t pos, int *minutes, size_t *end)
{
    kb_dtok t;
    int k = kb_dlex(s, len, pos, &t);
    if (k == KB_DT_END || t.newline) return 0;
    if (k == KB_DT_PUNCT && t.cp == '(') {
        size_t e;
        kb_dtok c;
        if (!kb_dname_tz(s, len, t.end, minutes, &e)) return 0;
        if (kb_dlex(s, len, e, &c) != KB_DT_PUNCT || c.cp != ')' || c.newline) return 0;
        *end = c.end;
        return 1;
    }
    if (k == KB_DT_PUNCT) {
        /* "10:05 -3" is not a zone; RFC 2822 "10:05:00 +0300" is */
        kb_dtok n;
        if (t.space && (kb_dlex(s, len, t.end, &n) != KB_DT_NUM || n.ndig != 4))
            return 0;
        return numeric_offset(s, len, pos, minutes, end);
    }
    if (k != KB_DT_WORD) return 0;
    if (same(&t, "z") && !t.space) { *minutes = 0; *end = t.end; return 1; }
    if (same(&t, "بتوقيت") || same(&t, "توقيت")) {
        kb_dtok c;
        if (kb_dlex(s, len, t.end, &c) != KB_DT_WORD || c.newline) return 0;
        for (size_t i = 0; i < sizeof CITIES / sizeof *CITIES; i++)
            if (same(&c, CITIES[i].w)) {
                *minutes = CITIES[i].minutes;
                *end = c.end;
                kb_dtok d;
                if (kb_dlex(s, len, c.end, &d) == KB_DT_WORD && !d.newline &&
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
            if (ZONES[i].minutes == 0 && numeric_offset(s, len, t.end, &off, &e)) {
                kb_dtok sgn;
                kb_dlex(s, len, t.end, &sgn);
                if (!sgn.space) { *minutes = off; *end = e; }
            }
            return 1;
        }
    return 0;
}
