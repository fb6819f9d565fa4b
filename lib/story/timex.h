/* story/timex.h -- time expressions in running text (Arabic first, some
 * English), resolved against a reference date (the publication date), for
 * the story timeline: absolute dates of every format kb_date_find knows,
 * partial ones ("14 يوليو الحالي", "سبتمبر المقبل"), years ("عام 2026",
 * "بحلول 2026"), relative days and periods ("أمس الأربعاء", "الشهر المقبل",
 * "منذ ساعتين", "خلال الـ12 شهراً المقبلة"), weekdays, durations, and the
 * vague references TimeML calls PRESENT_REF / PAST_REF / FUTURE_REF. */
#ifndef KB_STORY_TIMEX_H
#define KB_STORY_TIMEX_H

#include "khabar.h"

typedef enum {
    KB_TIMEX_ABSOLUTE = 1, /* a calendar day (and time) written out; the year
                              may be inferred ("14 يوليو الحالي") */
    KB_TIMEX_MONTH_YEAR,   /* a month: "سبتمبر 2025", "سبتمبر المقبل" */
    KB_TIMEX_YEAR,         /* a year: "عام 2026", "بحلول 2026", "العام 1887";
                              with unit DECADE or CENTURY a decade or century
                              ("السبعينيات", "القرن الماضي"): value is its
                              first year */
    KB_TIMEX_RELATIVE,     /* counted from ref: "أمس", "غدا", "الشهر المقبل",
                              "العام الماضي", "منذ يومين", "الأسبوع المقبل" */
    KB_TIMEX_WEEKDAY,      /* a weekday with no date: "الجمعة", "الأحد المقبل" */
    KB_TIMEX_PERIOD,       /* a span from ref: "خلال الـ12 شهراً المقبلة"
                              (value .. value_end) */
    KB_TIMEX_DURATION,     /* a length of time only: "26 عاما", "يومين" */
    KB_TIMEX_REF,          /* "الآن", "حاليا" (present), "مؤخرا" (past),
                              "قريبا" (future) */
    KB_TIMEX_SET,          /* a repetition: "يوميا", "كل عام" */
} kb_timex_kind;

/* The unit a relative expression, period or duration counts in. */
typedef enum {
    KB_TU_NONE = 0, KB_TU_MINUTE, KB_TU_HOUR, KB_TU_DAY, KB_TU_WEEK,
    KB_TU_MONTH, KB_TU_YEAR, KB_TU_DECADE, KB_TU_CENTURY,
} kb_timex_unit;

/* What a modifier word says about the point in the period. */
typedef enum {
    KB_TMOD_NONE = 0,
    KB_TMOD_START,    /* بداية، مطلع، أوائل: early in it */
    KB_TMOD_MID,      /* منتصف، أواسط */
    KB_TMOD_END,      /* نهاية، أواخر، بنهاية */
    KB_TMOD_UNTIL,    /* حتى: up to it (the word itself is outside the span) */
    KB_TMOD_BY,       /* بحلول: no later than it */
    KB_TMOD_SINCE,    /* منذ 2014 */
    KB_TMOD_LESS,     /* أقل من عشر سنوات */
    KB_TMOD_MORE,     /* أكثر من قرن */
    KB_TMOD_APPROX,   /* نحو 26 عاما */
} kb_timex_mod;

typedef struct kb_timex {
    size_t start, end;           /* byte span of the expression in the text */
    size_t sent_start, sent_end; /* byte span of its sentence */
    kb_date value;               /* resolved date; prec KB_PREC_NONE when it
                                    cannot be resolved (no ref, durations,
                                    sets, past/future references). A weekday
                                    named in the text is in value.weekday. */
    kb_date value_end;           /* KB_TIMEX_PERIOD: its last day (or month);
                                    else prec KB_PREC_NONE */
    uint8_t kind;                /* kb_timex_kind */
    uint8_t unit;                /* kb_timex_unit of relative expressions,
                                    periods, durations and sets */
    uint8_t mod;                 /* kb_timex_mod */
    int8_t future;               /* 1: after ref (promises, deadlines);
                                    -1: before ref; 0: ref's own day/month/
                                    year, or unknown */
    uint8_t inferred;            /* part of the value came from ref */
    int8_t ref_kind;             /* KB_TIMEX_REF: 0 present, -1 past, 1 future */
    int32_t amount;              /* how many units ("منذ ساعتين" 2, "26 عاما"
                                    26); 0 when none */
} kb_timex;

/* Find the time expressions in text[0..len), in text order, without
 * overlaps, resolved against ref (the publication date, at least day
 * precision) or, when ref is NULL or has no day, left unresolved where they
 * depend on it (weekday expressions then keep value.weekday with prec NONE,
 * see kb_timex_resolve_weekday). On KB_OK *out is a malloc'd array of *n
 * entries (NULL when *n is 0) that the caller frees with free(). Returns
 * KB_OK, KB_EINVAL (NULL out or n) or KB_ENOMEM. */
int kb_timex_find(const char *text, size_t len, const kb_date *ref,
                  kb_timex **out, size_t *n);

/* The day with the given weekday (0=Sunday..6=Saturday) nearest to near
 * (at most three days away), day precision, with weekday set. When near has
 * no day, or weekday is out of range, returns a date with prec NONE. */
kb_date kb_timex_resolve_weekday(int weekday, const kb_date *near);

/* The TIMEX3 value of t: "2024-07-23", "2024-07", "2024", "2024-W31",
 * "P12M", "PT2H", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "197" (a
 * decade), "19" (a century), "XXXX-WXX-5" (an unresolved Friday),
 * "XXXX-07-14" (a day and month whose year is unknown). out needs 32 bytes;
 * returns the length. */
size_t kb_timex_value_str(const kb_timex *t, char out[32]);

/* A static English name for a kind ("absolute", "relative"...). */
const char *kb_timex_kind_name(int kind);

#endif
