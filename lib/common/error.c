/* common/error.c -- names for the KB_E* codes every stage returns. */
#include "khabar.h"

const char *kb_strerror(int code)
{
    switch (code) {
    case KB_OK: return "success";
    case KB_ENOMEM: return "out of memory";
    case KB_EIO: return "input/output error";
    case KB_EINVAL: return "invalid argument";
    case KB_EEMPTY: return "empty input";
    case KB_EBINARY: return "binary data, not text";
    case KB_ETOOBIG: return "input larger than the size limit";
    case KB_EFORMAT: return "malformed input";
    case KB_ENOTFOUND: return "not found";
    case KB_EDB: return "database error";
    default: return "unknown error";
    }
}
