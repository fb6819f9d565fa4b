/* story/timex_value.c -- calendar arithmetic for resolved time expressions,
 * the weekday resolver, and TIMEX3 value strings. */
#include "story/timex_int.h"

#include <stdio.h>
#include <string.h>

kb_date kb_tx_day(int64_t days)
{
    return kb_date_from_days(days);
}

kb_date kb_tx_month(int y, int m)
{
    kb_date d;
    memset(&d, 0, sizeof d);
    int mm = m - 1;
    y += mm >= 0 ? mm / 12 : -((11 - mm) / 12);
    mm = ((mm % 12) + 12) % 12;
    d.year = (int16_t)y;
    d.month = (int8_t)(mm + 1);
    d.prec = KB_PREC_MONTH;
    d.weekday = -1;
    return d;
}

kb_date kb_tx_year(int y)
{
    kb_date d;
    memset(&d, 0, sizeof d);
    d.year = (int16_t)y;
    d.prec = KB_PREC_YEAR;
    d.weekday = -1;
    return d;
}

kb_date kb_tx_add(const kb_date *d, int unit, int64_t n)
{
    int64_t days = kb_date_days(d);
    switch (unit) {
    case KB_TU_MINUTE:
    case KB_TU_HOUR:
        /* the reference has no time of day we can trust: count whole days */
        /* "منذ ساعتين" is almost always the same day */
        days += unit == KB_TU_HOUR ? n / 24 : n / 1440;
        return kb_tx_day(days);
    case KB_TU_DAY: return kb_tx_day(days + n);
    case KB_TU_WEEK: return kb_tx_day(days + 7 * n);
    case KB_TU_MONTH:
    case KB_TU_YEAR:
    case KB_TU_DECADE:
    case KB_TU_CENTURY: {
        int64_t months = unit == KB_TU_MONTH ? n : unit == KB_TU_YEAR ? 12 * n :
                         unit == KB_TU_DECADE ? 120 * n : 1200 * n;
        kb_date m = kb_tx_month(d->year, (int)(d->month + months));
        int dim = kb_days_in_month(m.year, m.month);
        m.day = (int8_t)(d->day > dim ? dim : d->day);
        m.prec = KB_PREC_DAY;
        return m;
    }
    default: return *d;
    }
}

int kb_tx_cmp(const kb_date *d, const kb_date *ref)
{
    if (!ref || d->prec == KB_PREC_NONE || ref->prec == KB_PREC_NONE) return 2;
    int p = d->prec < ref->prec ? d->prec : ref->prec;
    if (p > KB_PREC_DAY) p = KB_PREC_DAY;
    int64_t a, b;
    if (p == KB_PREC_DAY) { a = kb_date_days(d); b = kb_date_days(ref); }
    else if (p == KB_PREC_MONTH) { a = d->year * 12 + d->month; b = ref->year * 12 + ref->month; }
    else { a = d->year; b = ref->year; }
    return a < b ? -1 : a > b ? 1 : 0;
}

kb_date kb_timex_resolve_weekday(int weekday, const kb_date *near)
{
    kb_date none;
    memset(&none, 0, sizeof none);
    none.weekday = -1;
    if (!near || near->prec < KB_PREC_DAY || weekday < 0 || weekday > 6) return none;
    int64_t days = kb_date_days(near);
    int delta = (weekday - kb_weekday_of_days(days) + 7) % 7;   /* 0..6 ahead */
    if (delta > 3) delta -= 7;
    kb_date d = kb_tx_day(days + delta);
    d.weekday = (int8_t)weekday;
    return d;
}

static const char *const KIND_NAMES[] = {
    "", "absolute", "month", "year", "relative", "weekday", "period", "duration",
    "ref", "set",
};

const char *kb_timex_kind_name(int kind)
{
    if (kind < 1 || kind > KB_TIMEX_SET) return "unknown";
    return KIND_NAMES[kind];
}

/* "P12M", "PT2H", "P1DE" (decade), "P1CE" (century) */
static size_t duration_str(int unit, int64_t n, char out[32])
{
    const char *u;
    int t = 0;
    switch (unit) {
    case KB_TU_MINUTE: u = "M"; t = 1; break;
    case KB_TU_HOUR: u = "H"; t = 1; break;
    case KB_TU_DAY: u = "D"; break;
    case KB_TU_WEEK: u = "W"; break;
    case KB_TU_MONTH: u = "M"; break;
    case KB_TU_YEAR: u = "Y"; break;
    case KB_TU_DECADE: u = "DE"; break;
    case KB_TU_CENTURY: u = "CE"; break;
    default: out[0] = '\0'; return 0;
    }
    if (n <= 0) n = 1;
    int k = snprintf(out, 32, "P%s%lld%s", t ? "T" : "", (long long)n, u);
    return k < 0 ? 0 : (size_t)k;
}

size_t kb_timex_value_str(const kb_timex *t, char out[32])
{
    out[0] = '\0';
    switch (t->kind) {
    case KB_TIMEX_REF: {
        const char *v = t->ref_kind > 0 ? "FUTURE_REF" : t->ref_kind < 0 ? "PAST_REF"
                                                                       : "PRESENT_REF";
        size_t n = strlen(v);
        memcpy(out, v, n + 1);
        return n;
    }
    case KB_TIMEX_DURATION:
    case KB_TIMEX_SET:
    case KB_TIMEX_PERIOD:
        return duration_str(t->unit, t->amount, out);
    default:
        break;
    }
    if (t->value.prec == KB_PREC_NONE) {
        if (t->value.month >= 1 && t->value.day >= 1) {
            int k = snprintf(out, 32, "XXXX-%02d-%02d", t->value.month, t->value.day);
            return k < 0 ? 0 : (size_t)k;
        }
        if (t->value.weekday >= 0) {
            int iso = t->value.weekday == 0 ? 7 : t->value.weekday;
            int k = snprintf(out, 32, "XXXX-WXX-%d", iso);
            return k < 0 ? 0 : (size_t)k;
        }
        return 0;
    }
    if (t->kind == KB_TIMEX_YEAR && (t->unit == KB_TU_DECADE || t->unit == KB_TU_CENTURY)) {
        int k = snprintf(out, 32, "%d", t->unit == KB_TU_DECADE ? t->value.year / 10
                                                                 : t->value.year / 100);
        return k < 0 ? 0 : (size_t)k;
    }
    if (t->kind == KB_TIMEX_RELATIVE && t->unit == KB_TU_WEEK &&
        t->value.prec >= KB_PREC_DAY) {
        /* ISO week: the week of the Thursday of the date's week */
        int64_t days = kb_date_days(&t->value);
        int wd = kb_weekday_of_days(days);
        int64_t thu = days - ((wd + 6) % 7) + 3;
        kb_date th = kb_tx_day(thu);
        int64_t jan1 = kb_days_from_civil(th.year, 1, 1);
        int week = (int)((thu - jan1) / 7) + 1;
        int k = snprintf(out, 32, "%04d-W%02d", th.year, week);
        return k < 0 ? 0 : (size_t)k;
    }
    return kb_date_iso(&t->value, out);
}
