#ifndef CWEBSOCKETS_SHIM_H
#define CWEBSOCKETS_SHIM_H
#include <libwebsockets.h>

/// LWS_PRE is a macro built from other macros, which Swift cannot import: the number of bytes
/// lws_write() needs free in front of the payload for the frame header.
static inline size_t cws_lws_pre(void) { return LWS_PRE; }

/// The permessage-deflate extension callback as a plain function pointer value.
static inline lws_extension_callback_function *cws_pm_deflate_callback(void) {
    return lws_extension_callback_pm_deflate;
}
#endif
