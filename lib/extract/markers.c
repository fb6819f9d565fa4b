/* extract/markers.c -- what a line of a scraped page announces (extract
 * stage; used by the plain-text extractor on lines and by the HTML
 * extractor on block texts): "اقرأ أيضاً" pieces, related-headline lists,
 * tag lines, "المصدر:" lines, site furniture, leaked CSS/JS.
 *
 * Lines are matched on their normalised form (kb_normalize: أ إ آ -> ا,
 * ة -> ه, ى -> ي, harakat and tatweel gone, Latin lower-cased), so the table
 * below is written in that spelling (a test checks every phrase is a fixed
 * point of kb_normalize). Only the first MAX_NORM bytes of a line are
 * normalised: every marker sits at the start of its line, and a line that
 * long is never furniture. */
#include "extract/text_extract.h"

#include <stdlib.h>
#include <string.h>

#define MAX_NORM 600u
#define SHORT_WORDS 14u     /* furniture announced by its first words */
#define CONTAINS_WORDS 30u  /* furniture recognised by a phrase inside */
#define SOURCE_WORDS 6u     /* "المصدر وكالات" without a colon */
#define MAX_SELECTOR 512u   /* bytes of a CSS selector before "{" */
#define MAX_RULE 8192u      /* bytes of one leaked rule or script block */
#define MAX_FAILS 64u       /* "{" that open no rule, per search */

/* How a phrase must match (on the normalised line, leading non-letters
 * skipped, trailing punctuation ignored). */
enum {
    M_STRONG = 1,  /* at the start; anything may follow (inline content) */
    M_SEP,         /* at the start; the whole line, or a separator (: - |)
                      before the content */
    M_WHOLE,       /* the whole line */
    M_SHORT,       /* at the start of a line of at most SHORT_WORDS words */
    M_CONTAINS,    /* anywhere in a line of at most CONTAINS_WORDS words */
};

typedef struct marker {
    const char *p;
    unsigned char len, mark, mode;   /* len: strlen(p), fixed at compile time */
} marker;

#define MK(phrase, mark, mode) { phrase, sizeof phrase - 1, mark, mode }

#define RA KB_MARK_READ_ALSO
#define RL KB_MARK_RELATED
#define TG KB_MARK_TAGS
#define SR KB_MARK_SOURCE
#define FU KB_MARK_FURNITURE

static const marker MARKERS[] = {
    /* "read also": an embedded article or a list, decided by what follows */
    MK("اقرا ايضا", RA, M_STRONG), MK("اقرا كذلك", RA, M_STRONG),
    MK("اقرا المزيد", RA, M_STRONG), MK("اقرا", RA, M_WHOLE),
    MK("اقراي ايضا", RA, M_STRONG), MK("طالع ايضا", RA, M_STRONG),
    MK("طالع كذلك", RA, M_STRONG), MK("طالع", RA, M_WHOLE),
    MK("شاهد ايضا", RA, M_STRONG), MK("شاهد كذلك", RA, M_STRONG),
    MK("شاهد", RA, M_WHOLE), MK("شاهد المزيد", RA, M_SEP),
    MK("قد يهمك", RA, M_STRONG), MK("قد يهمك ايضا", RA, M_STRONG),
    MK("يهمك ايضا", RA, M_STRONG), MK("قد يعجبك", RA, M_STRONG),
    MK("قد يعجبك ايضا", RA, M_STRONG), MK("ربما يهمك", RA, M_STRONG),
    MK("ربما يعجبك", RA, M_STRONG), MK("لا تفوت", RA, M_SEP),
    MK("لا يفوتك", RA, M_SEP), MK("اخترنا لك", RA, M_SEP),
    MK("مواضيع قد تهمك", RA, M_STRONG), MK("مقالات قد تهمك", RA, M_STRONG),
    MK("اخبار قد تهمك", RA, M_STRONG), MK("المزيد", RA, M_WHOLE),
    MK("read also", RA, M_STRONG), MK("also read", RA, M_STRONG),
    MK("read more", RA, M_STRONG), MK("see also", RA, M_STRONG),
    MK("you may also like", RA, M_STRONG), MK("you might also like", RA, M_STRONG),
    MK("recommended", RA, M_WHOLE),

    /* related headlines: always a list */
    MK("مقالات مشابهه", RL, M_STRONG), MK("مقالات ذات صله", RL, M_STRONG),
    MK("اخبار ذات صله", RL, M_STRONG), MK("مواضيع ذات صله", RL, M_STRONG),
    MK("موضوعات ذات صله", RL, M_STRONG), MK("قصص ذات صله", RL, M_STRONG),
    MK("تقارير ذات صله", RL, M_STRONG), MK("اخبار متعلقه", RL, M_STRONG),
    MK("مقالات متعلقه", RL, M_STRONG), MK("مواضيع متعلقه", RL, M_STRONG),
    MK("موضوعات متعلقه", RL, M_STRONG), MK("اخبار مشابهه", RL, M_STRONG),
    MK("مواضيع مشابهه", RL, M_STRONG), MK("موضوعات مشابهه", RL, M_STRONG),
    MK("ذات صله", RL, M_SEP), MK("الاكثر قراءه", RL, M_STRONG),
    MK("الاكثر مشاهده", RL, M_STRONG), MK("الاكثر تداولا", RL, M_STRONG),
    MK("الاكثر تعليقا", RL, M_STRONG), MK("الاكثر شعبيه", RL, M_STRONG),
    MK("اخر الاخبار", RL, M_SEP), MK("احدث الاخبار", RL, M_SEP),
    MK("اخبار اخري", RL, M_SEP), MK("المزيد من الاخبار", RL, M_SEP),
    MK("تابع اخر الاخبار", RL, M_WHOLE),
    MK("related", RL, M_SEP), MK("related articles", RL, M_STRONG),
    MK("related news", RL, M_STRONG), MK("related stories", RL, M_STRONG),
    MK("related posts", RL, M_STRONG), MK("related content", RL, M_STRONG),
    MK("more stories", RL, M_SEP), MK("most read", RL, M_SEP),
    MK("most popular", RL, M_SEP), MK("trending", RL, M_WHOLE),
    MK("latest news", RL, M_SEP),

    /* tag lines */
    MK("كلمات دلاليه", TG, M_STRONG), MK("الكلمات الدلاليه", TG, M_STRONG),
    MK("كلمات مفتاحيه", TG, M_STRONG), MK("الكلمات المفتاحيه", TG, M_STRONG),
    MK("وسوم", TG, M_SEP), MK("الوسوم", TG, M_SEP), MK("اوسمه", TG, M_SEP),
    MK("الاوسمه", TG, M_SEP), MK("تاجات", TG, M_SEP), MK("الهاشتاجات", TG, M_SEP),
    MK("tags", TG, M_SEP), MK("keywords", TG, M_SEP), MK("topics", TG, M_SEP),

    /* source lines (also accepted without a separator when short) */
    MK("المصدر", SR, M_SEP), MK("المصادر", SR, M_SEP), MK("مصدر الخبر", SR, M_SEP),
    MK("source", SR, M_SEP), MK("sources", SR, M_SEP),

    /* site furniture: the line is dropped */
    MK("ارسل تعليقك", FU, M_SHORT), MK("اضف تعليق", FU, M_SHORT),
    MK("اضف تعليقك", FU, M_SHORT), MK("اترك تعليقا", FU, M_SHORT),
    MK("اترك تعليق", FU, M_SHORT), MK("التعليقات", FU, M_WHOLE),
    MK("تعليقات", FU, M_WHOLE), MK("عدد التعليقات", FU, M_SHORT),
    MK("قم بالتعليق", FU, M_SHORT), MK("شارك", FU, M_WHOLE),
    MK("شاركها", FU, M_WHOLE), MK("مشاركه", FU, M_WHOLE),
    MK("شارك الخبر", FU, M_SHORT), MK("شارك المقال", FU, M_SHORT),
    MK("شارك هذا", FU, M_SHORT), MK("شارك علي", FU, M_SHORT),
    MK("شارك عبر", FU, M_SHORT), MK("شارك برايك", FU, M_SHORT),
    MK("طباعه", FU, M_WHOLE), MK("اطبع", FU, M_WHOLE), MK("طباعه الخبر", FU, M_SHORT),
    MK("ارسل لصديق", FU, M_SHORT), MK("نسخ الرابط", FU, M_SHORT),
    MK("تم نسخ الرابط", FU, M_SHORT), MK("الرابط المختصر", FU, M_SHORT),
    MK("رابط مختصر", FU, M_SHORT), MK("حجم الخط", FU, M_SHORT),
    MK("تكبير الخط", FU, M_SHORT), MK("تصغير الخط", FU, M_SHORT),
    MK("اعلان", FU, M_WHOLE), MK("الاعلانات", FU, M_WHOLE),
    MK("محتوي مدفوع", FU, M_SHORT), MK("الرئيسيه", FU, M_SHORT),
    MK("الصفحه الرئيسيه", FU, M_SHORT), MK("عاجل", FU, M_WHOLE),
    MK("الخبر التالي", FU, M_SHORT), MK("الخبر السابق", FU, M_SHORT),
    MK("المقال التالي", FU, M_SHORT), MK("المقال السابق", FU, M_SHORT),
    MK("تابعونا علي", FU, M_SHORT), MK("تابعنا علي", FU, M_SHORT),
    MK("تابعونا عبر", FU, M_SHORT), MK("تابعنا عبر", FU, M_SHORT),
    MK("تابعونا", FU, M_WHOLE), MK("تابعنا", FU, M_WHOLE),
    MK("تابع اخر الاخبار", FU, M_SHORT), MK("لمتابعه اخر الاخبار", FU, M_SHORT),
    MK("لمزيد من الاخبار", FU, M_SHORT), MK("للمزيد من الاخبار", FU, M_SHORT),
    MK("اشترك في", FU, M_SHORT), MK("اشترك الان", FU, M_SHORT),
    MK("اشترك", FU, M_WHOLE), MK("للاشتراك", FU, M_SHORT),
    MK("النشره البريديه", FU, M_SHORT), MK("سجل بريدك", FU, M_SHORT),
    MK("حمل تطبيق", FU, M_SHORT), MK("حملوا تطبيق", FU, M_SHORT),
    MK("تحميل تطبيق", FU, M_SHORT), MK("لتحميل تطبيق", FU, M_SHORT),
    MK("جميع الحقوق محفوظه", FU, M_CONTAINS), MK("حقوق النشر", FU, M_SHORT),
    MK("انقر هنا", FU, M_SHORT), MK("اضغط هنا", FU, M_SHORT),
    MK("عدد المشاهدات", FU, M_SHORT), MK("عدد القراءات", FU, M_SHORT),
    MK("زمن القراءه", FU, M_SHORT), MK("وقت القراءه", FU, M_SHORT),
    MK("تسجيل الدخول", FU, M_SHORT), MK("سجل الدخول", FU, M_SHORT),
    MK("اغلاق", FU, M_WHOLE), MK("اغلق", FU, M_WHOLE),
    /* photo captions left where the image was */
    MK("جانب من", FU, M_SHORT), MK("من اليمين", FU, M_SHORT), MK("صوره ارشيفيه", FU, M_SHORT),
    MK("صوره من", FU, M_SHORT), MK("الصوره", FU, M_SHORT), MK("تصوير", FU, M_SHORT),
    MK("ملفات تعريف الارتباط", FU, M_CONTAINS), MK("ملفات الكوكيز", FU, M_CONTAINS),
    MK("يستخدم هذا الموقع", FU, M_CONTAINS), MK("نستخدم ملفات", FU, M_CONTAINS),
    MK("share", FU, M_WHOLE), MK("share this", FU, M_SHORT), MK("print", FU, M_WHOLE),
    MK("comments", FU, M_WHOLE), MK("leave a comment", FU, M_SHORT),
    MK("copy link", FU, M_SHORT), MK("advertisement", FU, M_WHOLE),
    MK("follow us", FU, M_SHORT), MK("subscribe", FU, M_SHORT),
    MK("sign up", FU, M_SHORT), MK("log in", FU, M_SHORT), MK("sign in", FU, M_SHORT),
    MK("all rights reserved", FU, M_CONTAINS), MK("copyright", FU, M_SHORT),
    MK("we use cookies", FU, M_CONTAINS), MK("this site uses cookies", FU, M_CONTAINS),
    MK("this website uses cookies", FU, M_CONTAINS), MK("accept cookies", FU, M_CONTAINS),
    MK("next article", FU, M_SHORT), MK("previous article", FU, M_SHORT),
};

/* Words of share bars: a short line made of nothing else is furniture
 * ("فيسبوك تويتر واتساب"). */
static const char *const SOCIAL[] = {
    "فيسبوك", "فيس", "بوك", "تويتر", "واتساب", "واتس", "اب", "تيليجرام",
    "تلغرام", "تليجرام", "تلجرام", "انستغرام", "انستجرام", "يوتيوب",
    "لينكدان", "لينكد", "ان", "ماسنجر", "سناب", "شات", "تيك", "توك", "بريد",
    "الكتروني", "ايميل", "شارك", "مشاركه", "طباعه", "نسخ", "الرابط", "x",
    "facebook", "twitter", "whatsapp", "telegram", "linkedin", "instagram",
    "youtube", "email", "e-mail", "share", "print", "tweet", "pinterest",
    "reddit", "messenger", "copy", "link",
};

const char *kb_marker_phrase(size_t i)
{
    return i < sizeof MARKERS / sizeof MARKERS[0] ? MARKERS[i].p : NULL;
}

/* Letters and digits of any script we meet in news; everything else
 * (white space, punctuation, bullets, symbols) separates words. */
static int is_wordchar(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z');
    if (cp >= 0x00C0 && cp <= 0x024F) return cp != 0xD7 && cp != 0xF7;
    if (cp >= 0x0370 && cp <= 0x052F) return 1;                  /* Greek, Cyrillic */
    if (cp >= 0x0620 && cp <= 0x0669) return cp != 0x0640;       /* letters, marks, digits */
    if (cp >= 0x066E && cp <= 0x06D3) return 1;
    if (cp >= 0x06D5 && cp <= 0x06FF) return !(cp >= 0x06DD && cp <= 0x06DE);
    if (cp >= 0x0750 && cp <= 0x077F) return 1;
    if (cp >= 0x08A0 && cp <= 0x08FF) return 1;
    if (cp >= 0xFB50 && cp <= 0xFDFF) return 1;
    if (cp >= 0xFE70 && cp <= 0xFEFF) return cp != 0xFEFF;
    return 0;
}

/* Byte offset of the first word character at or after i. */
static size_t skip_nonword(const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t nx;
        if (is_wordchar(kb_tw_cp(s, len, i, &nx))) break;
        i = nx;
    }
    return i;
}

/* True when s[i] does not continue a word (end, space, punctuation). */
static int boundary(const char *s, size_t len, size_t i)
{
    return i >= len || !is_wordchar(kb_tw_cp(s, len, i, NULL));
}

static int is_sep_char(int32_t cp)
{
    return cp == ':' || cp == '-' || cp == '|' || cp == '>' || cp == '/' ||
           cp == 0xFF1A || cp == 0x2013 || cp == 0x2014 || cp == 0xBB ||
           cp == 0x2026 || cp == '.';
}

/* Count words (runs of word characters) of s[0..len). */
static size_t count_words(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    int in = 0;
    while (i < len) {
        size_t nx;
        int w = is_wordchar(kb_tw_cp(s, len, i, &nx));
        if (w && !in) n++;
        in = w;
        i = nx;
    }
    return n;
}

static int social_line(const char *s, size_t len)
{
    size_t i = 0, words = 0;
    while ((i = skip_nonword(s, len, i)) < len) {
        size_t j = i;
        while (j < len) {
            size_t nx;
            int32_t cp = kb_tw_cp(s, len, j, &nx);
            if (!is_wordchar(cp) && cp != '-') break;
            j = nx;
        }
        if (!KB_TW_IN(SOCIAL, s + i, j - i) || ++words > 10) return 0;
        i = j;
    }
    return words > 0;
}

/* The longest valid UTF-8 prefix of at most max bytes. */
static size_t utf8_floor(const char *s, size_t len, size_t max)
{
    if (len <= max) return len;
    size_t i = max;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

/* A lower bound on the words count_words finds in the normalised s: raw
 * white-space-separated tokens holding a letter that normalisation keeps
 * (ASCII alphanumerics, Arabic letters U+0621..U+063A, U+0641..U+064A). */
static size_t raw_words_at_least(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    int counted = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = u[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { counted = 0; continue; }
        if (counted) continue;
        int letter = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (!letter && i + 1 < len)
            letter = (c == 0xD8 && u[i + 1] >= 0xA1 && u[i + 1] <= 0xBA) ||
                     (c == 0xD9 && u[i + 1] >= 0x81 && u[i + 1] <= 0x8A);
        if (letter) { n++; counted = 1; }
    }
    return n;
}

/* Does s (pl bytes or more) start with the phrase p (pl >= 2)? The first
 * two bytes are compared before memcmp: in Arabic text the first alone
 * (D8/D9) matches every other byte. */
static int opens_with(const char *s, const char *p, size_t pl)
{
    return s[0] == p[0] && s[1] == p[1] && !memcmp(s, p, pl);
}

/* Does s[0..n) hold the phrase p anywhere? (n is small: a short line.) */
static int has_phrase(const char *s, size_t n, const char *p, size_t pl)
{
    for (size_t i = 0; i + pl <= n; i++)
        if (opens_with(s + i, p, pl)) return 1;
    return 0;
}

/* Quick rejection for a line too long for a phrase inside it to count
 * (most lines: body paragraphs): only a phrase at its start can match, so
 * normalise a short head and look for one. 1 when some phrase may match
 * (or the head is too short to tell), 0 when none can. */
#define HEAD_BYTES 200u
static int head_may_match(const char *line, size_t len)
{
    size_t cut = utf8_floor(line, len, HEAD_BYTES);
    if (cut >= len) return 1;
    kb_norm n;
    if (kb_normalize(line, cut, 0, &n) != KB_OK) return 1;
    size_t b = skip_nonword(n.text, n.len, 0);
    /* The last characters of a cut head may normalise differently with
     * what follows them (composition): trust the head up to there. */
    size_t reliable = n.len > 8 ? n.len - 8 : 0;
    int may = 0;
    for (size_t k = 0; k < sizeof MARKERS / sizeof MARKERS[0] && !may; k++) {
        const marker *m = &MARKERS[k];
        if (m->mode == M_CONTAINS) continue;
        size_t pl = m->len;
        if (b + pl > reliable) may = 1;
        else if (opens_with(n.text + b, m->p, pl)) may = 1;
    }
    kb_norm_free(&n);
    return may;
}

kb_mark kb_mark_line(const char *line, size_t len, size_t *rest_off)
{
    if (rest_off) *rest_off = len;
    if (!line || !len) return KB_MARK_NONE;
    size_t cut = utf8_floor(line, len, MAX_NORM);
    int truncated = cut < len;
    if ((truncated || raw_words_at_least(line, cut) > CONTAINS_WORDS) &&
        !head_may_match(line, len))
        return KB_MARK_NONE;
    kb_norm n;
    if (kb_normalize(line, cut, 0, &n) != KB_OK) return KB_MARK_NONE;
    const char *t = n.text;
    size_t tl = n.len;
    size_t b = skip_nonword(t, tl, 0);
    /* e: end of the last word character */
    size_t e = b;
    for (size_t i = b; i < tl;) {
        size_t nx;
        if (is_wordchar(kb_tw_cp(t, tl, i, &nx))) e = nx;
        i = nx;
    }
    size_t words = truncated ? (size_t)-1 : count_words(t + b, tl - b);

    const marker *best = NULL;
    size_t best_len = 0;
    for (size_t k = 0; k < sizeof MARKERS / sizeof MARKERS[0]; k++) {
        const marker *m = &MARKERS[k];
        size_t pl = m->len;
        if (m->mode == M_CONTAINS) {
            if (words > CONTAINS_WORDS || best) continue;
            if (has_phrase(t + b, tl - b, m->p, pl)) { best = m; best_len = 0; }
            continue;
        }
        if (e - b < pl || !opens_with(t + b, m->p, pl) || !boundary(t, tl, b + pl)) continue;
        int ok = 0;
        switch (m->mode) {
        case M_STRONG: ok = 1; break;
        case M_WHOLE: ok = e - b == pl; break;
        case M_SHORT: ok = words <= SHORT_WORDS; break;
        case M_SEP: {
            if (e - b == pl) { ok = 1; break; }
            size_t i = b + pl;
            while (i < tl && t[i] == ' ') i++;
            ok = i < tl && is_sep_char(kb_tw_cp(t, tl, i, NULL));
            if (!ok && m->mark == KB_MARK_SOURCE) ok = words <= SOURCE_WORDS;
            break;
        }
        }
        if (ok && (pl > best_len || (best && best->mode == M_CONTAINS))) {
            best = m;
            best_len = pl;
        }
    }
    kb_mark mk = KB_MARK_NONE;
    if (best) {
        mk = (kb_mark)best->mark;
        if (rest_off && best->mode != M_CONTAINS && mk != KB_MARK_FURNITURE) {
            size_t i = b + best_len;
            while (i < tl) {
                size_t nx;
                int32_t cp = kb_tw_cp(t, tl, i, &nx);
                if (cp != ' ' && cp != '\t' && !is_sep_char(cp)) break;
                i = nx;
            }
            *rest_off = i < tl ? n.map[i] : len;
        }
    } else if (words <= 10 && social_line(t, tl)) {
        mk = KB_MARK_FURNITURE;
    }
    kb_norm_free(&n);
    return mk;
}

/* ---------------------------------------------------------------- code */

static int is_sel_byte(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c && strchr(" \t-_.#,>+~:[]=\"'*()@%!", c) != NULL;
}

static int has_ascii_letter(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
    }
    return 0;
}

static int contains_ci(const char *s, size_t a, size_t b, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = a; i + nl <= b; i++) {
        size_t k = 0;
        while (k < nl) {
            unsigned char c = (unsigned char)s[i + k];
            if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
            if (c != (unsigned char)needle[k]) break;
            k++;
        }
        if (k == nl) return 1;
    }
    return 0;
}

/* Does the ASCII stretch s[a..b) carry code punctuation? */
static int ascii_code(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] == '{' || s[i] == '}' || s[i] == '=' || s[i] == ';') return 1;
    return 0;
}

/* One rule whose "{" is at p: its selector start and the end past "}".
 * Returns 1 when it looks like code. */
static int code_rule(const char *s, size_t len, size_t from, size_t p,
                     size_t *rs, size_t *re)
{
    size_t q = p;
    while (q > from && p - q < MAX_SELECTOR && is_sel_byte((unsigned char)s[q - 1])) q--;
    while (q < p && (s[q] == ' ' || s[q] == '\t')) q++;
    if (!has_ascii_letter(s, q, p)) return 0;
    /* the matching brace, within MAX_RULE bytes (so that "{{{{..." costs
     * linear time); a rule cut by the end of the line counts as closed */
    int depth = 0;
    size_t r = p, lim = len - p > MAX_RULE ? p + MAX_RULE : len;
    for (; r < lim; r++) {
        if (s[r] == '{') depth++;
        else if (s[r] == '}' && --depth == 0) break;
    }
    if (r == lim && lim < len) return 0;
    size_t close = r < lim ? r + 1 : len;
    /* the inside: mostly ASCII and made of declarations or statements */
    size_t ascii = 0, other = 0, punct = 0;
    for (size_t i = p + 1; i < close; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            ascii++;
            if (c == ':' || c == ';' || c == '(' || c == '=') punct++;
        } else if ((c & 0xC0) != 0x80) {
            other++;
        }
    }
    if (!punct || other * 5 > ascii) return 0;
    *rs = q;
    *re = close;
    return 1;
}

/* An ASCII comment of a leaked script at s[p] (slash-star ... star-slash,
 * as in "[email protected] /" "* *" "/"); returns its end or 0. */
static size_t code_comment(const char *s, size_t len, size_t p)
{
    if (p + 3 >= len || s[p] != '/' || s[p + 1] != '*') return 0;
    size_t lim = len - p > 512 ? p + 512 : len;
    for (size_t i = p + 2; i + 1 < lim; i++) {
        if ((unsigned char)s[i] >= 0x80) return 0;
        if (s[i] == '*' && s[i + 1] == '/') {
            size_t e = i + 2;
            while (e < len && (s[e] == ' ' || s[e] == '\t')) e++;
            return e;
        }
    }
    return 0;
}

int kb_code_find(const char *s, size_t len, size_t from, size_t *start,
                 size_t *end, int *image)
{
    unsigned fails = 0;
    for (size_t p = from; p < len; p++) {
        size_t ce = code_comment(s, len, p);
        if (ce) {
            *start = p;
            *end = ce;
            if (image) *image = 0;
            return 1;
        }
        if (s[p] != '{') continue;
        size_t rs, re;
        if (!code_rule(s, len, from, p, &rs, &re)) {
            /* each failed "{" may cost a MAX_RULE scan: a line of stray
             * braces gives up early rather than take quadratic time */
            if (++fails > MAX_FAILS) return 0;
            continue;
        }
        size_t first = rs;
        int img = 0;
        for (;;) {
            if (contains_ci(s, rs, re, "img") || contains_ci(s, rs, re, "image") ||
                contains_ci(s, rs, re, "figure") || contains_ci(s, rs, re, "picture"))
                img = 1;
            /* what follows a rule, up to the next "{" or non-ASCII byte:
             * script glue ("jQuery.noConflict(); var x = ...") when it
             * carries {};= , else only spaces and ")();," */
            size_t t = re, u = re;
            while (u < len && (unsigned char)s[u] < 0x80 && s[u] != '{') u++;
            int glue = u > t && ascii_code(s, t, u);
            if (!glue) {
                while (t < len && s[t] && strchr(" \t);(,", s[t])) t++;
                u = t;
                while (u < len && is_sel_byte((unsigned char)s[u])) u++;
            }
            /* another rule there? */
            size_t r2s, r2e;
            if (u < len && s[u] == '{' && code_rule(s, len, t, u, &r2s, &r2e) &&
                (glue || r2s == t)) {
                rs = r2s;
                re = r2e;
                continue;
            }
            re = glue ? u : t;
            break;
        }
        /* script glue before the rules */
        size_t q = first;
        while (q > from && (unsigned char)s[q - 1] < 0x80) q--;
        if (q < first && ascii_code(s, q, first)) {
            while (q < first && (s[q] == ' ' || s[q] == '\t')) q++;
            first = q;
        }
        *start = first;
        *end = re;
        if (image) *image = img;
        return 1;
    }
    return 0;
}

const char *kb_strip_code(kb_arena *a, const char *line, size_t len)
{
    size_t cs, ce, from = 0;
    if (!kb_code_find(line, len, 0, &cs, &ce, NULL)) return line;
    kb_buf b = { 0 };
    int rc = KB_OK;
    while (rc == KB_OK && kb_code_find(line, len, from, &cs, &ce, NULL)) {
        size_t keep = cs;
        while (keep > from && (line[keep - 1] == ' ' || line[keep - 1] == '\t')) keep--;
        if (keep > from) {
            if (b.len) rc = kb_buf_putc(&b, ' ');
            if (rc == KB_OK) rc = kb_buf_append(&b, line + from, keep - from);
        }
        from = ce;
    }
    while (from < len && (line[from] == ' ' || line[from] == '\t')) from++;
    if (rc == KB_OK && from < len) {
        if (b.len) rc = kb_buf_putc(&b, ' ');
        if (rc == KB_OK) rc = kb_buf_append(&b, line + from, len - from);
    }
    char *out = NULL;
    if (rc == KB_OK) out = kb_arena_strndup(a, b.data ? b.data : "", b.len);
    kb_buf_free(&b);
    return out;
}

/* Runs of two or more Arabic letters, counted up to max. */
static size_t arabic_words(const char *s, size_t len, size_t max)
{
    size_t n = 0, run = 0;
    for (size_t i = 0; i + 1 < len && n < max; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xD8 || c == 0xD9) {
            run++;
            i++;
            continue;
        }
        if ((c & 0xC0) == 0x80) continue;
        if (run >= 2) n++;
        run = 0;
    }
    return n + (run >= 2);
}

int kb_is_code_line(const char *line, size_t len)
{
    /* a line with real Arabic text in it is cut (kb_strip_code), not
     * dropped; in an Arabic line six words come within its first bytes */
    if (arabic_words(line, len, 6) >= 6) return 0;
    size_t nonspace = 0, arabic = 0, punct = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)line[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { i++; continue; }
        nonspace++;
        if (c >= 0xD8 && c <= 0xDB) arabic++;
        if (c < 0x80 && strchr("{}();=<>", c)) punct++;
        if (c < 0x80) i++;
        else { i++; while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80) i++; }
    }
    if (!nonspace || arabic * 4 > nonspace) return 0;
    size_t b = 0;
    while (b < len && (line[b] == ' ' || line[b] == '\t')) b++;
    const char *s = line + b;
    size_t n = len - b;
    static const char *const openers[] = {
        "@media", "@import", "@font-face", "@keyframes", "<!--", "<script", "</",
        "<style", "<div", "<iframe", "<img", "/*", "//", "function(", "function ",
        "var ", "let ", "const ", "window.", "document.", "googletag", "jQuery",
        "$(", "if(", "if (", "})", "}", "{",
    };
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++) {
        size_t ol = strlen(openers[k]);
        if (n >= ol && !memcmp(s, openers[k], ol)) {
            /* openers of one or two characters (comments, braces) stand
             * alone; the others need code punctuation on the line too */
            return punct > 0 || ol <= 2;
        }
    }
    size_t cs, ce;
    if (kb_code_find(line, len, 0, &cs, &ce, NULL) && (ce - cs) * 2 >= len) return 1;
    /* statements: "x = y;" */
    int semi = memchr(line, ';', len) != NULL;
    return semi && punct >= 3;
}

/* ---------------------------------------------------------------- style */

/* First words of a paragraph that carries a story on (normalised). */
static const char *const CONTINUATION[] = {
    "واضاف", "واضافت", "وقال", "وقالت", "وتابع", "وتابعت", "واشار", "واشارت",
    "واوضح", "واوضحت", "واكد", "واكدت", "وكان", "وكانت", "ولفت", "ولفتت",
    "وشدد", "وشددت", "ويذكر", "وذكر", "وذكرت", "وبين", "وبينت", "وياتي",
    "وتاتي", "واعتبر", "واعتبرت", "ونقل", "ونقلت", "واعلن", "واعلنت", "وفي",
    "وعلي", "ومن", "وبحسب", "وحسب", "ووفقا", "واستطرد", "وختم", "واختتم",
    "واردف", "وعن", "ويشار", "وتشير", "ويشير", "ولم", "ولا", "واكمل",
    "واستدرك", "ونوه", "وطالب", "ودعا", "واعرب", "واعربت", "وبدوره",
    "وبدورها", "وفيما", "وتجدر", "وهذا", "وهو", "وهي", "ولكن", "كما",
    "بدوره", "بدورها", "من جهته", "من جهتها", "من جانبه", "من جانبها",
    "في المقابل", "في سياق متصل", "في غضون ذلك", "الي ذلك", "يذكر", "يشار",
    "تجدر الاشاره", "فيما", "لكن", "غير ان",
};

int kb_is_continuation(const char *line, size_t len)
{
    size_t cut = utf8_floor(line, len, 96);
    char *t;
    size_t tl;
    t = kb_normalize_str(line, cut, &tl);
    if (!t) return 0;
    size_t b = skip_nonword(t, tl, 0);
    int hit = 0;
    for (size_t k = 0; k < sizeof CONTINUATION / sizeof CONTINUATION[0] && !hit; k++) {
        size_t pl = strlen(CONTINUATION[k]);
        hit = tl - b >= pl && !memcmp(t + b, CONTINUATION[k], pl) && boundary(t, tl, b + pl);
    }
    free(t);
    return hit;
}

/* ---------------------------------------------------------------- tails */

/* Site furniture glued after the last sentence of a paragraph ("...
 * الثلاثاء القادم. رابط الخبر بصحيفة الوئام: النفط يتراجع"). */
static const char *const TAILS[] = {
    "رابط الخبر", "رابط المقال", "الرابط المختصر", "رابط مختصر", "لقراءة الخبر",
    "اقرأ الخبر من المصدر", "اقرأ المقال من المصدر", "تابعونا على", "لمتابعة آخر الأخبار",
    "لمتابعة أخبار", "حمل تطبيق", "اشترك في قناة",
};

size_t kb_tail_furniture(const char *s, size_t len)
{
    /* at the start or after a sentence end and a space: i runs over the
     * start and the bytes after spaces */
    for (size_t i = 0; i < len;) {
        if (!i || (i >= 2 && strchr(".!:»\"", s[i - 2]) && s[i - 2]) ||
            (i >= 3 && (unsigned char)s[i - 3] == 0xD8 && (unsigned char)s[i - 2] == 0x9F)) {   /* ؟ */
            for (size_t k = 0; k < sizeof TAILS / sizeof TAILS[0]; k++) {
                size_t tl = strlen(TAILS[k]);
                if (len - i < tl || memcmp(s + i, TAILS[k], tl)) continue;
                if (count_words(s + i, len - i) > 30) continue;
                size_t e = i;
                while (e > 0 && s[e - 1] == ' ') e--;
                return e;
            }
        }
        const char *sp = memchr(s + i, ' ', len - i);
        if (!sp) break;
        i = (size_t)(sp - s) + 1;
    }
    return len;
}
