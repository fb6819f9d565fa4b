/* text/date_cal.c -- calendar arithmetic for the date grammar: proleptic
 * Gregorian day numbers and the tabular Islamic (Hijri) calendar.
 *
 * Hijri: the arithmetical calendar with the civil epoch (1 Muharram 1 AH =
 * Friday 16 July 622 Julian, JDN 1948440) and the common leap-year rule
 * (years 2 5 7 10 13 16 18 21 24 26 29 of each 30-year cycle have 355 days).
 * Newspapers print the sighted or Umm al-Qura date, which differs from this
 * by one day either way in a good share of months: 1 Muharram 1446 is
 * 7 July 2024 in Umm al-Qura, 8 July here; 1 Ramadan 1445 is 11 March 2024 in
 * both. The grammar corrects the day when the text names the weekday. */
#include "text/date.h"

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

int64_t kb_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = floor_div(yy, 400);
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void kb_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int kb_days_in_month(int y, int m)
{
    static const int8_t n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return n[m - 1];
}

int kb_weekday_of_days(int64_t days)
{
    int64_t w = (days + 4) % 7;   /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

/* JDN 2440588 is 1970-01-01. */
#define JDN_UNIX 2440588
#define JDN_HIJRI_EPOCH 1948439   /* the day before 1 Muharram 1 AH */

int64_t kb_hijri_to_days(int y, int m, int d)
{
    int64_t jdn = (int64_t)d + (59 * (int64_t)(m - 1) + 1) / 2 +
                  354 * (int64_t)(y - 1) + floor_div(3 + 11 * (int64_t)y, 30) +
                  JDN_HIJRI_EPOCH;
    return jdn - JDN_UNIX;
}

void kb_hijri_from_days(int64_t days, int *y, int *m, int *d)
{
    int64_t jdn = days + JDN_UNIX;
    int64_t yy = floor_div(30 * (jdn - JDN_HIJRI_EPOCH - 1) + 10646, 10631);
    while (kb_hijri_to_days((int)yy + 1, 1, 1) <= days) yy++;
    while (kb_hijri_to_days((int)yy, 1, 1) > days) yy--;
    int mm = 1;
    while (mm < 12 && kb_hijri_to_days((int)yy, mm + 1, 1) <= days) mm++;
    *y = (int)yy;
    *m = mm;
    *d = (int)(days - kb_hijri_to_days((int)yy, mm, 1) + 1);
}
