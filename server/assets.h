/* server/assets.h -- the web UI's files, built into the binary by
 * tools/embed.c (see mk/server.mk). */
#ifndef KB_SERVER_ASSETS_H
#define KB_SERVER_ASSETS_H

#include <stddef.h>

typedef struct kb_asset {
    const char *path;          /* "/static/app.js" */
    const char *content_type;
    const unsigned char *data;
    size_t len;                /* 0 when the file was missing at build time */
} kb_asset;

/* Terminated by an entry with path == NULL. */
extern const kb_asset kb_assets[];

#endif
