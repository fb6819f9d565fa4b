/* text/date.h -- internal interface of the date grammar (date_lex.c,
 * date_names.c, date_cal.c, date_parse.c, date.c), shared with the time
 * expression tagger (story/timex.c). Not part of the public API.
 *
 * The grammar works on a stream of small tokens read on demand from the raw
 * UTF-8 text, so every span is a byte span of the original. Words are folded
 * while they are read (harakat and tatweel dropped, alef forms -> ا, ة -> ه,
 * ى -> ي, Persian ی ک -> ي ك, Latin lower-cased and unaccented); digits of the
 * three systems (ASCII, Arabic-Indic, Persian) are read as numbers. */
#ifndef KB_TEXT_DATE_H
#define KB_TEXT_DATE_H

#include "khabar.h"

/* ---------------------------------------------------------------- lexer */

enum { KB_DT_END = 0, KB_DT_NUM, KB_DT_WORD, KB_DT_PUNCT };
#define KB_DT_WORDMAX 48

typedef struct kb_dtok {
    int kind;             /* KB_DT_* */
    size_t start, end;    /* byte span of the token */
    int space;            /* white space stood before it */
    int newline;          /* a line break stood before it */
    /* NUM */
    int ndig;             /* digits in the run */
    int64_t val;          /* value (saturates past 18 digits) */
    int64_t val4;         /* value of the first 4 digits */
    size_t split4;        /* byte offset after the 4th digit (ndig > 4) */
    /* WORD: folded form, NUL-terminated; wlen 0 when longer than the buffer */
    char w[KB_DT_WORDMAX];
    size_t wlen;
    /* PUNCT: the code point (-1 for an invalid byte) */
    int32_t cp;
} kb_dtok;

/* Read the token at or after byte pos (white space skipped). Returns
 * t->kind; KB_DT_END at the end of the text. Never fails. */
int kb_dlex(const char *s, size_t len, size_t pos, kb_dtok *t);

/* True when the word token's folded form is w (a NUL-terminated literal). */
int kb_dword(const kb_dtok *t, const char *w);

/* The classes of a folded word: KB_DW_DATE when a date can open with it (a
 * weekday, a month name's first word, a day ordinal, "ال"); KB_DW_TX_* for
 * each pattern of the time expression tagger (story/timex.c) that can open
 * with it (the tagger also looks a word up behind its proclitics); 0 for
 * most words. A hash lookup in the table lib/text/date_words.py writes from
 * the grammar's word tables and the patterns' first-token tests. */
enum {
    KB_DW_DATE = 1 << 0,
    KB_DW_TX_RELDAY = 1 << 1,    /* p_relday: اليوم أمس غدا ... */
    KB_DW_TX_MOD = 1 << 2,       /* p_mod: نهاية مطلع منتصف ... */
    KB_DW_TX_DATE = 1 << 3,      /* p_date: the DATE words */
    KB_DW_TX_YEAR = 1 << 4,      /* p_year: عام العام سنة */
    KB_DW_TX_WEEKDAY = 1 << 5,   /* p_weekday */
    KB_DW_TX_PNOUN = 1 << 6,     /* p_period_noun: الأسبوع الشهر هذا ... */
    KB_DW_TX_MONTH = 1 << 7,     /* p_month: شهر and month names */
    KB_DW_TX_AGO = 1 << 8,       /* p_ago: منذ قبل بعد */
    KB_DW_TX_PERIOD = 1 << 9,    /* p_period: خلال في, counts and units */
    KB_DW_TX_DURATION = 1 << 10, /* dur_core: أقل أكثر نحو, counts and units */
    KB_DW_TX_REF = 1 << 11,      /* p_ref: الآن مؤخرا قريبا في هذه */
    KB_DW_TX_SET = 1 << 12,      /* p_set: يوميا كل */
    KB_DW_TX_DECADE = 1 << 13,   /* p_decade: السبعينيات القرن */
};
unsigned kb_dword_class(const char *w, size_t len);

/* A text under the grammar, with an optional window of the tokens kb_dlex
 * reads walking it from byte 0, so that the grammar, which reads the same
 * tokens again and again from many starting points, lexes each once. The
 * window lives in a buffer the caller owns; tokens are read into it on
 * demand and the oldest dropped when it is full. Any position the window
 * cannot answer for (inside a token, before the window, in the middle of
 * white space) is read with kb_dlex, so results never depend on the window. */
typedef struct kb_dsrc {
    const char *s;
    size_t len;
    kb_dtok *v;       /* window: v[i] is kb_dlex(from(i)), from(i) the end of
                         v[i-1] (v[0]: from0); NULL for none */
    size_t n, cap;    /* tokens held, room */
    size_t from0;
    size_t hint;      /* index of the last token read */
} kb_dsrc;

/* A source over s[0..len) with buf[0..cap) as its window (buf NULL or cap
 * below 4: no window, every read is kb_dlex). Never fails. */
void kb_dsrc_init(kb_dsrc *src, const char *s, size_t len, kb_dtok *buf, size_t cap);

/* Exactly kb_dlex(src->s, src->len, pos, t). */
int kb_dsrc_lex(kb_dsrc *src, size_t pos, kb_dtok *t);

/* The token kb_dlex would read at pos, in the window, without a copy: for
 * walking a text token by token (pos the end of the token before). NULL
 * when the window cannot give it as it is (then use kb_dsrc_lex). Valid
 * until the next read from src. */
const kb_dtok *kb_dsrc_peek(kb_dsrc *src, size_t pos);

/* ---------------------------------------------------------------- names */

enum { KB_CAL_GREG = 0, KB_CAL_HIJRI = 1 };

/* A month name at word token t (a second word is read for كانون الثاني,
 * ربيع الأول, ذو الحجة...). Returns 1..12 and sets *cal and *end (byte after
 * the name), or 0 when t names no month. *abbr is set to 1 for a three-letter
 * Latin abbreviation ("Jan"). */
int kb_dname_month(kb_dsrc *src, const kb_dtok *t, int *cal, size_t *end, int *abbr);

/* What kind of one-word month name word token t is: KB_DMK_FULL ("marzo",
 * "mars", "октября", "يوليو"), KB_DMK_ABBR ("Jan", "dic"), KB_DMK_WORD (an
 * English name that is also a common word: "may", "march"), KB_DMK_ABBR_WORD
 * (an abbreviation that is an English word: "ago", "set", "out"); -1 when
 * it is none. Lower-case names stand before a year alone only when FULL. */
enum { KB_DMK_FULL = 0, KB_DMK_ABBR = 1, KB_DMK_WORD = 2, KB_DMK_ABBR_WORD = 3 };
int kb_dname_month_kind(const kb_dtok *t);

/* Weekday named by word token t: 0=Sunday..6=Saturday, or -1. *abbr is set
 * for Latin abbreviations ("Tue"). */
int kb_dname_weekday(const kb_dtok *t, int *abbr);

/* A day of the month written as an Arabic ordinal ("الأول", "الحادي عشر",
 * "الثاني والعشرين") starting at word token t: returns 1..31 and *end, or 0. */
int kb_dname_ordinal(kb_dsrc *src, const kb_dtok *t, size_t *end);

/* A time zone written after a time of day ("GMT", "UTC+3", "+03:00",
 * "(GMT+0400)", "بتوقيت غرينتش", "(توقيت مكة)", "KSA"...) at byte pos: returns 1,
 * the offset in minutes and *end; 0 when none. */
int kb_dname_tz(kb_dsrc *src, size_t pos, int *minutes, size_t *end);

/* ---------------------------------------------------------------- calendars */

/* Proleptic Gregorian: days since 1970-01-01 and back. */
int64_t kb_days_from_civil(int y, int m, int d);
void kb_civil_from_days(int64_t days, int *y, int *m, int *d);
int kb_days_in_month(int y, int m);
/* 0=Sunday..6=Saturday of a day number. */
int kb_weekday_of_days(int64_t days);

/* Tabular (arithmetical) Islamic calendar, civil epoch (1 Muharram 1 AH =
 * Friday 16 July 622 Julian), leap years 2 5 7 10 13 16 18 21 24 26 29 of
 * each 30. Real (sighted or Umm al-Qura) dates differ by a day either way. */
int64_t kb_hijri_to_days(int y, int m, int d);
void kb_hijri_from_days(int64_t days, int *y, int *m, int *d);

/* ---------------------------------------------------------------- grammar */

enum {
    KB_DPO_PARTIAL = 1 << 0,   /* also accept a day and month with no year
                                  (date.year = 0, prec DAY, KB_DP_NOYEAR) */
};
enum {
    KB_DP_NOYEAR = 1 << 0,     /* the year was not written */
    KB_DP_RANGE = 1 << 1,      /* "19-21 شوال": date is the first day */
    KB_DP_NUMERIC = 1 << 2,    /* written in digits only (23/07/2024) */
    KB_DP_MONTHNAME = 1 << 3,  /* a month name was written */
};

typedef struct kb_dparse {
    size_t start, end;   /* byte span */
    kb_date date;
    unsigned flags;      /* KB_DP_* */
} kb_dparse;

/* Parse the date that begins with the token at byte pos (pos is the start
 * of a token; a weekday, an Arabic ordinal or a time of day may lead). Returns
 * 1 and fills *out, or 0. Never fails. */
int kb_date_parse_at(kb_dsrc *src, size_t pos, unsigned opts, kb_dparse *out);

/* Find the first date at or after byte pos, as kb_date_find does, with the
 * options above. Returns 1 and *out, or 0. */
int kb_date_scan(kb_dsrc *src, size_t pos, unsigned opts, kb_dparse *out);

#endif
