/* read/sniff.c -- decide what bytes are before reading them as text: binary
 * formats by magic number, NUL and control bytes, HTML versus plain text,
 * blank documents. */
#include "read.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct magic {
    size_t off;
    const char *bytes;
    size_t n;
    const char *name;
} magic;

static const magic magics[] = {
    { 0, "\x89PNG\r\n\x1a\n", 8, "PNG image" },
    { 0, "\xff\xd8\xff", 3, "JPEG image" },
    { 0, "GIF87a", 6, "GIF image" },
    { 0, "GIF89a", 6, "GIF image" },
    { 0, "II*\0", 4, "TIFF image" },
    { 0, "MM\0*", 4, "TIFF image" },
    { 0, "\0\0\1\0", 4, "icon image" },
    { 0, "%PDF-", 5, "PDF document" },
    { 0, "\x7f" "ELF", 4, "ELF executable" },
    { 0, "PK\x03\x04", 4, "ZIP archive" },
    { 0, "PK\x05\x06", 4, "ZIP archive" },
    { 0, "PK\x07\x08", 4, "ZIP archive" },
    { 0, "\x1f\x8b", 2, "gzip data" },
    { 0, "BZh", 3, "bzip2 archive" },
    { 0, "\xfd" "7zXZ\0", 6, "xz archive" },
    { 0, "\x28\xb5\x2f\xfd", 4, "zstd data" },
    { 0, "7z\xbc\xaf\x27\x1c", 6, "7-Zip archive" },
    { 0, "Rar!\x1a\x07", 6, "RAR archive" },
    { 0, "OggS", 4, "Ogg media" },
    { 0, "ID3", 3, "MP3 audio" },
    { 0, "fLaC", 4, "FLAC audio" },
    { 4, "ftyp", 4, "MP4/QuickTime video" },
    { 0, "\x1a\x45\xdf\xa3", 4, "Matroska/WebM video" },
    { 0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "MS Office document" },
    { 0, "SQLite format 3", 16, "SQLite database" },
    { 0, "\0asm", 4, "WebAssembly module" },
    { 0, "\xca\xfe\xba\xbe", 4, "Java class or Mach-O binary" },
    { 0, "\xcf\xfa\xed\xfe", 4, "Mach-O executable" },
    { 0, "\xce\xfa\xed\xfe", 4, "Mach-O executable" },
    { 0, "wOFF", 4, "WOFF font" },
    { 0, "wOF2", 4, "WOFF2 font" },
    { 0, "\0\1\0\0\0", 5, "TrueType font" },
    { 257, "ustar", 5, "tar archive" },
};

const char *kb_sniff_magic(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < sizeof magics / sizeof *magics; i++) {
        const magic *m = &magics[i];
        if (len >= m->off + m->n && memcmp(p + m->off, m->bytes, m->n) == 0) return m->name;
    }
    if (len >= 12 && memcmp(p, "RIFF", 4) == 0) {
        if (memcmp(p + 8, "WEBP", 4) == 0) return "WebP image";
        if (memcmp(p + 8, "WAVE", 4) == 0) return "WAV audio";
        if (memcmp(p + 8, "AVI ", 4) == 0) return "AVI video";
        return "RIFF media";
    }
    return NULL;
}

int kb_sniff_binary(const unsigned char *p, size_t len, char *why, size_t cap)
{
    const char *m = kb_sniff_magic(p, len);
    if (m) {
        snprintf(why, cap, "looks like %s", m);
        return 1;
    }
    /* UTF-16/32 with a BOM is full of NULs and still text */
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) return 0;
    if (len >= 4 && memcmp(p, "\0\0\xFE\xFF", 4) == 0) return 0;
    size_t n = len < KB_SNIFF_BYTES ? len : KB_SNIFF_BYTES, nul = 0, ctl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c == 0) nul++;
        else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
                  c != 0x1b) || c == 0x7f)
            ctl++;
    }
    /* a stray NUL in a long text is dropped later; many mean binary */
    if (nul * 100 > n || (nul && n < 64)) {
        snprintf(why, cap, "contains NUL bytes");
        return 1;
    }
    if (ctl * 20 > n) {
        snprintf(why, cap, "%zu%% control bytes", ctl * 100 / n);
        return 1;
    }
    return 0;
}

int kb_has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n >= e && strcasecmp(name + n - e, ext) == 0;
}

/* Skip white space, a BOM, comments and <?xml ...?> at s[i]. */
static size_t skip_prolog(const char *s, size_t len, size_t i)
{
    for (;;) {
        while (i < len && (isspace((unsigned char)s[i]))) i++;
        if (i + 3 <= len && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0) { i += 3; continue; }
        if (i + 4 <= len && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = NULL;
            for (size_t k = i + 4; k + 3 <= len; k++)
                if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>') { e = s + k; break; }
            if (!e) return len;
            i = (size_t)(e - s) + 3;
            continue;
        }
        if (i + 5 <= len && strncasecmp(s + i, "<?xml", 5) == 0) {
            const char *e = NULL;
            for (size_t k = i + 5; k + 2 <= len; k++)
                if (s[k] == '?' && s[k + 1] == '>') { e = s + k; break; }
            if (!e) return len;
            i = (size_t)(e - s) + 2;
            continue;
        }
        return i;
    }
}

static int starts_ci(const char *s, size_t len, size_t i, const char *pre)
{
    size_t n = strlen(pre);
    return i + n <= len && strncasecmp(s + i, pre, n) == 0;
}

int kb_sniff_html_start(const char *s, size_t len)
{
    size_t i = skip_prolog(s, len, 0);
    if (starts_ci(s, len, i, "<!doctype html")) return 1;
    static const char *const tags[] = { "<html", "<head", "<body" };
    for (size_t k = 0; k < 3; k++) {
        if (!starts_ci(s, len, i, tags[k])) continue;
        char c = i + 5 < len ? s[i + 5] : '>';
        if (c == '>' || isspace((unsigned char)c) || c == '/') return 1;
    }
    return 0;
}

/* Count well-known HTML tags in the first bytes of s. */
static void count_tags(const char *s, size_t len, size_t *tags, size_t *distinct)
{
    static const char *const names[] = {
        "p", "div", "span", "a", "br", "img", "table", "tr", "td", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "meta", "link", "body",
        "title", "article", "section", "header", "footer", "nav", "strong", "em", "b",
        "i", "html", "head", "iframe", "form", "input", "button", "main", "figure",
        NULL,
    };
    unsigned seen[64] = { 0 };
    size_t n = len < KB_SNIFF_BYTES ? len : KB_SNIFF_BYTES, t = 0, d = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        if (s[i] != '<') continue;
        size_t k = i + 1;
        if (s[k] == '/') k++;
        size_t st = k;
        while (k < n && isalnum((unsigned char)s[k])) k++;
        if (k == st || k >= n) continue;
        char c = s[k];
        if (c != '>' && c != '/' && !isspace((unsigned char)c)) continue;
        for (size_t m = 0; names[m]; m++) {
            if (strlen(names[m]) == k - st && strncasecmp(s + st, names[m], k - st) == 0) {
                t++;
                if (!seen[m]++) d++;
                break;
            }
        }
    }
    *tags = t;
    *distinct = d;
}

kb_doc_format kb_sniff_format(const char *name, const char *s, size_t len)
{
    static const char *const exts[] = { ".html", ".htm", ".xhtml", ".shtml",
                                        ".html.gz", ".htm.gz", ".xhtml.gz", NULL };
    for (size_t k = 0; name && exts[k]; k++)
        if (kb_has_ext(name, exts[k])) return KB_FMT_HTML;
    if (kb_sniff_html_start(s, len)) return KB_FMT_HTML;
    size_t tags, distinct;
    count_tags(s, len, &tags, &distinct);
    return tags >= 10 && distinct >= 3 ? KB_FMT_HTML : KB_FMT_TEXT;
}

int kb_is_blank(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!isspace(c)) return 0;
            i++;
            continue;
        }
        int32_t cp = kb_utf8_decode(s, len, &i);
        int space = cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) ||
                    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
                    cp == 0x3000 || cp == 0xFEFF || cp == 0x180E;
        if (!space) return 0;
    }
    return 1;
}
