/*
 * The fan-out baseline of scenario 3 (docs/performance.md): the least a libwebsockets server can
 * do to deliver one frame to every connection. It accepts WebSockets on any path, and when any
 * client sends the text "burst K" it writes one prepared text frame K more times to every
 * connection, each write when that socket is writable. Nothing is parsed, encoded or queued
 * per connection: the frame is built once at start-up.
 *
 * Usage: broadcast PORT [FRAME_BYTES]    (built by scripts/bench.sh with gcc and pkg-config)
 */
#include <libwebsockets.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

struct session {
    /* Frames of the bursts so far that this connection has been sent. */
    unsigned long sent;
};

static unsigned long target; /* frames every connection should have by now */
static unsigned char *frame; /* LWS_PRE bytes of headroom, then the payload */
static size_t frame_length;
static volatile int interrupted;

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
    struct session *session = user;
    switch (reason) {
    case LWS_CALLBACK_ESTABLISHED:
        session->sent = target;
        break;
    case LWS_CALLBACK_RECEIVE:
        if (len > 6 && !strncmp(in, "burst ", 6)) {
            char number[16] = {0};
            memcpy(number, (char *)in + 6, len - 6 < 15 ? len - 6 : 15);
            target += strtoul(number, NULL, 10);
            lws_callback_on_writable_all_protocol(lws_get_context(wsi), lws_get_protocol(wsi));
        }
        break;
    case LWS_CALLBACK_SERVER_WRITEABLE:
        if (session->sent >= target) break;
        /* lws_write writes the frame header into the LWS_PRE bytes in front of the payload. */
        if (lws_write(wsi, frame + LWS_PRE, frame_length, LWS_WRITE_TEXT) < (int)frame_length) return -1;
        if (++session->sent < target) lws_callback_on_writable(wsi);
        break;
    default:
        break;
    }
    return 0;
}

static const struct lws_protocols protocols[] = {
    {"live-auction", callback, sizeof(struct session), 4096, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

static void stop(int signal_number) {
    (void)signal_number;
    interrupted = 1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT [FRAME_BYTES]\n", argv[0]);
        return 2;
    }
    frame_length = argc > 2 ? strtoul(argv[2], NULL, 10) : 200;
    if (frame_length < 32) frame_length = 32;
    frame = malloc(LWS_PRE + frame_length);
    /* A JSON text of the requested size, like the QueryService's update frames. */
    int head = snprintf((char *)frame + LWS_PRE, frame_length, "{\"type\":\"update\",\"html\":\"");
    memset(frame + LWS_PRE + head, 'x', frame_length - head - 2);
    memcpy(frame + LWS_PRE + frame_length - 2, "\"}", 2);

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = atoi(argv[1]);
    info.protocols = protocols;
    info.options = LWS_SERVER_OPTION_DISABLE_IPV6;
    lws_set_log_level(LLL_ERR, NULL);
    struct lws_context *context = lws_create_context(&info);
    if (!context) {
        fprintf(stderr, "broadcast: cannot listen on port %s\n", argv[1]);
        return 1;
    }
    signal(SIGINT, stop);
    signal(SIGTERM, stop);
    while (!interrupted && lws_service(context, 0) >= 0) {}
    lws_context_destroy(context);
    free(frame);
    return 0;
}
