/* extract/text_meta.c -- the metadata lines of a scraped page (extract
 * stage, plain-text extractor; the HTML extractor may use these too): date
 * lines ("يوليو 23, 2024آخر تحديث: ..."), datelines ("بغداد ـ العرب اليوم",
 * "المستقلة/-", "القاهرة (رويترز) -"), bylines, tag lines, and the display
 * normalisation of what is shown (Persian letters in Arabic words).
 *
 * Word lists here are written in kb_normalize spelling (ة -> ه, ى -> ي,
 * أ إ آ -> ا) because they are compared with normalised words. */
#include "extract/text_extract.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- strvec */

int kb_strvec_push(kb_strvec *sv, const char *s)
{
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 8;
        const char **v = realloc(sv->v, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        sv->v = v;
        sv->cap = cap;
    }
    sv->v[sv->n++] = s;
    return KB_OK;
}

void kb_strvec_free(kb_strvec *sv)
{
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

/* ---------------------------------------------------------------- helpers */

static int32_t cp_at(const char *s, size_t len, size_t i, size_t *next)
{
    size_t k = i;
    int32_t cp = kb_utf8_decode(s, len, &k);
    if (next) *next = k;
    return cp;
}

static int is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 ||
           cp == 0x202F || cp == 0x2007 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x3000;
}

static int is_invisible_cp(int32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF || cp == 0x061C ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x00AD;
}

static int is_dash_cp(int32_t cp)
{
    return cp == '-' || cp == 0x0640 || cp == 0x2013 || cp == 0x2014 || cp == 0x2012;
}

static int is_digit_cp(int32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) ||
           (cp >= 0x06F0 && cp <= 0x06F9);
}

static int is_letter_cp(int32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp >= 0x0620 && cp <= 0x064A) return cp != 0x0640;
    if (cp >= 0x066E && cp <= 0x06D3) return 1;
    if (cp == 0x06D5 || (cp >= 0x06FA && cp <= 0x06FF)) return 1;
    if (cp >= 0x00C0 && cp <= 0x024F) return 1;
    if (cp >= 0x0750 && cp <= 0x077F) return 1;
    return 0;
}

/* Is the normalised word w[0..n) one of list? */
static int in_list(const char *const *list, size_t nlist, const char *w, size_t n)
{
    for (size_t k = 0; k < nlist; k++)
        if (strlen(list[k]) == n && !memcmp(list[k], w, n)) return 1;
    return 0;
}
#define IN(list, w, n) in_list(list, sizeof list / sizeof list[0], w, n)

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t sl = strlen(suf);
    return n >= sl && !memcmp(w + n - sl, suf, sl);
}

static int starts_with(const char *w, size_t n, const char *pre)
{
    size_t pl = strlen(pre);
    return n >= pl && !memcmp(w, pre, pl);
}

/* Number of code points of s[0..n). */
static size_t nchars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* ---------------------------------------------------------------- display */

char *kb_display_fix(kb_arena *a, const char *s, size_t len, unsigned flags)
{
    char *out = kb_arena_alloc(a, len + 1);
    if (!out) return NULL;
    size_t o = 0, i = 0;
    int space = 0;
    while (i < len) {
        size_t nx;
        int32_t cp = cp_at(s, len, i, &nx);
        if (is_space_cp(cp)) { space = o > 0; i = nx; continue; }
        if ((is_invisible_cp(cp) && !(flags & KB_DISP_SPACES_ONLY)) ||
            (cp == 0x0640 && (flags & KB_DISP_TATWEEL))) {
            i = nx;
            continue;
        }
        int32_t r = cp;
        if (!(flags & KB_DISP_SPACES_ONLY)) switch (cp) {
        case 0x06CC: case 0x06CD: case 0x06D0: r = 0x064A; break;  /* ی ۍ ې -> ي */
        case 0x06A9: case 0x06AA: r = 0x0643; break;               /* ک -> ك */
        case 0x06D5: case 0x06C1: case 0x06BE: r = 0x0647; break;  /* ە ہ ھ -> ه */
        case 0x06C0: r = 0x0629; break;                            /* ۀ -> ة */
        default: break;
        }
        if (space) { out[o++] = ' '; space = 0; }
        if (r == cp || cp < 0) {
            memcpy(out + o, s + i, nx - i);
            o += nx - i;
        } else {
            o += kb_utf8_encode(r, out + o);  /* same two-byte length */
        }
        i = nx;
    }
    out[o] = '\0';
    return out;
}

char *kb_clean_name(kb_arena *a, const char *s, size_t len)
{
    size_t b = 0, e = len;
    /* strip quotes, brackets, dashes, colons at both ends */
    for (;;) {
        int moved = 0;
        while (b < e) {
            size_t nx;
            int32_t cp = cp_at(s, e, b, &nx);
            if (is_space_cp(cp) || is_dash_cp(cp) || cp == ':' || cp == '(' || cp == '[' ||
                cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
                cp == 0x201D || cp == '/' || cp == '.' || cp == 0x060C || cp == ')' ||
                is_invisible_cp(cp)) {
                b = nx;
                moved = 1;
            } else {
                break;
            }
        }
        while (e > b) {
            size_t p = e - 1;
            while (p > b && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
            int32_t cp = cp_at(s, e, p, NULL);
            if (is_space_cp(cp) || is_dash_cp(cp) || cp == ':' || cp == ')' || cp == ']' ||
                cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
                cp == 0x201D || cp == '/' || cp == '.' || cp == 0x060C || cp == '(' ||
                is_invisible_cp(cp)) {
                e = p;
                moved = 1;
            } else {
                break;
            }
        }
        if (!moved || b >= e) break;
    }
    if (b >= e) return NULL;
    return kb_display_fix(a, s + b, e - b, 0);
}

/* ---------------------------------------------------------------- words */

typedef struct word {
    size_t off, len;      /* in the original */
} word;

/* Split s[0..len) at white space into at most max words. Returns the count;
 * *more is set when words were left over. */
static size_t split_words(const char *s, size_t len, word *w, size_t max, int *more)
{
    size_t n = 0, i = 0;
    if (more) *more = 0;
    while (i < len) {
        size_t nx;
        while (i < len && is_space_cp(cp_at(s, len, i, &nx))) i = nx;
        if (i >= len) break;
        size_t st = i;
        while (i < len && !is_space_cp(cp_at(s, len, i, &nx))) i = nx;
        if (n == max) { if (more) *more = 1; break; }
        w[n].off = st;
        w[n].len = i - st;
        n++;
    }
    return n;
}

static int has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        if (is_digit_cp(cp_at(s, len, i, &nx))) return 1;
        i = nx;
    }
    return 0;
}

static int has_letter(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        if (is_letter_cp(cp_at(s, len, i, &nx))) return 1;
        i = nx;
    }
    return 0;
}

static size_t ltrim_ws(const char *s, size_t i)
{
    while (s[i] == ' ' || s[i] == '\t') i++;
    return i;
}

static size_t rtrim_ws(const char *s, size_t len)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
    return len;
}

/* A token that is nothing but dashes (incl. tatweel used as one). */
static int is_dash_token(const char *s, size_t len)
{
    if (!len) return 0;
    for (size_t i = 0; i < len;) {
        size_t nx;
        if (!is_dash_cp(cp_at(s, len, i, &nx))) return 0;
        i = nx;
    }
    return 1;
}

/* The normalised form of s[0..len) with its leading/trailing non-letters
 * cut, in buf (cap bytes); length, or 0 when it does not fit. */
static size_t norm_word(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n;
    char *t = kb_normalize_str(s, len, &n);
    if (!t) return 0;
    size_t b = 0, e = n;
    while (b < e) {
        size_t nx;
        if (is_letter_cp(cp_at(t, e, b, &nx)) || is_digit_cp(cp_at(t, e, b, NULL))) break;
        b = nx;
    }
    while (e > b) {
        size_t p = e - 1;
        while (p > b && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
        int32_t cp = cp_at(t, e, p, NULL);
        if (is_letter_cp(cp) || is_digit_cp(cp)) break;
        e = p;
    }
    size_t r = 0;
    if (e - b < cap) {
        memcpy(buf, t + b, e - b);
        buf[e - b] = '\0';
        r = e - b;
    }
    free(t);
    return r;
}

/* ---------------------------------------------------------------- places */

static const char *const PLACES[] = {
    /* Iraq */
    "بغداد", "البصره", "الموصل", "اربيل", "كركوك", "النجف", "كربلاء", "السليمانيه",
    "الانبار", "الرمادي", "الفلوجه", "تكريت", "ديالي", "بعقوبه", "الناصريه", "دهوك",
    "الحله", "الكوت", "العماره", "سامراء",
    /* Gulf */
    "الرياض", "جده", "مكه", "مكه المكرمه", "المدينه", "المدينه المنوره", "الدمام", "الخبر", "الطائف",
    "تبوك", "ابها", "نجران", "جازان", "حائل", "القطيف", "بريده", "الظهران", "الاحساء",
    "ينبع", "نيوم", "ابوظبي", "ابو ظبي", "دبي", "الشارقه", "العين", "عجمان",
    "الفجيره", "راس الخيمه", "الدوحه", "الكويت", "المنامه", "مسقط", "صلاله",
    /* Levant */
    "دمشق", "حلب", "حمص", "حماه", "اللاذقيه", "طرطوس", "ادلب", "درعا", "دير الزور",
    "الرقه", "القامشلي", "الحسكه", "بيروت", "صيدا", "صور", "طرابلس", "بعلبك",
    "عمان", "اربد", "الزرقاء", "العقبه", "القدس", "رام الله", "غزه", "خان يونس",
    "رفح", "الخليل", "نابلس", "جنين", "بيت لحم", "طولكرم", "اريحا", "الناصره",
    "حيفا", "يافا", "تل ابيب",
    /* Egypt, Sudan, Maghreb, Horn */
    "القاهره", "الاسكندريه", "الجيزه", "اسوان", "الاقصر", "بورسعيد", "السويس",
    "الاسماعيليه", "المنصوره", "طنطا", "شرم الشيخ", "العريش", "الخرطوم",
    "ام درمان", "بورتسودان", "بنغازي", "مصراته", "سرت", "سبها", "تونس", "صفاقس",
    "الجزائر", "وهران", "قسنطينه", "الرباط", "الدار البيضاء", "مراكش", "فاس",
    "طنجه", "اكادير", "نواكشوط", "مقديشو", "جيبوتي", "اسمره", "اديس ابابا",
    /* Yemen */
    "صنعاء", "عدن", "تعز", "الحديده", "مارب", "المكلا", "حضرموت",
    /* elsewhere */
    "طهران", "مشهد", "اسطنبول", "انقره", "ازمير", "واشنطن", "نيويورك", "لندن",
    "باريس", "برلين", "موسكو", "بكين", "طوكيو", "روما", "مدريد", "بروكسل",
    "جنيف", "فيينا", "كييف", "وارسو", "اثينا", "نيقوسيا", "لاهاي", "امستردام",
    "اوسلو", "ستوكهولم", "كوبنهاغن", "هلسنكي", "اسلام اباد", "كراتشي",
    "كابل", "نيودلهي", "مومباي", "دكا", "جاكرتا", "كوالالمبور", "سيول",
    "بيونغ يانغ", "اوتاوا", "تورنتو", "مكسيكو", "برازيليا", "بوينس ايرس",
    "نيروبي", "لاغوس", "ابوجا", "داكار", "باماكو", "نيامي", "انجامينا",
    "جوهانسبرغ", "كيب تاون", "سيدني", "ملبورن", "لوس انجلوس", "شيكاغو",
    "ميامي", "دافوس", "ميونخ", "سوتشي", "بغداد الجديده",
    /* more Saudi towns: Gulf outlets date from them */
    "القصيم", "عنيزه", "الرس", "الجبيل", "الخرج", "المجمعه", "الزلفي", "حفر الباطن",
    "عرعر", "سكاكا", "الجوف", "الباحه", "خميس مشيط", "القنفذه", "رابغ", "بيشه",
    "الدوادمي", "الخفجي", "شروره", "عسير", "الطائف", "تربه", "الليث", "املج",
};

/* Words that head a dateline without naming a place or a source ("متابعة",
 * "حوار - فلان"). */
static const char *const DL_LABELS[] = {
    "متابعه", "متابعات", "حوار", "تقرير", "خاص", "تحقيق", "ترجمه", "اعداد", "تصوير", "تغطيه",
    "بروفايل", "رصد", "مراسلون", "مكاتب",
};

int kb_is_place(const char *norm, size_t len)
{
    return IN(PLACES, norm, len);
}

/* ---------------------------------------------------------------- tags */

static const char *const ADJ[] = {
    "المتحده", "الاوسط", "الابيض", "الاحمر", "الاسود", "الكبري", "العليا",
    "الاعلي", "الجديده", "الجديد", "الحرام", "الشريف", "الاقصي", "المكرمه",
    "المنوره", "المحتله", "الحر", "الحره", "الخاصه", "العام", "العامه",
    "الاول", "الاولي", "الموحد", "الموحده", "المسلحه", "المشتركه", "المستقله",
    "الكبير", "الصغري", "الوسطي", "الادني", "الاقصي", "المقدس", "المقدسه",
};

static const char *const PREP[] = {
    "في", "من", "الي", "علي", "عن", "مع", "بين", "حول", "ضد", "نحو", "لدي",
    "عبر", "داخل", "خارج", "قرب", "بعد", "قبل", "منذ", "تحت", "فوق",
};

static const char *const HEAD[] = {
    "مجلس", "حزب", "رئيس", "وزير", "جيش", "حل", "قطاع", "مطار", "ميناء",
    "امير", "ملك", "ولي", "شيخ", "امام", "حرس", "تنظيم", "اتفاق", "مؤتمر",
    "منتدي", "صندوق", "بنك", "مصرف", "سوق", "كاس", "دوري", "نادي", "مسجد",
    "قصر", "اقليم", "مخيم", "معبر", "سد", "نهر", "بحر", "جبل", "خليج", "مركز",
    "معهد", "مستشفي", "برنامج", "مشروع", "قانون", "اتحاد", "تحالف", "حرب",
    "عيد", "معرض", "مهرجان", "فريق", "منتخب", "حي", "شارع", "ميدان", "باب",
    "برج", "موسم", "ملف", "سعر", "اسعار", "نفط", "غاز", "جامع", "دار", "ديوان",
    "انتخاب", "وزراء", "قائد", "زعيم", "مرشد", "امين", "نائب", "سفير", "مبعوث",
    "اسواق", "مجموعه",
};

/* Word features for grouping, on the normalised form. */
typedef struct tword {
    size_t off, len;      /* display text */
    char n[96];           /* normalised */
    size_t nl;
} tword;

static int has_al(const tword *w)
{
    return starts_with(w->n, w->nl, "ال") && nchars(w->n, w->nl) >= 4;
}

static int is_prep(const tword *w) { return IN(PREP, w->n, w->nl); }

static int is_adj(const tword *w, const tword *prev)
{
    if (!has_al(w) || nchars(w->n, w->nl) < 5) return 0;
    if (IN(ADJ, w->n, w->nl)) return 1;
    if (!strcmp(w->n, "السعوديه")) /* a country, unless in a chain */
        return prev && (ends_with(prev->n, prev->nl, "يه") || ends_with(prev->n, prev->nl, "ي"));
    return ends_with(w->n, w->nl, "ي") || ends_with(w->n, w->nl, "يه") ||
           ends_with(w->n, w->nl, "يين") || ends_with(w->n, w->nl, "يون");
}

static int is_head(const tword *w)
{
    if (has_al(w) || is_prep(w) || kb_is_place(w->n, w->nl)) return 0;
    if (nchars(w->n, w->nl) < 2) return 0;
    return IN(HEAD, w->n, w->nl) || ends_with(w->n, w->nl, "ه") ||
           ends_with(w->n, w->nl, "ات");
}

#define MAX_TAGS 64
#define MAX_TAG_WORDS 64

/* Push a tag unless it is empty or a normalised duplicate. */
static int tag_push(kb_arena *a, kb_strvec *tags, const char *s, size_t len)
{
    if (tags->n >= MAX_TAGS) return KB_OK;
    char *d = kb_clean_name(a, s, len);
    if (!d || !*d) return d ? KB_OK : (len ? KB_ENOMEM : KB_OK);
    /* drop tatweel in tags */
    char *fixed = kb_display_fix(a, d, strlen(d), KB_DISP_TATWEEL);
    if (!fixed) return KB_ENOMEM;
    if (!has_letter(fixed, strlen(fixed)) && !has_digit(fixed, strlen(fixed))) return KB_OK;
    size_t nl;
    char *nn = kb_normalize_str(fixed, strlen(fixed), &nl);
    if (!nn) return KB_ENOMEM;
    int dup = 0;
    for (size_t k = 0; k < tags->n && !dup; k++) {
        size_t ol;
        char *on = kb_normalize_str(tags->v[k], strlen(tags->v[k]), &ol);
        if (!on) { free(nn); return KB_ENOMEM; }
        dup = ol == nl && !memcmp(on, nn, nl);
        free(on);
    }
    free(nn);
    return dup ? KB_OK : kb_strvec_push(tags, fixed);
}

/* Delimiters that separate tags explicitly. */
static int is_tag_delim(int32_t cp)
{
    return cp == 0x060C || cp == ',' || cp == '|' || cp == ';' || cp == 0x061B ||
           cp == 0x2022 || cp == 0xB7 || cp == '#' || cp == 0x2016;
}

static int has_explicit_delims(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        int32_t cp = cp_at(s, len, i, &nx);
        if (is_tag_delim(cp)) return 1;
        /* " - " with spaces */
        if (is_dash_cp(cp) && i > 0 && s[i - 1] == ' ' && nx < len && s[nx] == ' ') return 1;
        i = nx;
    }
    return 0;
}

int kb_tags_add(kb_arena *a, const char *s, size_t len, kb_strvec *tags)
{
    /* Persian letters fixed first: the word lists are Arabic. */
    char *fx = kb_display_fix(a, s, len, KB_DISP_TATWEEL);
    if (!fx) return KB_ENOMEM;
    size_t fl = strlen(fx);
    int rc = KB_OK;
    if (has_explicit_delims(fx, fl)) {
        size_t st = 0, i = 0;
        while (i <= fl && rc == KB_OK) {
            size_t nx = i + 1;
            int cut = i == fl;
            if (!cut) {
                int32_t cp = cp_at(fx, fl, i, &nx);
                cut = is_tag_delim(cp) ||
                      (is_dash_cp(cp) && i > 0 && fx[i - 1] == ' ' && nx < fl && fx[nx] == ' ');
            }
            if (cut) {
                if (i > st) rc = tag_push(a, tags, fx + st, i - st);
                st = nx;
            }
            i = nx;
        }
        return rc;
    }
    word ws[MAX_TAG_WORDS];
    size_t n = split_words(fx, fl, ws, MAX_TAG_WORDS, NULL);
    tword *tw = malloc((n ? n : 1) * sizeof *tw);
    if (!tw) return KB_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        tw[k].off = ws[k].off;
        tw[k].len = ws[k].len;
        tw[k].nl = norm_word(fx + ws[k].off, ws[k].len, tw[k].n, sizeof tw[k].n);
        if (!tw[k].nl) tw[k].n[0] = '\0';
    }
    size_t i = 0;
    while (i < n && rc == KB_OK) {
        size_t j = i + 1;
        if (is_prep(&tw[i]) && i + 1 < n) {
            j = i + 2;
        } else if (is_head(&tw[i]) && j < n && has_al(&tw[j]) && !is_prep(&tw[j])) {
            j++;
        }
        while (j < n && j - i < 4 && is_adj(&tw[j], &tw[j - 1])) j++;
        /* "التحالف الدولي ضد داعش": a coalition or campaign against X */
        if (j + 1 < n && !strcmp(tw[j].n, "ضد") && !is_prep(&tw[j + 1])) {
            j += 2;
            while (j < n && j - i < 6 && is_adj(&tw[j], &tw[j - 1])) j++;
        }
        size_t st = tw[i].off, en = tw[j - 1].off + tw[j - 1].len;
        rc = tag_push(a, tags, fx + st, en - st);
        i = j;
    }
    free(tw);
    return rc;
}

/* ---------------------------------------------------------------- dates */

/* Words that may stand beside a date on a date line. */
static const char *const DATE_LABEL[] = {
    "تاريخ", "التاريخ", "النشر", "نشر", "بتاريخ", "في", "اخر", "تحديث", "التحديث", "تم",
    "محدث", "تعديل", "التعديل", "يوم", "الساعه", "ساعه", "ص", "م", "صباحا",
    "مساء", "مساءا", "ظهرا", "بتوقيت", "توقيت", "غرينتش", "جرينتش", "مكه",
    "المكرمه", "القدس", "القاهره", "بغداد", "الموافق", "ه", "هجري", "هجريه",
    "ميلادي", "منذ", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس",
    "الجمعه", "السبت", "gmt", "utc", "am", "pm", "published", "updated",
    "last", "on", "at", "posted", "modified", "date", "th", "st", "nd", "rd",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "نشرت", "ونشر", "اخر تحديث",
};

static int contains(const char *h, size_t n, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = 0; i + nl <= n; i++)
        if (!memcmp(h + i, needle, nl)) return 1;
    return 0;
}

/* 1: an update label, 2: a publication label, 3: a bare "التاريخ:" /
 * "Date:" (a date of something, not necessarily of the article), 0: none. */
static int label_kind(const char *norm, size_t n)
{
    static const char *const upd[] = { "تحديث", "محدث", "تعديل", "update", "modified", "edited" };
    static const char *const pub[] = { "نشر", "publish", "posted" };
    static const char *const gen[] = { "تاريخ", "date" };
    for (size_t k = 0; k < sizeof upd / sizeof upd[0]; k++)
        if (contains(norm, n, upd[k])) return 1;
    for (size_t k = 0; k < sizeof pub / sizeof pub[0]; k++)
        if (contains(norm, n, pub[k])) return 2;
    for (size_t k = 0; k < sizeof gen / sizeof gen[0]; k++)
        if (contains(norm, n, gen[k])) return 3;
    return 0;
}

/* Words of s[a..b) that are neither date labels nor numbers: their count,
 * the first one's span and the last one's. */
static size_t seg_unknown(const char *s, size_t a, size_t b, kb_span *first, kb_span *last)
{
    word w[24];
    int more;
    size_t n = split_words(s + a, b - a, w, 24, &more), unk = more ? 8 : 0;
    for (size_t k = 0; k < n; k++) {
        const char *t = s + a + w[k].off;
        if (!has_letter(t, w[k].len)) continue;
        char buf[96];
        size_t nl = norm_word(t, w[k].len, buf, sizeof buf);
        if (nl && IN(DATE_LABEL, buf, nl)) continue;
        /* "25th," "2024آخر": the letters glued to a number are labels */
        if (nl && (IN(DATE_LABEL, buf + strspn(buf, "0123456789"), nl - strspn(buf, "0123456789"))))
            continue;
        kb_span sp = { a + w[k].off, w[k].len };
        if (!unk && first) *first = sp;
        if (last) *last = sp;
        unk++;
    }
    return unk;
}

/* A known place in the first one or two words of s[0..b). Returns the
 * span length (0 when none). */
static size_t lead_place(const char *s, size_t b)
{
    word w[3];
    int more;
    size_t n = split_words(s, b, w, 2, &more);
    for (size_t k = n; k >= 1; k--) {
        size_t e = w[k - 1].off + w[k - 1].len;
        char buf[96];
        size_t nl = norm_word(s + w[0].off, e - w[0].off, buf, sizeof buf);
        if (nl && kb_is_place(buf, nl)) return e;
    }
    return 0;
}

#define DATE_LINE_MAX 400u
#define DATE_LINE_WORDS 16u

static int span_has_agency(const char *s, kb_span sp);

int kb_date_line(const char *s, size_t len, kb_line_dates *out)
{
    memset(out, 0, sizeof *out);
    if (len > DATE_LINE_MAX) return 0;
    size_t off = 0, prev = 0, ndates = 0, unk = 0, lead_unk = 0;
    kb_span lead = { 0, 0 };
    kb_date_match m;
    while (off < len && ndates < 4 && kb_date_find(s + off, len - off, &m)) {
        size_t ms = off + m.start, me = off + m.end;
        if (me <= ms || me > len) break;
        size_t nl;
        char *lab = kb_normalize_str(s + prev, ms - prev, &nl);
        if (!lab) return 0;
        int kind = label_kind(lab, nl);
        free(lab);
        if (!ndates) {
            /* "الرياض 15 رجب 1445 هـ ... واس": a place before the date */
            size_t pe = lead_place(s, ms);
            if (pe) {
                out->place.off = ltrim_ws(s, 0);
                out->place.len = pe - out->place.off;
            }
            lead_unk = seg_unknown(s, pe, ms, NULL, NULL);
            lead.off = ltrim_ws(s, 0);
            lead.len = rtrim_ws(s, ms) > lead.off ? rtrim_ws(s, ms) - lead.off : 0;
        } else {
            unk += seg_unknown(s, prev, ms, NULL, NULL);
        }
        if (kind == 1 || kind == 2) out->labelled = 1;
        if (kind == 1) {
            if (!out->has_upd) { out->upd = m.date; out->has_upd = 1; }
        } else if (!out->has_pub) {
            out->pub = m.date;
            out->has_pub = 1;
        }
        ndates++;
        prev = off = me;
    }
    if (!ndates) return 0;
    kb_span f = { 0, 0 }, l = { 0, 0 };
    size_t tail_unk = seg_unknown(s, prev, len, &f, &l);
    int at_end = tail_unk == 1 && l.off + l.len == rtrim_ws(s, len);
    /* one word after the date on a dateline: the agency ("... 2024 م واس");
     * an agency there also vouches for an unknown place before the date */
    if (at_end && (out->place.len || span_has_agency(s, l))) {
        out->source = l;
        tail_unk = 0;
        if (!out->place.len && lead_unk && lead_unk <= 2 && lead.len) {
            out->place = lead;
            lead_unk = 0;
        }
    }
    unk += tail_unk + lead_unk;
    word ws[DATE_LINE_WORDS + 1];
    int more;
    split_words(s, len, ws, DATE_LINE_WORDS, &more);
    out->date_only = unk == 0;
    return out->date_only || (out->labelled && !more && unk <= 3);
}

/* ---------------------------------------------------------------- datelines */

/* Does the token end a sentence or carry a comma? (not a name part) */
static int sentence_punct(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        int32_t cp = cp_at(s, len, i, &nx);
        if (cp == '.' || cp == 0x060C || cp == ',' || cp == '!' || cp == '?' ||
            cp == 0x061F || cp == 0x061B || cp == ';')
            return 1;
        i = nx;
    }
    return 0;
}

/* Is the first word of s[off..off+len) a stopword ("في", "الذي")? Names of
 * places and agencies do not open with one; parentheticals do. */
static int first_is_stop(const char *s, size_t off, size_t len)
{
    word w[2];
    int more;
    if (!split_words(s + off, len, w, 1, &more)) return 1;
    /* the name "علي" is spelt with yeh; the preposition "على" folds to it */
    if (w[0].len == strlen("علي") && !memcmp(s + off + w[0].off, "علي", w[0].len)) return 0;
    char buf[96];
    size_t n = norm_word(s + off + w[0].off, w[0].len, buf, sizeof buf);
    return n && kb_is_stopword(buf, n);
}

/* s[off..off+len) without a trailing "(...)" ("بنغازي (ليبيا)" -> "بنغازي"). */
static kb_span cut_paren(const char *s, kb_span sp)
{
    for (size_t i = 0; i < sp.len; i++)
        if (s[sp.off + i] == '(') {
            size_t e = i;
            while (e && s[sp.off + e - 1] == ' ') e--;
            if (e) sp.len = e;
            break;
        }
    return sp;
}

static int span_is_place(const char *s, size_t off, size_t len)
{
    char buf[96];
    size_t n = norm_word(s + off, len, buf, sizeof buf);
    return n && kb_is_place(buf, n);
}

/* News agencies and outlets that sign datelines ("سبق - جدة", "رويترز -
 * بنغازي"), normalised, dots and spaces dropped. */
static const char *const AGENCIES[] = {
    "واس", "وام", "قنا", "بنا", "كونا", "سانا", "واع", "وفا", "معا", "الاناضول",
    "رويترز", "افب", "دبا", "اب", "فرانسبرس", "الفرنسيه", "اسوشيتدبرس", "سبق",
    "عكاظ", "الوكالات", "وكالات", "الوئام", "سيانان", "بيبيسي", "الجزيره",
    "العربيه", "سكاينيوز", "الحياه", "الشرقالاوسط", "ارنا", "فارس", "تسنيم",
    "شينخوا", "ناس", "السومريه", "المستقله", "عيناليوم", "الوطن",
    "الاقتصاديه", "الرياضي", "ايلاف", "هسبريس", "اليومالسابع", "المصرياليوم", "الاهرام",
    "الشروق", "النهار", "الخليج", "البيان", "الاتحاد", "الراي", "القبس", "reuters", "afp", "ap", "dpa",
    "ani", "xinhua", "cnn", "bbc", "upi", "efe", "ansa", "wam", "spa", "kuna",
};

/* Is some word (or the whole) of the span an agency? */
static int span_has_agency(const char *s, kb_span sp)
{
    char buf[128];
    size_t n = norm_word(s + sp.off, sp.len, buf, sizeof buf);
    if (!n) return 0;
    /* the whole, with dots and spaces dropped: "د.ب.أ", "أ ف ب" */
    char sq[128];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (buf[i] != '.' && buf[i] != ' ') sq[m++] = buf[i];
    if (IN(AGENCIES, sq, m) || starts_with(buf, n, "وكاله")) return 1;
    word w[5];
    int more;
    size_t nw = split_words(s + sp.off, sp.len, w, 4, &more);
    for (size_t k = 0; nw > 1 && k < nw; k++) {
        size_t l = norm_word(s + sp.off + w[k].off, w[k].len, buf, sizeof buf);
        if (l && IN(AGENCIES, buf, l)) return 1;
    }
    return 0;
}

/* A person's name: 2-4 words, the first not "ال..." nor a stopword, no
 * place or agency in it. Outlets ("العرب اليوم") and places mostly carry
 * the article; first names do not. */
static int span_is_person(const char *s, kb_span sp)
{
    word w[6];
    int more;
    size_t n = split_words(s + sp.off, sp.len, w, 5, &more);
    if (more || n < 2 || n > 4 || has_digit(s + sp.off, sp.len)) return 0;
    char buf[96];
    size_t l = norm_word(s + sp.off + w[0].off, w[0].len, buf, sizeof buf);
    if (!l || starts_with(buf, l, "ال") || first_is_stop(s, sp.off, sp.len) ||
        !is_letter_cp(cp_at(buf, l, 0, NULL)))
        return 0;
    return !span_has_agency(s, sp) && !span_is_place(s, sp.off, sp.len);
}

/* Who is who in "X - Y": the place, the source (agency, outlet) and the
 * author, by what is known of each name. */
static int span_is_label(const char *s, kb_span sp)
{
    char buf[96];
    size_t n = norm_word(s + sp.off, sp.len, buf, sizeof buf);
    return n && IN(DL_LABELS, buf, n);
}

static size_t span_words(const char *s, kb_span sp)
{
    word w[6];
    int more;
    size_t n = split_words(s + sp.off, sp.len, w, 5, &more);
    return more ? 6 : n;
}

static void assign_roles(const char *s, kb_span x, kb_span y, kb_dateline *out)
{
    kb_span xp = cut_paren(s, x), yp = cut_paren(s, y);
    memset(out, 0, sizeof *out);
    if (span_is_label(s, x) || span_is_label(s, y)) {
        kb_span o = span_is_label(s, x) ? y : x;   /* the other name */
        if (span_is_label(s, o)) return;
        if (span_is_person(s, o)) out->author = o;
        else if (span_is_place(s, cut_paren(s, o).off, cut_paren(s, o).len)) out->place = cut_paren(s, o);
        else out->source = o;
        return;
    }
    if (span_is_place(s, xp.off, xp.len)) {
        out->place = xp;
        if (span_is_person(s, y)) out->author = y; else out->source = y;
    } else if (span_is_place(s, yp.off, yp.len)) {
        out->place = yp;
        if (span_is_person(s, x)) out->author = x; else out->source = x;
    } else if (span_has_agency(s, x)) {
        out->source = x;
        if (span_is_person(s, y)) out->author = y;
        else if (!span_has_agency(s, y)) out->place = yp;
    } else if (span_has_agency(s, y)) {
        out->source = y;
        if (span_is_person(s, x)) out->author = x; else out->place = xp;
    } else if (span_is_person(s, x)) {
        /* "خالد الفرج ـ عنيزة": a one-word name after a person is a town */
        out->author = x;
        if (span_words(s, yp) == 1) out->place = yp; else out->source = y;
    } else {
        out->place = xp;
        out->source = y;
    }
}

/* Inside running text "X - Y -" is also a parenthesis ("تمكنت – بفضل الله
 * تعالى – عشر فرق"): a dateline needs one name that is known (a place, an
 * agency, a dateline label), or a person's name and a one-word town. */
static int dateline_evidence(const char *s, kb_span x, kb_span y)
{
    kb_span xp = cut_paren(s, x), yp = cut_paren(s, y);
    return span_is_place(s, xp.off, xp.len) || span_is_place(s, yp.off, yp.len) ||
           span_has_agency(s, x) || span_has_agency(s, y) || span_is_label(s, x) ||
           span_is_label(s, y) || (span_is_person(s, x) && span_words(s, yp) == 1);
}

static kb_span mkspan(size_t a, size_t b)
{
    kb_span sp = { a, b > a ? b - a : 0 };
    return sp;
}

static int is_sep_token(const char *s, size_t len)
{
    return is_dash_token(s, len) || (len == 1 && (s[0] == '/' || s[0] == '|' || s[0] == '_'));
}

/* Ends with a glued dash ("رويترز-")? Returns the length without it. */
static size_t glued_dash(const char *s, size_t len)
{
    if (len < 2) return 0;
    size_t p = len - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
    int32_t cp = cp_at(s, len, p, NULL);
    return is_dash_cp(cp) && cp != 0x0640 && p > 0 ? p : 0;
}

/* Sentence punctuation other than commas. */
static int stop_punct(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        int32_t cp = cp_at(s, len, i, &nx);
        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x061B || cp == ';')
            return 1;
        i = nx;
    }
    return 0;
}

/* Starts with a dash glued to letters ("-عين")? Returns its byte length. */
static size_t lead_dash(const char *s, size_t len)
{
    size_t nx;
    int32_t cp = cp_at(s, len, 0, &nx);
    return is_dash_cp(cp) && cp != 0x0640 && nx < len && is_letter_cp(cp_at(s, len, nx, NULL)) ? nx : 0;
}

/* Roles of the parts of a three-part dateline ("حامد القرشي – قاسم الزرعي
 * – عين اليوم"): each part on its own. */
static void assign_parts(const char *s, const kb_span *p, size_t np, kb_dateline *out)
{
    memset(out, 0, sizeof *out);
    size_t pa = np, pz = np;   /* first and last person part */
    for (size_t k = 0; k < np; k++) {
        kb_span c = cut_paren(s, p[k]);
        if (span_is_label(s, p[k])) continue;
        if (span_is_place(s, c.off, c.len)) {
            if (!out->place.len) out->place = c;
        } else if (span_has_agency(s, p[k])) {
            if (!out->source.len) out->source = p[k];
        } else if (span_is_person(s, p[k])) {
            if (pa == np) pa = k;
            pz = k;
        } else if (!out->place.len && span_words(s, c) == 1) {
            out->place = c;
        } else if (!out->source.len) {
            out->source = p[k];
        }
    }
    if (pa < np) out->author = mkspan(p[pa].off, p[pz].off + p[pz].len);
}

int kb_dateline_line(const char *s, size_t len, kb_dateline *out)
{
    word w[11];
    int more;
    memset(out, 0, sizeof *out);
    size_t n = split_words(s, len, w, 10, &more);
    /* commas may join two authors ("داليا أبوالعيش، عمر إبراهيم – ...") */
    if (more || n < 2 || n > 9 || has_digit(s, len) || stop_punct(s, len)) return 0;
    size_t end = w[n - 1].off + w[n - 1].len;
    /* X (Y) */
    for (size_t k = 1; k < n && k <= 2; k++) {
        if (s[w[k].off] != '(') continue;
        if (s[end - 1] != ')' || n - k > 3) return 0;
        kb_span x = mkspan(w[0].off, w[k - 1].off + w[k - 1].len);
        kb_span y = mkspan(w[k].off + 1, end - 1);
        if (!y.len || first_is_stop(s, x.off, x.len) || first_is_stop(s, y.off, y.len)) return 0;
        out->place = x;
        /* "بنغازي (ليبيا)": a city and its country */
        if (!span_is_place(s, y.off, y.len) || span_has_agency(s, y)) out->source = y;
        return 1;
    }
    /* parts between separators: a token of its own ("-", "ـ", "/", "_"),
     * a dash glued to the end of a word ("رويترز-") or to the start of
     * one ("-عين اليوم") */
    kb_span part[4];
    size_t np = 0, ps = w[0].off;
    for (size_t k = 0; k < n; k++) {
        const char *t = s + w[k].off;
        size_t tl = w[k].len, g = glued_dash(t, tl), ld = lead_dash(t, tl);
        if (!g && tl > 1 && t[tl - 1] == '/') g = tl - 1;   /* "بغداد/ المستقلة" */
        size_t pe = 0, next = 0;
        if (is_sep_token(t, tl)) {
            if (!k) return 0;
            pe = w[k - 1].off + w[k - 1].len;
            next = k + 1 < n ? w[k + 1].off : end;
        } else if (g) {
            pe = w[k].off + g;
            next = k + 1 < n ? w[k + 1].off : end;
        } else if (ld && k) {
            pe = w[k - 1].off + w[k - 1].len;
            next = w[k].off + ld;
        } else {
            continue;
        }
        if (np == 3 || pe <= ps) return 0;
        part[np++] = mkspan(ps, pe);
        ps = next;
    }
    if (np && ps < end) part[np++] = mkspan(ps, end);
    int weak = 0;
    if (np < 2) {
        /* "حامد القرشي-مكة المكرمة": a dash inside a word, accepted only
         * with evidence (compound adjectives are written so too) */
        np = 0;
        for (size_t k = 0; k < n && !np; k++) {
            const char *t = s + w[k].off;
            const char *d = memchr(t, '-', w[k].len);
            if (!d || d == t || d == t + w[k].len - 1) continue;
            part[0] = mkspan(w[0].off, (size_t)(d - s));
            part[1] = mkspan((size_t)(d - s) + 1, end);
            np = 2;
        }
        weak = 1;
    }
    if (np < 2) return 0;
    for (size_t k = 0; k < np; k++) {
        if (!has_letter(s + part[k].off, part[k].len) || span_words(s, part[k]) > 4 ||
            first_is_stop(s, part[k].off, part[k].len))
            return 0;
    }
    if (np == 2) {
        if (weak && !dateline_evidence(s, part[0], part[1])) return 0;
        assign_roles(s, part[0], part[1], out);
    } else {
        assign_parts(s, part, np, out);
    }
    return 1;
}

/* Skip spaces and one separator (dash, colon) after position i; returns the
 * new position, *had set when a separator was there. */
static size_t skip_sep(const char *s, size_t len, size_t i, int *had)
{
    *had = 0;
    size_t nx;
    while (i < len && is_space_cp(cp_at(s, len, i, &nx))) i = nx;
    while (i < len) {
        int32_t cp = cp_at(s, len, i, &nx);
        if (is_dash_cp(cp) || cp == ':') { *had = 1; i = nx; }
        else break;
    }
    while (i < len && is_space_cp(cp_at(s, len, i, &nx))) i = nx;
    return i;
}

/* The name words w[a..b] are fit for a dateline: letters, no sentence
 * punctuation, no digits, not opened by a stopword. */
static int name_words(const char *s, const word *w, size_t a, size_t b)
{
    for (size_t q = a; q <= b; q++)
        if (sentence_punct(s + w[q].off, w[q].len) || has_digit(s + w[q].off, w[q].len))
            return 0;
    return has_letter(s + w[a].off, w[b].off + w[b].len - w[a].off) &&
           !first_is_stop(s, w[a].off, w[b].off + w[b].len - w[a].off);
}

/* A relative pronoun at s[i] ("العراق - الذي ..." is a parenthesis, not
 * a dateline). */
static int relative_at(const char *s, size_t len, size_t i)
{
    static const char *const rel[] = { "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي" };
    for (size_t k = 0; k < sizeof rel / sizeof rel[0]; k++) {
        size_t rl = strlen(rel[k]);
        if (len - i >= rl && !memcmp(s + i, rel[k], rl) && (i + rl == len || s[i + rl] == ' '))
            return 1;
    }
    return 0;
}

/* "سلطان المالكي- سبق- الرياض:" -- after two names, a third of one or
 * two words closed by a colon is the place. Returns where the text starts. */
static size_t third_name(const char *s, size_t len, size_t at, kb_dateline *out)
{
    word w[3];
    int more;
    size_t lim = len - at < 80 ? len - at : 80;
    size_t n = split_words(s + at, lim, w, 2, &more);
    for (size_t k = 0; k < n; k++) {
        const char *t = s + at + w[k].off;
        if (t[w[k].len - 1] != ':') continue;
        kb_span z = mkspan(at + w[0].off, at + w[k].off + w[k].len - 1);
        if (!z.len || !name_words(s, (const word[]){ { z.off, z.len } }, 0, 0)) return at;
        int had;
        size_t after = skip_sep(s, len, at + w[k].off + w[k].len - 1, &had);
        if (after >= len) return at;
        out->place = cut_paren(s, z);
        return after;
    }
    return at;
}

size_t kb_dateline_prefix(const char *s, size_t len, kb_dateline *out)
{
    memset(out, 0, sizeof *out);
    size_t lim = len < 160 ? len : 160;
    word w[8];
    int more, had;
    size_t n = split_words(s, lim, w, 7, &more);
    if (n < 2) return 0;

    /* 1. slash form: "المستقلة/-", "بغداد/ المستقلة/-" */
    {
        kb_span parts[3];
        size_t np = 0, i = 0, st = 0, end = 0;
        while (i < lim && np < 3) {
            size_t nx;
            int32_t cp = cp_at(s, lim, i, &nx);
            if (cp == '/') {
                size_t a = st, b = i;
                while (a < b && s[a] == ' ') a++;
                while (b > a && s[b - 1] == ' ') b--;
                word pw[4];
                int pm;
                size_t pn = split_words(s + a, b - a, pw, 3, &pm);
                if (!pn || pm || !has_letter(s + a, b - a) || sentence_punct(s + a, b - a) ||
                    has_digit(s + a, b - a))
                    break;
                parts[np++] = mkspan(a, b);
                st = end = nx;
            } else if (!(is_space_cp(cp) || is_letter_cp(cp) || cp == 0x0640 || cp == '"' ||
                         cp == 0xAB || cp == 0xBB)) {
                break;
            }
            i = nx;
            if (i - st > 60) break;
        }
        if (np > 0) {
            size_t after = skip_sep(s, len, end, &had);
            int known = span_is_place(s, parts[0].off, parts[0].len);
            if (after < len && (np >= 2 || had || known)) {
                if (np >= 2) assign_roles(s, parts[0], parts[np - 1], out);
                else if (known && !had) out->place = parts[0];
                else out->source = parts[0];
                return after;
            }
        }
    }

    /* 2. "الرياض - واس -", "رويترز- بنغازي (ليبيا):", "سبق - جدة:",
     *    "الرياض ـ «الحياة»:", and "واشنطن -" for a known place */
    for (size_t k = 0; k <= 2 && k < n; k++) {
        size_t xe, ys;
        size_t g = glued_dash(s + w[k].off, w[k].len);
        if (k >= 1 && is_dash_token(s + w[k].off, w[k].len)) {
            if (!name_words(s, w, 0, k - 1)) break;
            xe = w[k - 1].off + w[k - 1].len;
            ys = k + 1;
        } else if (g && k <= 1 && !sentence_punct(s + w[k].off, g)) {
            if (k && !name_words(s, w, 0, k - 1)) break;
            xe = w[k].off + g;
            ys = k + 1;
        } else {
            continue;
        }
        kb_span x = mkspan(w[0].off, xe);
        /* the second name: 1-3 words closed by a dash or a colon */
        for (size_t e = ys; e < n && e <= ys + 3; e++) {
            const char *t = s + w[e].off;
            size_t tl = w[e].len, ye = 0, from = 0;
            if (is_dash_token(t, tl)) {
                if (e == ys) break;
                ye = w[e - 1].off + w[e - 1].len;
                from = w[e].off;
            } else {
                size_t p = tl - 1;
                while (p > 0 && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
                int32_t last = cp_at(t, tl, p, NULL);
                if (last != ':' && !is_dash_cp(last)) {
                    if (sentence_punct(t, tl) || has_digit(t, tl)) break;
                    continue;
                }
                ye = w[e].off + p;
                while (ye > w[e].off && s[ye - 1] == ' ') ye--;
                from = w[e].off + p;
            }
            size_t after = skip_sep(s, len, from, &had);
            kb_span y = mkspan(w[ys].off, ye);
            if (after >= len || !y.len || first_is_stop(s, y.off, y.len) ||
                !dateline_evidence(s, x, y))
                break;
            assign_roles(s, x, y, out);
            if (!out->place.len) after = third_name(s, len, after, out);
            return after;
        }
        if (span_is_place(s, x.off, x.len)) {
            size_t after = skip_sep(s, len, xe, &had);
            if (after >= len || relative_at(s, len, after)) return 0;
            out->place = x;
            return after;
        }
        break;
    }

    /* 3. "القاهرة (رويترز) -" */
    for (size_t k = 1; k <= 2 && k < n; k++) {
        if (s[w[k].off] != '(') continue;
        const char *close = memchr(s + w[k].off, ')', lim - w[k].off);
        if (!close || !name_words(s, w, 0, k - 1)) break;
        size_t ce = (size_t)(close - s);
        word sw[5];
        int sm;
        size_t sn = split_words(s + w[k].off + 1, ce - w[k].off - 1, sw, 4, &sm);
        if (!sn || sm || sn > 3) break;
        size_t after = skip_sep(s, len, ce + 1, &had);
        kb_span y = mkspan(w[k].off + 1, ce);
        if (!had || after >= len || first_is_stop(s, y.off, y.len)) break;
        out->place = mkspan(w[0].off, w[k - 1].off + w[k - 1].len);
        if (!span_is_place(s, y.off, y.len) || span_has_agency(s, y)) out->source = y;
        return after;
    }

    /* 4. "واشنطن: ..." for a known place */
    {
        const char *t = s + w[0].off;
        size_t tl = w[0].len;
        for (size_t k = 0; k < 2 && k < n; k++) {
            t = s + w[k].off;
            tl = w[k].len;
            if (t[tl - 1] != ':') continue;
            size_t pl_len = w[k].off + tl - 1 - w[0].off;
            if (span_is_place(s, w[0].off, pl_len)) {
                size_t after = skip_sep(s, len, w[k].off + tl - 1, &had);
                if (after >= len) return 0;
                out->place = mkspan(w[0].off, w[0].off + pl_len);
                return after;
            }
            break;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- bylines */

int kb_byline(const char *s, size_t len, kb_span *name)
{
    static const char *const pre[] = {
        "بقلم", "كتب", "كتبت", "بواسطه", "اعداد", "تحرير", "written by", "by", "author",
    };
    if (len > 160) return 0;
    kb_norm n;
    if (kb_normalize(s, len, 0, &n) != KB_OK) return 0;
    size_t b = 0;
    /* leading dashes and spaces: "- كتب فلان" */
    while (b < n.len && (n.text[b] == ' ' || n.text[b] == '-' || n.text[b] == ':')) b++;
    int ok = 0;
    for (size_t k = 0; k < sizeof pre / sizeof pre[0] && !ok; k++) {
        size_t pl = strlen(pre[k]);
        if (n.len - b < pl || memcmp(n.text + b, pre[k], pl)) continue;
        size_t i = b + pl;
        if (i < n.len && is_letter_cp(cp_at(n.text, n.len, i, NULL))) continue;
        int had;
        i = skip_sep(n.text, n.len, i, &had);
        if (i >= n.len) continue;
        size_t st = n.map[i];
        size_t e = len;
        while (e > st && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == '-')) e--;
        word ww[7];
        int more;
        size_t nw = split_words(s + st, e - st, ww, 5, &more);
        if (!nw || more || sentence_punct(s + st, e - st) || has_digit(s + st, e - st)) continue;
        /* "كتب" is also a verb: "كتب الرئيس على تويتر" has 4+ words and
         * usually a preposition; names are 2-4 words */
        if ((k == 1 || k == 2) && !had && nw > 4) continue;
        name->off = st;
        name->len = e - st;
        ok = 1;
    }
    kb_norm_free(&n);
    return ok;
}
