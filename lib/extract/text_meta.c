/* extract/text_meta.c -- what the plain-text extractor shows and groups
 * (extract stage; the HTML extractor may use these too): the display
 * normalisation of shown text (Persian letters in Arabic words), clean
 * names, the list of known places, and tag lines cut into tags.
 *
 * Word lists here are written in kb_normalize spelling (ة -> ه, ى -> ي,
 * أ إ آ -> ا) because they are compared with normalised words. */
#include "extract/text_extract.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- display */

/* Byte length of the character at u[i] when no rule of kb_display_fix
 * changes it -- printable ASCII and the Arabic letters U+0620..U+06BF but
 * for the Persian ones rewritten there (ک ڪ ھ) and tatweel when it goes:
 * most of every text --, 0 otherwise. */
static size_t plain_len(const unsigned char *u, size_t len, size_t i, unsigned flags)
{
    unsigned c = u[i];
    if (c > 0x20 && c < 0x7F) return 1;
    if (i + 1 >= len) return 0;
    unsigned d = u[i + 1];
    if (c == 0xD8) return d >= 0xA0 && d <= 0xBF ? 2 : 0;
    if (c == 0xD9) return (d & 0xC0) == 0x80 && !(d == 0x80 && (flags & KB_DISP_TATWEEL)) ? 2 : 0;
    if (c == 0xDA) return (d & 0xC0) == 0x80 && d != 0xA9 && d != 0xAA && d != 0xBE ? 2 : 0;
    return 0;
}

char *kb_display_fix(kb_arena *a, const char *s, size_t len, unsigned flags)
{
    char *out = kb_arena_alloc(a, len + 1);
    if (!out) return NULL;
    size_t o = 0, i = 0;
    int space = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < len) {
        /* a run of characters kept as they are: one copy */
        size_t e = i, n;
        while (e < len && (n = plain_len(u, len, e, flags)) > 0) e += n;
        if (e > i) {
            if (space) { out[o++] = ' '; space = 0; }
            memcpy(out + o, s + i, e - i);
            o += e - i;
            i = e;
            if (i == len) break;
        }
        if (u[i] == ' ') { space = o > 0; i++; continue; }
        size_t nx;
        int32_t cp = kb_tw_cp(s, len, i, &nx);
        if (kb_tw_is_space(cp)) { space = o > 0; i = nx; continue; }
        if ((kb_tw_is_invisible(cp) && !(flags & KB_DISP_SPACES_ONLY)) ||
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

/* The characters kb_display_fix rewrites or drops unless
 * KB_DISP_SPACES_ONLY: ی ۍ ې ک ڪ ە ہ ھ ۀ (DA A9 AA BE, DB 80 81 8C 8D 90
 * 95) and the invisibles of kb_tw_is_invisible (U+061C, U+00AD,
 * U+200B..200F, U+202A..202E, U+2066..2069, U+FEFF). Is one at p? */
static int differs_at(const unsigned char *p, size_t left)
{
    unsigned d = left > 1 ? p[1] : 0, e = left > 2 ? p[2] : 0;
    switch (p[0]) {
    case 0xDA: return d == 0xA9 || d == 0xAA || d == 0xBE;
    case 0xDB: return d == 0x80 || d == 0x81 || d == 0x8C || d == 0x8D || d == 0x90 || d == 0x95;
    case 0xC2: return d == 0xAD;
    case 0xE2:
        return (d == 0x80 && ((e >= 0x8B && e <= 0x8F) || (e >= 0xAA && e <= 0xAE))) ||
               (d == 0x81 && e >= 0xA6 && e <= 0xA9);
    case 0xEF: return d == 0xBB && e == 0xBF;
    default: return 0;
    }
}

/* One memchr pass per lead byte: they are rare in a page, and memchr is
 * many times faster than a loop over every byte. */
int kb_display_fix_differs(const char *s, size_t len)
{
    static const unsigned char leads[] = { 0xDA, 0xDB, 0xC2, 0xE2, 0xEF };
    const unsigned char *u = (const unsigned char *)s, *end = u + len, *p;
    for (size_t k = 0; k < sizeof leads; k++)
        for (p = u; (p = memchr(p, leads[k], (size_t)(end - p))); p++)
            if (differs_at(p, (size_t)(end - p))) return 1;
    /* U+061C (D8 9C): D8 leads half the Arabic letters, 9C is rarer */
    for (p = u; len > 1 && (p = memchr(p + 1, 0x9C, (size_t)(end - p - 1))); )
        if (p[-1] == 0xD8) return 1;
    return 0;
}

char *kb_clean_name(kb_arena *a, const char *s, size_t len)
{
    size_t b = 0, e = len;
    /* strip quotes, brackets, dashes, colons at both ends */
    for (;;) {
        int moved = 0;
        while (b < e) {
            size_t nx;
            int32_t cp = kb_tw_cp(s, e, b, &nx);
            if (kb_tw_is_space(cp) || kb_tw_is_dash(cp) || cp == ':' || cp == '(' || cp == '[' ||
                cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
                cp == 0x201D || cp == '/' || cp == '.' || cp == 0x060C || cp == ')' ||
                kb_tw_is_invisible(cp)) {
                b = nx;
                moved = 1;
            } else {
                break;
            }
        }
        while (e > b) {
            size_t p = e - 1;
            while (p > b && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
            int32_t cp = kb_tw_cp(s, e, p, NULL);
            if (kb_tw_is_space(cp) || kb_tw_is_dash(cp) || cp == ':' || cp == ')' || cp == ']' ||
                cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
                cp == 0x201D || cp == '/' || cp == '.' || cp == 0x060C || cp == '(' ||
                kb_tw_is_invisible(cp)) {
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


int kb_is_place(const char *norm, size_t len)
{
    return KB_TW_IN(PLACES, norm, len);
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
    return kb_tw_starts_with(w->n, w->nl, "ال") && kb_tw_nchars(w->n, w->nl) >= 4;
}

static int is_prep(const tword *w) { return KB_TW_IN(PREP, w->n, w->nl); }

static int is_adj(const tword *w, const tword *prev)
{
    if (!has_al(w) || kb_tw_nchars(w->n, w->nl) < 5) return 0;
    if (KB_TW_IN(ADJ, w->n, w->nl)) return 1;
    if (!strcmp(w->n, "السعوديه")) /* a country, unless in a chain */
        return prev && (kb_tw_ends_with(prev->n, prev->nl, "يه") || kb_tw_ends_with(prev->n, prev->nl, "ي"));
    return kb_tw_ends_with(w->n, w->nl, "ي") || kb_tw_ends_with(w->n, w->nl, "يه") ||
           kb_tw_ends_with(w->n, w->nl, "يين") || kb_tw_ends_with(w->n, w->nl, "يون");
}

static int is_head(const tword *w)
{
    if (has_al(w) || is_prep(w) || kb_is_place(w->n, w->nl)) return 0;
    if (kb_tw_nchars(w->n, w->nl) < 2) return 0;
    return KB_TW_IN(HEAD, w->n, w->nl) || kb_tw_ends_with(w->n, w->nl, "ه") ||
           kb_tw_ends_with(w->n, w->nl, "ات");
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
    if (!kb_tw_has_letter(fixed, strlen(fixed)) && !kb_tw_has_digit(fixed, strlen(fixed))) return KB_OK;
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
        int32_t cp = kb_tw_cp(s, len, i, &nx);
        if (is_tag_delim(cp)) return 1;
        /* " - " with spaces */
        if (kb_tw_is_dash(cp) && i > 0 && s[i - 1] == ' ' && nx < len && s[nx] == ' ') return 1;
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
                int32_t cp = kb_tw_cp(fx, fl, i, &nx);
                cut = is_tag_delim(cp) ||
                      (kb_tw_is_dash(cp) && i > 0 && fx[i - 1] == ' ' && nx < fl && fx[nx] == ' ');
            }
            if (cut) {
                if (i > st) rc = tag_push(a, tags, fx + st, i - st);
                st = nx;
            }
            i = nx;
        }
        return rc;
    }
    kb_word ws[MAX_TAG_WORDS];
    size_t n = kb_tw_split(fx, fl, ws, MAX_TAG_WORDS, NULL);
    tword *tw = malloc((n ? n : 1) * sizeof *tw);
    if (!tw) return KB_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        tw[k].off = ws[k].off;
        tw[k].len = ws[k].len;
        tw[k].nl = kb_tw_norm_word(fx + ws[k].off, ws[k].len, tw[k].n, sizeof tw[k].n);
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
