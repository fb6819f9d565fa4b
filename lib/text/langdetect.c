/* text/langdetect.c -- script-based language identification (text layer;
 * extract sets kb_article.lang with it, search picks the Snowball language).
 *
 * First the script with most letters. For the Arabic script, the letter
 * forms decide between Arabic and Persian/Urdu: Arabic writes ي ى ة ك,
 * Persian and Urdu write ی and ک; Persian alone has ژ and uses پ چ گ ۀ,
 * Urdu alone has ٹ ڈ ڑ ں ے ہ ھ. Function words (في/التي, است/را/که,
 * کے/ہے/میں) add weight, so a few Persian yehs in an Arabic article (a
 * common scraping artefact) do not make it Persian. ZWNJ separates words
 * here, so می‌شود counts the prefix می. For the Latin script,
 * function words (the/and, le/et/les, der/und, el/los...) and diacritics
 * (é ç, ä ß, ñ ¿) pick en, fr, de, es, it or pt; other scripts map to
 * their main language. Looks at the first 1 KiB. */
#include "text/text.h"

#include <string.h>

enum { L_AR, L_FA, L_UR, L_EN, L_FR, L_DE, L_ES, L_IT, L_PT, L_N };
static const char *const NAMES[L_N] = { "ar", "fa", "ur", "en", "fr", "de", "es", "it", "pt" };

typedef struct lword {
    const char *s;
    unsigned char n;
    unsigned short mask;    /* 1 << L_* */
} lword;
#define W(x, m) { x, sizeof(x) - 1, m }

static const lword WORDS[] = {
#include "text/lang_words.inc"
};

static unsigned word_mask(const char *w, size_t n)
{
    size_t lo = 0, hi = sizeof WORDS / sizeof WORDS[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = kb_text_wcmp(w, n, WORDS[mid].s, WORDS[mid].n);
        if (!c) return WORDS[mid].mask;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

int kb_text_lang_words_sorted(void)
{
    for (size_t i = 1; i < sizeof WORDS / sizeof WORDS[0]; i++)
        if (kb_text_wcmp(WORDS[i - 1].s, WORDS[i - 1].n, WORDS[i].s, WORDS[i].n) >= 0)
            return 0;
    return 1;
}

typedef enum {
    S_NONE, S_ARABIC, S_LATIN, S_CYRILLIC, S_GREEK, S_HEBREW, S_DEVANAGARI,
    S_THAI, S_HANGUL, S_KANA, S_HAN, S_ARMENIAN, S_GEORGIAN, S_OTHER, S_N
} script;

static script script_of(int32_t cp)
{
    if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? S_LATIN : S_NONE;
    kb_char_class k = kb_text_char_class(cp);
    if (k == KB_CC_ARABIC) return S_ARABIC;
    if (k != KB_CC_LETTER) return S_NONE;
    if (cp <= 0x024F || (cp >= 0x1E00 && cp <= 0x1EFF)) return S_LATIN;
    if (cp >= 0x0370 && cp <= 0x03FF) return S_GREEK;
    if (cp >= 0x0400 && cp <= 0x052F) return S_CYRILLIC;
    if (cp >= 0x0530 && cp <= 0x058F) return S_ARMENIAN;
    if (cp >= 0x0590 && cp <= 0x05FF) return S_HEBREW;
    if (cp >= 0x0900 && cp <= 0x097F) return S_DEVANAGARI;
    if (cp >= 0x0E00 && cp <= 0x0E7F) return S_THAI;
    if (cp >= 0x10A0 && cp <= 0x10FF) return S_GEORGIAN;
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7AF)) return S_HANGUL;
    if (cp >= 0x3040 && cp <= 0x30FF) return S_KANA;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) return S_HAN;
    return S_OTHER;
}

typedef struct counts {
    size_t script[S_N];
    size_t ar_forms;     /* ي ى ة ك */
    size_t faur_forms;   /* ی ک */
    size_t fa_only;      /* ژ, and پ چ گ ۀ which Urdu shares */
    size_t ur_only;      /* ٹ ڈ ڑ ں ے ہ ھ ۃ */
    int score[L_N];      /* function words and diacritics */
} counts;

static void count_letter(counts *c, int32_t cp)
{
    switch (cp) {
    case 0x064A: case 0x0649: case 0x0629: case 0x0643: c->ar_forms++; break;
    case 0x06CC: case 0x06A9: c->faur_forms++; break;
    case 0x0698: c->fa_only += 2; break;
    case 0x067E: case 0x0686: case 0x06AF: case 0x06C0: c->fa_only++; break;
    case 0x0679: case 0x0688: case 0x0691: case 0x06BA: case 0x06D2:
    case 0x06C1: case 0x06BE: case 0x06C3: c->ur_only++; break;
    /* Latin diacritics */
    case 0xE9: case 0xE8: case 0xEA: case 0xE0: case 0xE7: case 0x153:
    case 0xEE: case 0xEF: case 0xF4: case 0xFB: case 0xF9:
        c->score[L_FR]++; break;
    case 0xE4: case 0xF6: case 0xFC: case 0xDF: c->score[L_DE]++; break;
    case 0xF1: case 0xBF: case 0xA1: c->score[L_ES] += 2; break;
    case 0xE1: case 0xED: case 0xF3: case 0xFA:
        c->score[L_ES]++; c->score[L_PT]++; break;
    case 0xE3: case 0xF5: c->score[L_PT] += 2; break;
    default: break;
    }
}

/* Count one word (letters only, Latin lowered). */
static void count_word(counts *c, const char *w, size_t n)
{
    unsigned m = n && n <= 24 ? word_mask(w, n) : 0;
    for (int l = 0; l < L_N; l++)
        if (m & (1u << l)) c->score[l] += 3;
}

const char *kb_lang_detect(const char *s, size_t len)
{
    counts c;
    memset(&c, 0, sizeof c);
    /* The first 1 KiB (some 150 words) settles the language of a news text;
     * reading all of a long one costs a third of `khabar clean`. A cut
     * character at the end decodes as invalid and is skipped. */
    if (len > 1024) len = 1024;
    char w[32];
    size_t wn = 0;
    int wbad = 0;
    size_t i = 0;
    while (i <= len) {
        int32_t cp = -1;
        script sc = S_NONE;
        if (i < len) {
            cp = kb_utf8_decode(s, len, &i);
            /* harakat and tatweel inside a word are skipped, not breaks */
            if (cp == 0x0640 || (cp >= 0x0300 && kb_text_char_class(cp) == KB_CC_MARK))
                continue;
            if (cp > 0) sc = script_of(cp);
        } else {
            i++;
        }
        if (sc == S_NONE) {
            if (wn && !wbad) count_word(&c, w, wn);
            wn = 0;
            wbad = 0;
            continue;
        }
        c.script[sc]++;
        if (sc == S_ARABIC || sc == S_LATIN) count_letter(&c, cp);
        int32_t lc = cp < 0x80 ? (cp | 0x20) : cp;
        if (sc == S_LATIN && cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) lc = cp + 0x20;
        char buf[4];
        size_t k = kb_utf8_encode(lc, buf);
        if (wn + k <= sizeof w) { memcpy(w + wn, buf, k); wn += k; }
        else wbad = 1;
    }
    script best = S_NONE;
    size_t most = 0;
    for (int k = S_ARABIC; k < S_N; k++)
        if (c.script[k] > most) { most = c.script[k]; best = (script)k; }
    switch (best) {
    case S_NONE: return "und";
    case S_ARABIC: {
        long ar = (long)c.ar_forms + c.score[L_AR];
        long fa = (long)c.faur_forms + 2 * (long)c.fa_only + c.score[L_FA];
        long ur = (long)c.faur_forms + 3 * (long)c.ur_only + c.score[L_UR];
        if (ar >= fa && ar >= ur) return "ar";
        return ur > fa ? "ur" : "fa";
    }
    case S_LATIN: {
        int bl = -1, bs = 0;
        for (int l = L_EN; l < L_N; l++)
            if (c.score[l] > bs) { bs = c.score[l]; bl = l; }
        return bl < 0 ? "und" : NAMES[bl];
    }
    case S_CYRILLIC: return "ru";
    case S_GREEK: return "el";
    case S_HEBREW: return "he";
    case S_DEVANAGARI: return "hi";
    case S_THAI: return "th";
    case S_HANGUL: return "ko";
    case S_KANA: return "ja";
    case S_HAN: return c.script[S_KANA] ? "ja" : "zh";
    case S_ARMENIAN: return "hy";
    case S_GEORGIAN: return "ka";
    default: return "und";
    }
}
