/* read/doc.c -- the kb_doc record that the read stage hands to extract. */
#include "khabar.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kb_doc_free(kb_doc *d)
{
    if (!d) return;
    kb_arena_free(&d->arena);
    free(d);
}

/* Warnings are few per document: the array is regrown in the arena. */
int kb_doc_warn(kb_doc *d, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char **v = kb_arena_alloc(&d->arena, (d->nwarnings + 1) * sizeof *v);
    char *copy = kb_arena_strdup(&d->arena, msg);
    if (!v || !copy) return KB_ENOMEM;
    if (d->nwarnings) memcpy(v, d->warnings, d->nwarnings * sizeof *v);
    v[d->nwarnings++] = copy;
    d->warnings = v;
    return KB_OK;
}
