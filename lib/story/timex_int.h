/* story/timex_int.h -- internals shared by the time expression tagger's
 * files: timex.c (the scanner), timex_words.c (word lists), timex_value.c
 * (calendar arithmetic and TIMEX3 values). Not part of any public API. */
#ifndef KB_STORY_TIMEX_INT_H
#define KB_STORY_TIMEX_INT_H

#include "text/date.h"
#include "story/timex.h"

/* ---- words (timex_words.c); every list is NULL-terminated, folded forms */

/* Index of w[0..wl) in list, or -1. */
int kb_tx_in(const char *w, size_t wl, const char *const *list);

/* Match word token t, or t without a leading proclitic (و ف, then ب ل ك;
 * "لل" read as ل + "ال"), against list. Returns the index or -1; *strip gets
 * the number of letters cut off the front. */
int kb_tx_word(const kb_dtok *t, const char *const *list, int *strip);

/* Byte offset after skipping n letters (and their marks) from pos. */
size_t kb_tx_skip_letters(const char *s, size_t len, size_t pos, int n);

extern const char *const KB_TX_FUTURE[];   /* المقبل القادم ... */
extern const char *const KB_TX_PAST[];     /* الماضي المنصرم الفائت ... */
extern const char *const KB_TX_CURRENT[];  /* الجاري الحالي */
extern const char *const KB_TX_MOD_START[];
extern const char *const KB_TX_MOD_MID[];
extern const char *const KB_TX_MOD_END[];
extern const char *const KB_TX_PART_OF_DAY[]; /* صباح مساء ظهر ... */
extern const char *const KB_TX_YEAR_WORD[];   /* عام العام سنه عامي */
extern const char *const KB_TX_YEAR_PREP[];   /* في منذ حتى بحلول خلال ... */
extern const char *const KB_TX_COUNT_NOUN[];  /* دولار شخص ... after a number */
extern const char *const KB_TX_PRESENT[];
extern const char *const KB_TX_PAST_REF[];
extern const char *const KB_TX_FUTURE_REF[];
extern const char *const KB_TX_FUTURE_CUE[];  /* سوف المقرر المتوقع ... */
extern const char *const KB_TX_NOT_FUTURE_VERB[]; /* سياسه سياره سنوات ... */

/* A time unit word: returns the unit and *count (1 singular, 2 dual, 0 a
 * plural that needs a number); *definite when written with ال. 0: none. */
int kb_tx_unit(const kb_dtok *t, int *count, int *definite);

/* A number written in words or digits at pos ("12", "الـ12", "خمسة وتسعين",
 * "الستة", "ثلاث"): returns 1, *val and *end. */
int kb_tx_count(kb_dsrc *src, size_t pos, int64_t *val, size_t *end);

/* ---- calendar helpers (timex_value.c) */

kb_date kb_tx_day(int64_t days);                 /* day precision, weekday -1 */
kb_date kb_tx_month(int y, int m);               /* month precision, m normalised */
kb_date kb_tx_year(int y);
/* Add n units to a date of at least day precision (months and years keep
 * the day, clamped to the month's length). */
kb_date kb_tx_add(const kb_date *d, int unit, int64_t n);
/* -1, 0, 1 comparing d with ref at d's precision; 2 when either is unknown. */
int kb_tx_cmp(const kb_date *d, const kb_date *ref);

#endif
