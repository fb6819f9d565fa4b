/* text/charclass.c -- letter / digit / mark / separator classes of code
 * points for the tokenizer (text layer). ASCII and the Arabic block are
 * decided by ranges; the rest by the Unicode general category (utf8proc). */
#include "text/text.h"

#include <utf8proc.h>

/* A code point of the Arabic block U+0600..U+06FF (the tokenizer reads
 * these classes from its table AR_CLS, checked against this function). */
static kb_char_class arabic_block(int32_t cp)
{
    if ((cp >= 0x0620 && cp <= 0x064A) || cp == 0x066E || cp == 0x066F ||
        (cp >= 0x0671 && cp <= 0x06D3) || cp == 0x06D5 || cp == 0x06E5 ||
        cp == 0x06E6 || cp == 0x06EE || cp == 0x06EF ||
        (cp >= 0x06FA && cp <= 0x06FC) || cp == 0x06FF)
        return KB_CC_ARABIC;
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
        (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x06D6 && cp <= 0x06ED))
        return KB_CC_MARK;
    if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9))
        return KB_CC_DIGIT;
    return KB_CC_OTHER;
}

static int is_arabic_script(int32_t cp)
{
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x0870 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

kb_char_class kb_text_char_class(int32_t cp)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return KB_CC_LETTER;
        if (cp >= '0' && cp <= '9') return KB_CC_DIGIT;
        return KB_CC_OTHER;
    }
    if (cp >= 0x0600 && cp <= 0x06FF) return arabic_block(cp);
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return is_arabic_script(cp) ? KB_CC_ARABIC : KB_CC_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return KB_CC_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return KB_CC_MARK;
    default:
        return KB_CC_OTHER;
    }
}
