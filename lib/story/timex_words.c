/* story/timex_words.c -- the words of the time expression tagger: relative
 * modifiers, prepositions, time units and number words, in the folded form
 * the date lexer produces (ا for أ إ آ, ه for ة, ي for ى). */
#include "story/timex_int.h"

#include <string.h>

const char *const KB_TX_FUTURE[] = {
    "المقبل", "المقبله", "القادم", "القادمه", "المقبلين", "المقبلتين", "القادمين",
    "القادمتين", "next", "coming", NULL,
};
const char *const KB_TX_PAST[] = {
    "الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "الماضيين",
    "الماضيتين", "السابق", "السابقه", "الاخير", "الاخيره", "الاخيرين", "الاخيرتين",
    "last", "past", NULL,
};
const char *const KB_TX_CURRENT[] = {
    "الجاري", "الجاريه", "الحالي", "الحاليه", "this", NULL,
};
const char *const KB_TX_MOD_START[] = {
    "بدايه", "مطلع", "اوائل", "اول", "مستهل", "early", NULL,
};
const char *const KB_TX_MOD_MID[] = {
    "منتصف", "اواسط", "mid", NULL,
};
const char *const KB_TX_MOD_END[] = {
    "نهايه", "اواخر", "اخر", "ختام", "late", NULL,
};
const char *const KB_TX_PART_OF_DAY[] = {
    "صباح", "مساء", "ظهر", "فجر", "عصر", "ليل", "ليله", "ظهيره", "منتصف", NULL,
};
const char *const KB_TX_YEAR_WORD[] = {
    "عام", "العام", "سنه", "السنه", "عامي", "year", NULL,
};
const char *const KB_TX_YEAR_PREP[] = {
    "في", "منذ", "حتي", "بحلول", "خلال", "قبل", "بعد", "الي", "من", "عن", "in",
    "since", "until", "by", "before", "after", NULL,
};
/* Words that show a four-digit number counts something. */
const char *const KB_TX_COUNT_NOUN[] = {
    "دولار", "ريال", "جنيه", "دينار", "درهم", "يورو", "ليره", "مليون", "مليار", "الف",
    "شخص", "شخصا", "عسكري", "جندي", "مقاتل", "طن", "كيلومتر", "كم", "متر", "برميل",
    "عائله", "اسره", "طالب", "موظف", "منزل", "وحده", "قتيل", "جريح", "مصاب", "حاله",
    "نسمه", "مواطن", "لاجئ", "سجين", "معتقل", "صاروخ", "طائره", "دبابه", "سياره",
    "موقع", "مشروع", "فرصه", "وظيفه", "ميغاواط", "ساعه", "يوم", "عام", "سنه", "شهر",
    "people", "dollars", "troops", NULL,
};
const char *const KB_TX_PRESENT[] = {
    "الان", "حاليا", "now", "currently", NULL,
};
const char *const KB_TX_PAST_REF[] = {
    "مؤخرا", "سابقا", "انذاك", "حينذاك", "حينها", "وقتها", "recently", NULL,
};
const char *const KB_TX_FUTURE_REF[] = {
    "قريبا", "مستقبلا", "لاحقا", "soon", NULL,
};
const char *const KB_TX_FUTURE_CUE[] = {
    "سوف", "المقرر", "المتوقع", "المرتقب", "يعتزم", "تعتزم", "ينتظر", "يرتقب", "will",
    NULL,
};
/* Words of four letters or more that open with س + a present-tense prefix
 * (سي ست سن) but are no future verbs: future_context asks about no others. */
const char *const KB_TX_NOT_FUTURE_VERB[] = {
    "سياسه", "سياسي", "سياسيه", "سياسات", "سياسيين", "سياره", "سيارات", "سيطره",
    "سيناء", "سيناريو", "سيده", "سيدات", "سيول", "سيوف", "ستين", "ستار",
    "ستوكهولم", "ستراتيجيه", "ستاد", "ستوديو", "سنوات", "سنوي", "سنويا",
    "سنين", "سنتين", "سناتور", "سنغافوره", "سنغال", "سيارتين", NULL,
};

int kb_tx_in(const char *w, size_t wl, const char *const *list)
{
    if (wl == 0) return -1;
    /* strncmp stops at the entry's end; the byte after must end it too. The
     * first two bytes (a whole Arabic letter) are compared inline first. */
    for (int i = 0; list[i]; i++)
        if (list[i][0] == w[0] && (wl < 2 || list[i][1] == w[1]) &&
            strncmp(list[i], w, wl) == 0 && list[i][wl] == '\0')
            return i;
    return -1;
}

#define AR_WAW "\xd9\x88"
#define AR_FA "\xd9\x81"
#define AR_BA "\xd8\xa8"
#define AR_LAM "\xd9\x84"
#define AR_KAF "\xd9\x83"
#define AR_ALEF "\xd8\xa7"

int kb_tx_word(const kb_dtok *t, const char *const *list, int *strip)
{
    if (t->kind != KB_DT_WORD || t->wlen == 0) return -1;
    int k = kb_tx_in(t->w, t->wlen, list);
    if (k >= 0) { *strip = 0; return k; }
    const char *p = t->w;
    size_t l = t->wlen;
    int cut = 0;
    if (l >= 6 && (memcmp(p, AR_WAW, 2) == 0 || memcmp(p, AR_FA, 2) == 0)) {
        p += 2; l -= 2; cut = 1;
        if ((k = kb_tx_in(p, l, list)) >= 0) { *strip = cut; return k; }
    }
    if (l >= 6 && memcmp(p, AR_LAM AR_LAM, 4) == 0) {
        char buf[KB_DT_WORDMAX];
        memcpy(buf, AR_ALEF AR_LAM, 4);
        memcpy(buf + 4, p + 4, l - 4);
        if ((k = kb_tx_in(buf, l, list)) >= 0) { *strip = cut + 1; return k; }
    }
    if (l >= 6 && (memcmp(p, AR_BA, 2) == 0 || memcmp(p, AR_LAM, 2) == 0 ||
                   memcmp(p, AR_KAF, 2) == 0)) {
        if ((k = kb_tx_in(p + 2, l - 2, list)) >= 0) { *strip = cut + 1; return k; }
    }
    return -1;
}

size_t kb_tx_skip_letters(const char *s, size_t len, size_t pos, int n)
{
    size_t i = pos;
    while (n > 0 && i < len) {
        kb_utf8_decode(s, len, &i);
        /* marks that follow the letter belong to it */
        for (;;) {
            size_t j = i;
            if (j >= len) break;
            int32_t c = kb_utf8_decode(s, len, &j);
            if ((c >= 0x64B && c <= 0x65F) || c == 0x670 || c == 0x640) i = j;
            else break;
        }
        n--;
    }
    return i;
}

typedef struct unit_word {
    const char *w;
    uint8_t len;
    int8_t unit, count;   /* count: 1 singular, 2 dual, 0 plural */
} unit_word;
#define U(w, u, c) {w, sizeof(w) - 1, u, c}

static const unit_word UNITS[] = {
    U("دقيقه", KB_TU_MINUTE, 1), U("دقيقتين", KB_TU_MINUTE, 2), U("دقيقتان", KB_TU_MINUTE, 2),
    U("دقائق", KB_TU_MINUTE, 0), U("دقيقا", KB_TU_MINUTE, 1),
    U("ساعه", KB_TU_HOUR, 1), U("ساعتين", KB_TU_HOUR, 2), U("ساعتان", KB_TU_HOUR, 2),
    U("ساعات", KB_TU_HOUR, 0),
    U("يوم", KB_TU_DAY, 1), U("يوما", KB_TU_DAY, 1), U("يومين", KB_TU_DAY, 2),
    U("يومان", KB_TU_DAY, 2), U("ايام", KB_TU_DAY, 0),
    U("اسبوع", KB_TU_WEEK, 1), U("اسبوعا", KB_TU_WEEK, 1), U("اسبوعين", KB_TU_WEEK, 2),
    U("اسبوعان", KB_TU_WEEK, 2), U("اسابيع", KB_TU_WEEK, 0),
    U("شهر", KB_TU_MONTH, 1), U("شهرا", KB_TU_MONTH, 1), U("شهرين", KB_TU_MONTH, 2),
    U("شهران", KB_TU_MONTH, 2), U("اشهر", KB_TU_MONTH, 0), U("شهور", KB_TU_MONTH, 0),
    U("عام", KB_TU_YEAR, 1), U("عاما", KB_TU_YEAR, 1), U("عامين", KB_TU_YEAR, 2),
    U("عامان", KB_TU_YEAR, 2), U("اعوام", KB_TU_YEAR, 0), U("سنه", KB_TU_YEAR, 1),
    U("سنتين", KB_TU_YEAR, 2), U("سنتان", KB_TU_YEAR, 2), U("سنوات", KB_TU_YEAR, 0),
    U("سنين", KB_TU_YEAR, 0),
    U("عقد", KB_TU_DECADE, 1), U("عقدا", KB_TU_DECADE, 1), U("عقدين", KB_TU_DECADE, 2),
    U("عقدان", KB_TU_DECADE, 2), U("عقود", KB_TU_DECADE, 0),
    U("قرن", KB_TU_CENTURY, 1), U("قرنا", KB_TU_CENTURY, 1), U("قرنين", KB_TU_CENTURY, 2),
    U("قرون", KB_TU_CENTURY, 0),
    U("minute", KB_TU_MINUTE, 1), U("minutes", KB_TU_MINUTE, 0),
    U("hour", KB_TU_HOUR, 1), U("hours", KB_TU_HOUR, 0),
    U("day", KB_TU_DAY, 1), U("days", KB_TU_DAY, 0),
    U("week", KB_TU_WEEK, 1), U("weeks", KB_TU_WEEK, 0),
    U("month", KB_TU_MONTH, 1), U("months", KB_TU_MONTH, 0),
    U("year", KB_TU_YEAR, 1), U("years", KB_TU_YEAR, 0),
};

static int unit_lookup(const char *w, size_t wl, int *count)
{
    for (size_t i = 0; i < sizeof UNITS / sizeof *UNITS; i++)
        if (UNITS[i].len == wl && memcmp(UNITS[i].w, w, wl) == 0) {
            *count = UNITS[i].count;
            return UNITS[i].unit;
        }
    return 0;
}

int kb_tx_unit(const kb_dtok *t, int *count, int *definite)
{
    if (t->kind != KB_DT_WORD || t->wlen == 0) return 0;
    *definite = 0;
    int u = unit_lookup(t->w, t->wlen, count);
    if (u) return u;
    if (t->wlen > 4 && memcmp(t->w, AR_ALEF AR_LAM, 4) == 0) {
        u = unit_lookup(t->w + 4, t->wlen - 4, count);
        if (u) { *definite = 1; return u; }
    }
    return 0;
}

typedef struct num_name {
    const char *w;
    uint8_t len;
    int16_t val;
} num_name;
#define N(w, v) {w, sizeof(w) - 1, v}

static const num_name NUMS[] = {
    N("واحد", 1), N("واحده", 1), N("احد", 1), N("احدي", 1), N("اثنين", 2), N("اثنان", 2),
    N("اثنتين", 2), N("اثنتان", 2), N("اثني", 2), N("اثنا", 2), N("ثلاث", 3), N("ثلاثه", 3),
    N("اربع", 4), N("اربعه", 4), N("خمس", 5), N("خمسه", 5), N("ست", 6), N("سته", 6),
    N("سبع", 7), N("سبعه", 7), N("ثمان", 8), N("ثماني", 8), N("ثمانيه", 8), N("تسع", 9),
    N("تسعه", 9), N("عشر", 10), N("عشره", 10), N("عشرين", 20), N("عشرون", 20),
    N("ثلاثين", 30), N("ثلاثون", 30), N("اربعين", 40), N("اربعون", 40), N("خمسين", 50),
    N("خمسون", 50), N("ستين", 60), N("ستون", 60), N("سبعين", 70), N("سبعون", 70),
    N("ثمانين", 80), N("ثمانون", 80), N("تسعين", 90), N("تسعون", 90), N("مئه", 100),
    N("مائه", 100), N("two", 2), N("three", 3), N("four", 4), N("five", 5), N("six", 6),
    N("seven", 7), N("eight", 8), N("nine", 9), N("ten", 10), N("twelve", 12),
};

/* Value of a number word, with an optional ال ("الستة") or و ("وتسعين"). */
static int num_word(const kb_dtok *t, int allow_waw, int *waw)
{
    if (t->kind != KB_DT_WORD || t->wlen == 0) return 0;
    const char *w = t->w;
    size_t l = t->wlen;
    *waw = 0;
    if (allow_waw && l > 2 && memcmp(w, AR_WAW, 2) == 0) { w += 2; l -= 2; *waw = 1; }
    else if (l > 4 && memcmp(w, AR_ALEF AR_LAM, 4) == 0) { w += 4; l -= 4; }
    else if (l > 6 && (memcmp(w, AR_BA, 2) == 0 || memcmp(w, AR_LAM, 2) == 0)) {
        w += 2;   /* "باثني عشر قرنا" */
        l -= 2;
    }
    for (size_t i = 0; i < sizeof NUMS / sizeof *NUMS; i++)
        if (NUMS[i].len == l && memcmp(NUMS[i].w, w, l) == 0) return NUMS[i].val;
    return 0;
}

int kb_tx_count(kb_dsrc *src, size_t pos, int64_t *val, size_t *end)
{
    kb_dtok t, u;
    if (kb_dsrc_lex(src, pos, &t) == KB_DT_END || t.newline) return 0;
    if (t.kind == KB_DT_WORD && kb_dword(&t, "ال")) {
        /* "الـ12" */
        if (kb_dsrc_lex(src, t.end, &u) != KB_DT_NUM || u.newline) return 0;
        t = u;
    }
    if (t.kind == KB_DT_NUM) {
        if (t.ndig > 6) return 0;
        /* "2,500" or "12.5" is one number, not a count of units */
        if (kb_dsrc_lex(src, t.end, &u) == KB_DT_PUNCT && !u.space &&
            (u.cp == ',' || u.cp == '.' || u.cp == 0x66B || u.cp == 0x66C)) {
            kb_dtok v;
            if (kb_dsrc_lex(src, u.end, &v) == KB_DT_NUM && !v.space) return 0;
        }
        *val = t.val;
        *end = t.end;
        return 1;
    }
    int waw;
    int v = num_word(&t, 0, &waw);
    if (!v) return 0;
    size_t e = t.end;
    if (v < 10) {
        /* "خمسة وتسعين", "خمسة و تسعين", "ثلاثة عشر" */
        if (kb_dsrc_lex(src, e, &u) == KB_DT_WORD && !u.newline) {
            int w2 = num_word(&u, 1, &waw);
            if (waw && w2 >= 20 && w2 < 100) { v += w2; e = u.end; }
            else if (!waw && w2 == 10) { v += 10; e = u.end; }
            else if (kb_dword(&u, "و")) {
                kb_dtok x;
                if (kb_dsrc_lex(src, u.end, &x) == KB_DT_WORD && !x.newline &&
                    (w2 = num_word(&x, 0, &waw)) >= 20 && w2 < 100) {
                    v += w2;
                    e = x.end;
                }
            }
        }
    }
    *val = v;
    *end = e;
    return 1;
}
