/* read/make.c -- the last step of reading one document: raw bytes checked
 * (binary, blank), decoded to UTF-8 and wrapped in a kb_doc; and the
 * rejection items the reader hands out instead when that fails. */
#include "read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kb_item_reject(kb_read_item *item, const char *input, int code, const char *fmt, ...)
{
    memset(item, 0, sizeof *item);
    item->kind = KB_READ_REJECT;
    item->code = code;
    snprintf(item->input, sizeof item->input, "%s", input ? input : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(item->message, sizeof item->message, fmt, ap);
    va_end(ap);
}

void kb_item_doc(kb_read_item *item, kb_doc *doc)
{
    memset(item, 0, sizeof *item);
    item->kind = KB_READ_DOC;
    item->doc = doc;
}

void kb_fmt_size(uint64_t n, char *out, size_t cap)
{
    if (n < 1024) snprintf(out, cap, "%llu bytes", (unsigned long long)n);
    else if (n < (1u << 20)) snprintf(out, cap, "%.1f KiB", (double)n / 1024.0);
    else if (n < (1u << 30)) snprintf(out, cap, "%.1f MiB", (double)n / 1048576.0);
    else snprintf(out, cap, "%.1f GiB", (double)n / 1073741824.0);
}

int kb_doc_warn_repaired(kb_doc *doc, const kb_decoded *d)
{
    if (!d->repaired) return KB_OK;
    if (!strcmp(d->charset, "UTF-8"))
        return kb_doc_warn(doc, "repaired %zu invalid UTF-8 byte(s)", d->repaired);
    return kb_doc_warn(doc, "replaced %zu byte(s) not valid in %s", d->repaired, d->charset);
}

int kb_doc_from_bytes(const char *input, int part, const char *name,
                      kb_doc_format format, const char *hint,
                      const unsigned char *p, size_t len, const char *warning,
                      kb_doc **out, char *msg, size_t msgcap)
{
    *out = NULL;
    const char *what = part ? "record" : "file";
    if (len == 0) {
        snprintf(msg, msgcap, "empty %s, skipped", what);
        return KB_EEMPTY;
    }
    char why[96];
    if (kb_sniff_binary(p, len, why, sizeof why)) {
        snprintf(msg, msgcap, "binary %s (%s), skipped", what, why);
        return KB_EBINARY;
    }
    kb_doc *doc = calloc(1, sizeof *doc);
    kb_decoded d;
    if (!doc || kb_decode_text(p, len, hint, &doc->arena, &d) != KB_OK) goto nomem;
    if (kb_is_blank(d.data, d.len)) {
        kb_doc_free(doc);
        snprintf(msg, msgcap, "%s holds only white space, skipped", what);
        return KB_EEMPTY;
    }
    doc->part = part;
    doc->format = format ? format : kb_sniff_format(name, d.data, d.len);
    doc->data = d.data;
    doc->len = d.len;
    doc->input = kb_arena_strdup(&doc->arena, input);
    doc->charset = kb_arena_strdup(&doc->arena, d.charset);
    if (!doc->input || !doc->charset) goto nomem;
    int rc = kb_doc_warn_repaired(doc, &d);
    if (rc == KB_OK && d.nuls) rc = kb_doc_warn(doc, "removed %zu NUL character(s)", d.nuls);
    if (rc == KB_OK && warning) rc = kb_doc_warn(doc, "%s", warning);
    if (rc != KB_OK) goto nomem;
    *out = doc;
    return KB_OK;
nomem:
    kb_doc_free(doc);
    snprintf(msg, msgcap, "out of memory");
    return KB_ENOMEM;
}
