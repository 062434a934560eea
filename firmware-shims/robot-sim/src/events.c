/* JSON lines on stdout. */
#include "events.h"

#include <stdarg.h>
#include <stdio.h>

void events_json_text(const char *text, char *out, size_t cap) {
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c != 0 && n + 7 < cap; c++) {
        if (*c == '"' || *c == '\\') {
            out[n++] = '\\';
            out[n++] = (char)*c;
        } else if (*c < 0x20 || *c >= 0x7F) {
            out[n++] = '\\';
            out[n++] = 'u';
            out[n++] = '0';
            out[n++] = '0';
            out[n++] = hex[*c >> 4];
            out[n++] = hex[*c & 0xF];
        } else {
            out[n++] = (char)*c;
        }
    }
    out[n] = '\0';
}

void events_line(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vfprintf(stdout, format, args);
    va_end(args);
    fputc('\n', stdout);
    fflush(stdout);
    clearerr(stdout); /* a reader that went away must not stop the controller */
}
