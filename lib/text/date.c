/* text/date.c -- the public date API: ISO 8601 / RFC 3339 writing and
 * parsing (meta tags, JSON-LD), RFC 2822 (HTTP headers, feeds), day numbers,
 * and kb_date_find over running text (the grammar is in date_parse.c). */
#include "text/date.h"

#include <stdio.h>
#include <string.h>

size_t kb_date_iso(const kb_date *d, char out[32])
{
    int n = 0;
    out[0] = '\0';
    if (!d || d->prec <= KB_PREC_NONE) return 0;
    int y = d->year < 0 ? 0 : d->year > 9999 ? 9999 : d->year;
    n = snprintf(out, 32, "%04d", y);
    if (d->prec >= KB_PREC_MONTH)
        n += snprintf(out + n, 32 - (size_t)n, "-%02d", d->month);
    if (d->prec >= KB_PREC_DAY)
        n += snprintf(out + n, 32 - (size_t)n, "-%02d", d->day);
    if (d->prec >= KB_PREC_MINUTE) {
        n += snprintf(out + n, 32 - (size_t)n, "T%02d:%02d", d->hour, d->minute);
        if (d->prec >= KB_PREC_SECOND)
            n += snprintf(out + n, 32 - (size_t)n, ":%02d", d->second);
        if (d->has_tz) {
            if (d->tz_minutes == 0) {
                out[n++] = 'Z';
                out[n] = '\0';
            } else {
                int tz = d->tz_minutes < 0 ? -d->tz_minutes : d->tz_minutes;
                n += snprintf(out + n, 32 - (size_t)n, "%c%02d:%02d",
                              d->tz_minutes < 0 ? '-' : '+', tz / 60, tz % 60);
            }
        }
    }
    return (size_t)n;
}

/* n ASCII digits at s[*i]; -1 when they are not there. */
static int digits(const char *s, size_t len, size_t *i, int n)
{
    int v = 0;
    for (int k = 0; k < n; k++) {
        if (*i >= len || s[*i] < '0' || s[*i] > '9') return -1;
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    return v;
}

int kb_date_parse_iso(const char *s, size_t len, kb_date *out)
{
    if (!s || !out) return KB_EINVAL;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                   s[len - 1] == '\r'))
        len--;
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    kb_date d;
    memset(&d, 0, sizeof d);
    d.weekday = -1;
    int y = digits(s, len, &i, 4);
    if (y < 1) return KB_EFORMAT;
    d.year = (int16_t)y;
    d.prec = KB_PREC_YEAR;
    if (i < len && s[i] >= '0' && s[i] <= '9') {
        /* basic format 20240723 */
        int m = digits(s, len, &i, 2), dd = digits(s, len, &i, 2);
        if (m < 0 || dd < 0) return KB_EFORMAT;
        d.month = (int8_t)m;
        d.day = (int8_t)dd;
        d.prec = KB_PREC_DAY;
    } else if (i < len) {
        if (s[i] != '-') return KB_EFORMAT;
        i++;
        int m = digits(s, len, &i, 2);
        if (m < 0) return KB_EFORMAT;
        d.month = (int8_t)m;
        d.prec = KB_PREC_MONTH;
        if (i < len) {
            if (s[i] != '-') return KB_EFORMAT;
            i++;
            int dd = digits(s, len, &i, 2);
            if (dd < 0) return KB_EFORMAT;
            d.day = (int8_t)dd;
            d.prec = KB_PREC_DAY;
        }
    }
    if (d.prec >= KB_PREC_MONTH && (d.month < 1 || d.month > 12)) return KB_EFORMAT;
    if (d.prec >= KB_PREC_DAY && (d.day < 1 || d.day > kb_days_in_month(y, d.month)))
        return KB_EFORMAT;
    if (i < len) {
        if (d.prec != KB_PREC_DAY || !(s[i] == 'T' || s[i] == 't' || s[i] == ' '))
            return KB_EFORMAT;
        i++;
        int h = digits(s, len, &i, 2);
        if (h < 0 || i >= len || s[i] != ':') return KB_EFORMAT;
        i++;
        int mi = digits(s, len, &i, 2);
        if (mi < 0) return KB_EFORMAT;
        int sec = 0;
        d.prec = KB_PREC_MINUTE;
        if (i < len && s[i] == ':') {
            i++;
            /* "23:15:0Z": one digit is written by some sites' templates */
            int nd = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9' ? 2 : 1;
            if ((sec = digits(s, len, &i, nd)) < 0) return KB_EFORMAT;
            d.prec = KB_PREC_SECOND;
            if (i < len && (s[i] == '.' || s[i] == ',')) {
                i++;
                size_t f = i;
                while (i < len && s[i] >= '0' && s[i] <= '9') i++;
                if (i == f) return KB_EFORMAT;
            }
        }
        if (h > 23 || mi > 59 || sec > 59) return KB_EFORMAT;
        d.hour = (int8_t)h;
        d.minute = (int8_t)mi;
        d.second = (int8_t)sec;
        if (i < len && s[i] == ' ' && i + 1 < len && (s[i + 1] == '+' || s[i + 1] == '-'))
            i++;
        if (i < len) {
            if (s[i] == 'Z' || s[i] == 'z') {
                i++;
                d.has_tz = 1;
            } else if (s[i] == '+' || s[i] == '-') {
                int sign = s[i] == '-' ? -1 : 1;
                i++;
                int th = digits(s, len, &i, 2), tm = 0;
                if (th < 0) return KB_EFORMAT;
                if (i < len) {
                    if (s[i] == ':') i++;
                    if ((tm = digits(s, len, &i, 2)) < 0) return KB_EFORMAT;
                }
                if (th > 14 || tm > 59) return KB_EFORMAT;
                d.has_tz = 1;
                d.tz_minutes = (int16_t)(sign * (th * 60 + tm));
            }
        }
        if (i != len) return KB_EFORMAT;
    }
    *out = d;
    return KB_OK;
}

int kb_date_parse_http(const char *s, size_t len, kb_date *out)
{
    if (!s || !out) return KB_EINVAL;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                   s[len - 1] == '\r'))
        len--;
    kb_dparse h;
    kb_dtok t, win[16];
    kb_dsrc src;
    kb_dsrc_init(&src, s, len, win, sizeof win / sizeof *win);
    if (kb_dsrc_lex(&src, 0, &t) == KB_DT_END) return KB_EFORMAT;
    if (!kb_date_parse_at(&src, t.start, 0, &h)) return KB_EFORMAT;
    if (h.end != len || h.date.prec < KB_PREC_DAY || h.date.hijri) return KB_EFORMAT;
    *out = h.date;
    return KB_OK;
}

int64_t kb_date_days(const kb_date *d)
{
    int m = d->month >= 1 && d->month <= 12 ? d->month : 1;
    int dd = d->day >= 1 ? d->day : 1;
    return kb_days_from_civil(d->year, m, dd);
}

kb_date kb_date_from_days(int64_t days)
{
    kb_date d;
    memset(&d, 0, sizeof d);
    int y, m, dd;
    kb_civil_from_days(days, &y, &m, &dd);
    d.year = (int16_t)y;
    d.month = (int8_t)m;
    d.day = (int8_t)dd;
    d.prec = KB_PREC_DAY;
    d.weekday = -1;
    return d;
}

int kb_date_find(const char *s, size_t len, kb_date_match *m)
{
    kb_dparse h;
    if (!s || !m) return 0;
    kb_dtok win[32];   /* the grammar looks a few tokens ahead of the scan */
    kb_dsrc src;
    kb_dsrc_init(&src, s, len, win, sizeof win / sizeof *win);
    if (!kb_date_scan(&src, 0, 0, &h)) return 0;
    m->start = h.start;
    m->end = h.end;
    m->date = h.date;
    return 1;
}
