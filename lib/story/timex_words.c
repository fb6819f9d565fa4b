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
/* Words that open with س + a present-tense prefix but are no future verbs. */
const char *const KB_TX_NOT_FUTURE_VERB[] = {
    "سياسه", "سياسي", "سياسيه", "سياسات", "سياسيين", "سياره", "سيارات", "سيطره",
    "سيناء", "سيناريو", "سيده", "سيدات", "سيول", "سيوف", "ستين", "سته", "ستار",
    "ستوكهولم", "ستراتيجيه", "ستاد", "ستوديو", "سنه", "سنوات", "سنوي", "سنويا",
    "سنين", "سنتين", "سناتور", "سنغافوره", "سنغال", "ساعه", "ساعات", "سابق", "سابقا",
    "سابقه", "ساحه", "ساحل", "سادس", "سادسه", "سامي", "سالم", "سيارتين", NULL,
};

int kb_tx_in(const char *w, size_t wl, const char *const *list)
{
    if (wl < 2) {
        for (int i = 0; list[i]; i++)
            if (strlen(list[i]) == wl && memcmp(list[i], w, wl) == 0) return i;
        return -1;
    }
    /* the first two bytes tell an Arabic letter (or two Latin ones) apart:
     * compare them before measuring the entry */
    for (int i = 0; list[i]; i++)
        if (list[i][0] == w[0] && list[i][1] == w[1] && strlen(list[i]) == wl &&
            memcmp(list[i], w, wl) == 0)
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
    int8_t unit, count;   /* count: 1 singular, 2 dual, 0 plural */
} unit_word;

static const unit_word UNITS[] = {
    {"دقيقه", KB_TU_MINUTE, 1}, {"دقيقتين", KB_TU_MINUTE, 2}, {"دقيقتان", KB_TU_MINUTE, 2},
    {"دقائق", KB_TU_MINUTE, 0}, {"دقيقا", KB_TU_MINUTE, 1},
    {"ساعه", KB_TU_HOUR, 1}, {"ساعتين", KB_TU_HOUR, 2}, {"ساعتان", KB_TU_HOUR, 2},
    {"ساعات", KB_TU_HOUR, 0},
    {"يوم", KB_TU_DAY, 1}, {"يوما", KB_TU_DAY, 1}, {"يومين", KB_TU_DAY, 2},
    {"يومان", KB_TU_DAY, 2}, {"ايام", KB_TU_DAY, 0},
    {"اسبوع", KB_TU_WEEK, 1}, {"اسبوعا", KB_TU_WEEK, 1}, {"اسبوعين", KB_TU_WEEK, 2},
    {"اسبوعان", KB_TU_WEEK, 2}, {"اسابيع", KB_TU_WEEK, 0},
    {"شهر", KB_TU_MONTH, 1}, {"شهرا", KB_TU_MONTH, 1}, {"شهرين", KB_TU_MONTH, 2},
    {"شهران", KB_TU_MONTH, 2}, {"اشهر", KB_TU_MONTH, 0}, {"شهور", KB_TU_MONTH, 0},
    {"عام", KB_TU_YEAR, 1}, {"عاما", KB_TU_YEAR, 1}, {"عامين", KB_TU_YEAR, 2},
    {"عامان", KB_TU_YEAR, 2}, {"اعوام", KB_TU_YEAR, 0}, {"سنه", KB_TU_YEAR, 1},
    {"سنتين", KB_TU_YEAR, 2}, {"سنتان", KB_TU_YEAR, 2}, {"سنوات", KB_TU_YEAR, 0},
    {"سنين", KB_TU_YEAR, 0},
    {"عقد", KB_TU_DECADE, 1}, {"عقدا", KB_TU_DECADE, 1}, {"عقدين", KB_TU_DECADE, 2},
    {"عقدان", KB_TU_DECADE, 2}, {"عقود", KB_TU_DECADE, 0},
    {"قرن", KB_TU_CENTURY, 1}, {"قرنا", KB_TU_CENTURY, 1}, {"قرنين", KB_TU_CENTURY, 2},
    {"قرون", KB_TU_CENTURY, 0},
    {"minute", KB_TU_MINUTE, 1}, {"minutes", KB_TU_MINUTE, 0},
    {"hour", KB_TU_HOUR, 1}, {"hours", KB_TU_HOUR, 0},
    {"day", KB_TU_DAY, 1}, {"days", KB_TU_DAY, 0},
    {"week", KB_TU_WEEK, 1}, {"weeks", KB_TU_WEEK, 0},
    {"month", KB_TU_MONTH, 1}, {"months", KB_TU_MONTH, 0},
    {"year", KB_TU_YEAR, 1}, {"years", KB_TU_YEAR, 0},
};

static int unit_lookup(const char *w, size_t wl, int *count)
{
    for (size_t i = 0; i < sizeof UNITS / sizeof *UNITS; i++)
        if (strlen(UNITS[i].w) == wl && memcmp(UNITS[i].w, w, wl) == 0) {
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
    int16_t val;
} num_name;

static const num_name NUMS[] = {
    {"واحد", 1}, {"واحده", 1}, {"احد", 1}, {"احدي", 1}, {"اثنين", 2}, {"اثنان", 2},
    {"اثنتين", 2}, {"اثنتان", 2}, {"اثني", 2}, {"اثنا", 2}, {"ثلاث", 3}, {"ثلاثه", 3},
    {"اربع", 4}, {"اربعه", 4}, {"خمس", 5}, {"خمسه", 5}, {"ست", 6}, {"سته", 6},
    {"سبع", 7}, {"سبعه", 7}, {"ثمان", 8}, {"ثماني", 8}, {"ثمانيه", 8}, {"تسع", 9},
    {"تسعه", 9}, {"عشر", 10}, {"عشره", 10}, {"عشرين", 20}, {"عشرون", 20},
    {"ثلاثين", 30}, {"ثلاثون", 30}, {"اربعين", 40}, {"اربعون", 40}, {"خمسين", 50},
    {"خمسون", 50}, {"ستين", 60}, {"ستون", 60}, {"سبعين", 70}, {"سبعون", 70},
    {"ثمانين", 80}, {"ثمانون", 80}, {"تسعين", 90}, {"تسعون", 90}, {"مئه", 100},
    {"مائه", 100}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
    {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"twelve", 12},
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
        if (strlen(NUMS[i].w) == l && memcmp(NUMS[i].w, w, l) == 0) return NUMS[i].val;
    return 0;
}

int kb_tx_count(const char *s, size_t len, size_t pos, int64_t *val, size_t *end)
{
    kb_dtok t, u;
    if (kb_dlex(s, len, pos, &t) == KB_DT_END || t.newline) return 0;
    if (t.kind == KB_DT_WORD && kb_dword(&t, "ال")) {
        /* "الـ12" */
        if (kb_dlex(s, len, t.end, &u) != KB_DT_NUM || u.newline) return 0;
        t = u;
    }
    if (t.kind == KB_DT_NUM) {
        if (t.ndig > 6) return 0;
        /* "2,500" or "12.5" is one number, not a count of units */
        if (kb_dlex(s, len, t.end, &u) == KB_DT_PUNCT && !u.space &&
            (u.cp == ',' || u.cp == '.' || u.cp == 0x66B || u.cp == 0x66C)) {
            kb_dtok v;
            if (kb_dlex(s, len, u.end, &v) == KB_DT_NUM && !v.space) return 0;
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
        if (kb_dlex(s, len, e, &u) == KB_DT_WORD && !u.newline) {
            int w2 = num_word(&u, 1, &waw);
            if (waw && w2 >= 20 && w2 < 100) { v += w2; e = u.end; }
            else if (!waw && w2 == 10) { v += 10; e = u.end; }
            else if (kb_dword(&u, "و")) {
                kb_dtok x;
                if (kb_dlex(s, len, u.end, &x) == KB_DT_WORD && !x.newline &&
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
