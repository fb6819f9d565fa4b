/* common/buf.c -- growable byte strings, used by every stage that builds
 * output text (normalised text, JSON, SQL, HTML). */
#include "khabar.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kb_buf_reserve(kb_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1) return KB_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return KB_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) return KB_ENOMEM;
    b->data = p;
    b->cap = cap;
    return KB_OK;
}

int kb_buf_append(kb_buf *b, const char *s, size_t len)
{
    if (kb_buf_reserve(b, len) != KB_OK) return KB_ENOMEM;
    if (len) memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return KB_OK;
}

int kb_buf_puts(kb_buf *b, const char *s)
{
    return kb_buf_append(b, s, strlen(s));
}

int kb_buf_putc(kb_buf *b, char c)
{
    return kb_buf_append(b, &c, 1);
}

int kb_buf_printf(kb_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return KB_EINVAL;
    if ((size_t)n < sizeof small) return kb_buf_append(b, small, (size_t)n);
    if (kb_buf_reserve(b, (size_t)n) != KB_OK) return KB_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return KB_OK;
}

char *kb_buf_detach(kb_buf *b, size_t *len)
{
    if (!b->data && kb_buf_reserve(b, 0) != KB_OK) return NULL;
    char *p = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void kb_buf_free(kb_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
