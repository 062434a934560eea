/* The simulator's stdout: one JSON object per line per event, flushed at once (README.md lists them). */
#ifndef SIM_EVENTS_H
#define SIM_EVENTS_H

#include <stdint.h>

#include "robotlink.h"

/* Writes text as the body of a JSON string (without quotes) into out; non-printable bytes become \u00XX. */
void events_json_text(const char *text, char *out, size_t cap);
/* Prints one line (a complete JSON object given as a format) and flushes; a closed stdout is ignored. */
void events_line(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
