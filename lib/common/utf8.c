/* common/utf8.c -- strict UTF-8 decoding and encoding shared by read (repair),
 * text (normalisation) and the output writers. */
#include "khabar.h"

int32_t kb_utf8_decode(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return (int32_t)c;
    }
    /* Two-byte sequences first: every Arabic letter is one. */
    if (c >= 0xC2 && c <= 0xDF && p + 1 < len && (s[p + 1] & 0xC0) == 0x80) {
        *i = p + 2;
        return (int32_t)(((c & 0x1F) << 6) | (s[p + 1] & 0x3F));
    }
    int n;
    int32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; min = 0x10000; }
    else { *i = p + 1; return -1; }
    if (p + (size_t)n >= len) { *i = p + 1; return -1; }
    for (int k = 1; k <= n; k++) {
        unsigned cc = s[p + (size_t)k];
        if ((cc & 0xC0) != 0x80) { *i = p + 1; return -1; }
        cp = (cp << 6) | (int32_t)(cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return -1;
    }
    *i = p + (size_t)n + 1;
    return cp;
}

size_t kb_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0) return 0;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF) return 0;
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int kb_utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) { i++; continue; }
        if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (kb_utf8_decode(s, len, &i) < 0) return 0;
    }
    return 1;
}
