/* bench/diff_timex.c -- differential check of the time expression tagger and
 * the date grammar: the current kb_timex_find / kb_date_find against the
 * implementation of an older git revision, built into one object whose
 * global symbols carry the prefix old_ (rule in mk/timex.mk, driver
 * bench/diff-timex.sh). Not a unit test: a tool for changes that must not
 * change results (speed work).
 *
 *   diff_timex RECORDS.bin [FUZZ]
 *       RECORDS.bin: records of a 4-byte little-endian length and UTF-8 text.
 *       Every text, and cuts of it at a few byte offsets (possibly inside a
 *       character), is tagged by both implementations against several
 *       reference dates (NULL, month-only, several days); every field of
 *       every kb_timex must agree, and every date kb_date_find finds walking
 *       the text. FUZZ (default 0): that many random texts made of the words
 *       the grammars know, digits and marks, checked the same way.
 * Prints the differences (the first 50 in full) and a summary; exits 1 when
 * there is any. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "khabar.h"
#include "story/timex.h"

int old_kb_timex_find(const char *text, size_t len, const kb_date *ref, kb_timex **out,
                      size_t *n);
int old_kb_date_find(const char *s, size_t len, kb_date_match *m);

static size_t ndiff, nshown, ntexts, ncalls, nexpr, ndates;

static void show_text(const char *s, size_t len, size_t a, size_t b)
{
    size_t lo = a > 60 ? a - 60 : 0, hi = b + 60 < len ? b + 60 : len;
    while (lo > 0 && ((unsigned char)s[lo] & 0xC0) == 0x80) lo--;
    while (hi < len && ((unsigned char)s[hi] & 0xC0) == 0x80) hi++;
    fprintf(stderr, "    ...%.*s[[%.*s]]%.*s...\n", (int)(a - lo), s + lo, (int)(b - a), s + a,
            (int)(hi - b), s + b);
}

static void show_timex(const char *tag, const kb_timex *t)
{
    char v[32], d[32], e[32];
    kb_timex_value_str(t, v);
    kb_date_iso(&t->value, d);
    kb_date_iso(&t->value_end, e);
    fprintf(stderr,
            "    %s: [%zu,%zu) sent [%zu,%zu) kind %d unit %d mod %d fut %d inf %d rk %d "
            "amount %d value %s(p%d wd%d h%d) end %s(p%d wd%d) -> %s\n",
            tag, t->start, t->end, t->sent_start, t->sent_end, t->kind, t->unit, t->mod,
            t->future, t->inferred, t->ref_kind, t->amount, d, t->value.prec, t->value.weekday,
            t->value.hijri, e, t->value_end.prec, t->value_end.weekday, v);
}

static int same_date(const kb_date *a, const kb_date *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
           a->prec == b->prec && a->has_tz == b->has_tz && a->tz_minutes == b->tz_minutes &&
           a->weekday == b->weekday && a->hijri == b->hijri;
}

static int same_timex(const kb_timex *a, const kb_timex *b)
{
    return a->start == b->start && a->end == b->end && a->sent_start == b->sent_start &&
           a->sent_end == b->sent_end && same_date(&a->value, &b->value) &&
           same_date(&a->value_end, &b->value_end) && a->kind == b->kind &&
           a->unit == b->unit && a->mod == b->mod && a->future == b->future &&
           a->inferred == b->inferred && a->ref_kind == b->ref_kind && a->amount == b->amount;
}

static void check_timex(const char *s, size_t len, const kb_date *ref, const char *refname)
{
    kb_timex *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    int ra = old_kb_timex_find(s, len, ref, &a, &na);
    int rb = kb_timex_find(s, len, ref, &b, &nb);
    ncalls++;
    nexpr += na;
    size_t n = na < nb ? na : nb, bad = (size_t)-1;
    if (ra != rb || na != nb) bad = n;
    for (size_t i = 0; i < n; i++)
        if (!same_timex(&a[i], &b[i])) { bad = i; break; }
    if (bad != (size_t)-1) {
        ndiff++;
        if (nshown++ < 50) {
            fprintf(stderr, "DIFF timex (ref %s, %zu bytes, rc %d/%d, %zu/%zu found) at #%zu\n",
                    refname, len, ra, rb, na, nb, bad);
            if (bad < na) {
                show_timex("old", &a[bad]);
                show_text(s, len, a[bad].start, a[bad].end);
            }
            if (bad < nb) {
                show_timex("new", &b[bad]);
                show_text(s, len, b[bad].start, b[bad].end);
            }
        }
    }
    free(a);
    free(b);
}

static void check_dates(const char *s, size_t len)
{
    size_t pa = 0, pb = 0;
    for (;;) {
        kb_date_match ma, mb;
        memset(&ma, 0, sizeof ma);
        memset(&mb, 0, sizeof mb);
        int fa = pa < len && old_kb_date_find(s + pa, len - pa, &ma);
        int fb = pb < len && kb_date_find(s + pb, len - pb, &mb);
        if (fa != fb || (fa && (ma.start != mb.start || ma.end != mb.end ||
                                !same_date(&ma.date, &mb.date)))) {
            ndiff++;
            if (nshown++ < 50) {
                char da[32], db[32];
                kb_date_iso(&ma.date, da);
                kb_date_iso(&mb.date, db);
                fprintf(stderr, "DIFF date_find at %zu: old %d [%zu,%zu) %s, new %d [%zu,%zu) %s\n",
                        pa, fa, pa + ma.start, pa + ma.end, da, fb, pb + mb.start,
                        pb + mb.end, db);
                show_text(s, len, pa + (fa ? ma.start : 0), pa + (fa ? ma.end : 0));
            }
            return;
        }
        if (!fa) return;
        ndates++;
        pa += ma.end;
        pb += mb.end;
    }
}

static kb_date REFS[6];
static const char *const REFNAMES[6] = {
    "NULL", "2015-08", "2015-08-01", "2024-02-29", "2015-12-24", "2024-07-23",
};

static void check_text(const char *s, size_t len)
{
    ntexts++;
    for (int r = 0; r < 6; r++) check_timex(s, len, r ? &REFS[r] : NULL, REFNAMES[r]);
    check_dates(s, len);
}

/* A text and some cuts of it: the ends of text matter to a scanner. */
static void check_with_cuts(const char *s, size_t len, unsigned seed)
{
    check_text(s, len);
    if (len < 8) return;
    size_t cut = (seed * 2654435761u) % len;
    /* prefix and suffix at an arbitrary byte (maybe inside a character),
     * and a prefix at a third of the text */
    check_timex(s, cut, &REFS[2], "2015-08-01 prefix");
    check_timex(s + cut, len - cut, &REFS[2], "2015-08-01 suffix");
    check_timex(s, len / 3, NULL, "NULL prefix");
    check_dates(s, cut);
    check_dates(s + cut, len - cut);
}

/* ---------------------------------------------------------- fuzz */

static const char *const VOCAB[] = {
    /* dates, months, weekdays, ordinals, eras */
    "يوليو", "تموز", "كانون", "الثاني", "الأول", "تشرين", "ربيع", "الآخر", "جمادى", "الأولى",
    "ذو", "الحجة", "القعدة", "رمضان", "شوال", "محرم", "مارس", "ماي", "آب", "أيلول", "فبراير",
    "سبتمبر", "January", "jan", "Jul", "May", "may", "mars", "Sun", "Tuesday", "الأحد",
    "الاثنين", "الجمعة", "السبت", "الأربعاء", "الخميس", "الحادي", "العشرين", "والعشرين", "عشر",
    "و", "هـ", "م", "الموافق", "ليوم", "الساعة", "صباحا", "مساء", "ظهرا", "GMT", "بتوقيت",
    "مكة", "المكرمة", "+03:00", "UTC+3", "KSA", "am", "p.m.", "at", "T", "th", "st", "of",
    /* timex */
    "اليوم", "أمس", "غدا", "غدًا", "بعد", "غد", "أول", "من", "الأمس", "الليلة", "الغد", "يوم",
    "صباح", "منتصف", "نهاية", "بنهاية", "مطلع", "أوائل", "أواخر", "عام", "العام", "سنة",
    "عامي", "في", "منذ", "حتى", "بحلول", "خلال", "قبل", "الى", "الأسبوع", "الشهر", "السنة",
    "المقبل", "المقبلة", "الماضي", "الماضية", "الجاري", "الحالي", "القادم", "هذا", "هذه",
    "next", "last", "week", "شهر", "ساعتين", "ساعة", "أيام", "يومين", "عاما", "أشهر", "الأشهر",
    "الستة", "الـ", "ال", "خمسة", "وتسعين", "ثلاثة", "شهراً", "أقل", "أكثر", "نحو", "قرن",
    "الآن", "حاليا", "مؤخرا", "قريبا", "المستقبل", "الوقت", "الأيام", "يوميا", "كل", "القرن",
    "السبعينيات", "الماضي", "سوف", "سيعقد", "وسيعقد", "المقرر", "سياسة", "العرب", "دولار",
    "موقع", "صلاة", "للميلاد", "للهجرة", "ويوليو", "بسبتمبر", "لليوم", "فاليوم", "والجمعة",
    "today", "tomorrow", "ago", "until", "since", "by", "this", "year", "years", "days",
    "عشرة", "اثني", "باثني", "قرنا", "السابق", "الراهن", "ختام", "early", "mid",
    /* neither */
    "الحكومة", "وزير", "قال", "إن", "the", "and", "على",
};
static const char *const MARKS[] = {
    "/", "-", ".", ",", "،", ":", "(", ")", "|", "ـ", "%", "\n", " - ", "/ ", " (", ") ",
    "٬", "٫", "–", "?", "!", "؟", "T",
};

static unsigned long long rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static size_t fuzz_text(char *buf, size_t cap)
{
    size_t o = 0;
    int n = 1 + (int)rnd(40);
    for (int i = 0; i < n && o + 64 < cap; i++) {
        int k = (int)rnd(10);
        char piece[64];
        if (k < 5) {
            snprintf(piece, sizeof piece, "%s", VOCAB[rnd(sizeof VOCAB / sizeof *VOCAB)]);
        } else if (k < 8) {
            static const int W[] = {1, 2, 2, 4, 4, 4, 5, 6, 8, 3};
            int w = W[rnd(10)];
            size_t l = 0;
            int arabic = rnd(5) == 0;
            for (int d = 0; d < w; d++) {
                int dig = d == 0 && w == 4 ? (int)(1 + rnd(2)) : (int)rnd(10);
                if (d == 1 && w == 4) dig = rnd(2) ? 9 : 0;
                if (arabic) {
                    piece[l++] = (char)0xd9;
                    piece[l++] = (char)(0xa0 + dig);
                } else piece[l++] = (char)('0' + dig);
            }
            piece[l] = '\0';
        } else {
            snprintf(piece, sizeof piece, "%s", MARKS[rnd(sizeof MARKS / sizeof *MARKS)]);
        }
        size_t pl = strlen(piece);
        memcpy(buf + o, piece, pl);
        o += pl;
        if (rnd(6)) buf[o++] = ' ';
    }
    return o;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: diff_timex RECORDS.bin [FUZZ]\n");
        return 2;
    }
    kb_date_parse_iso("2015-08", 7, &REFS[1]);
    kb_date_parse_iso("2015-08-01", 10, &REFS[2]);
    kb_date_parse_iso("2024-02-29", 10, &REFS[3]);
    kb_date_parse_iso("2015-12-24", 10, &REFS[4]);
    kb_date_parse_iso("2024-07-23T10:05:00+03:00", 25, &REFS[5]);
    size_t n;
    char *buf = bench_read_all(argv[1], &n);
    if (!buf) {
        fprintf(stderr, "diff_timex: cannot read %s\n", argv[1]);
        return 2;
    }
    unsigned seed = 1;
    size_t bytes = 0;
    const char *rec;
    size_t l;
    for (size_t p = 0; bench_next_record(buf, n, &p, &rec, &l);) {
        /* a private copy, so that reading past the end would show in ASan */
        char *t = malloc(l ? l : 1);
        memcpy(t, rec, l);
        check_with_cuts(t, l, seed++);
        free(t);
        bytes += l;
    }
    size_t corpus_texts = ntexts;
    long fuzz = argc > 2 ? atol(argv[2]) : 0;
    char fb[4096];
    for (long i = 0; i < fuzz; i++) {
        size_t l = fuzz_text(fb, sizeof fb);
        char *t = malloc(l ? l : 1);
        memcpy(t, fb, l);
        check_with_cuts(t, l, (unsigned)i + 7);
        free(t);
    }
    printf("diff_timex: %zu texts (%.1f MB) + %ld fuzz texts, %zu tagger calls, %zu "
           "expressions, %zu dates: %zu differences\n",
           corpus_texts, (double)bytes / 1e6, fuzz, ncalls, nexpr, ndates, ndiff);
    free(buf);
    return ndiff ? 1 : 0;
}
