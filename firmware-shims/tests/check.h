/* The tests' assertion: prints the failing expression with its place and exits 1. */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                                 \
        }                                                                            \
    } while (0)

#define CHECK_EQ_U(actual, expected)                                                                      \
    do {                                                                                                  \
        unsigned long long a_ = (unsigned long long)(actual), e_ = (unsigned long long)(expected);        \
        if (a_ != e_) {                                                                                   \
            fprintf(stderr, "%s:%d: %s is %llu (0x%llx), expected %llu (0x%llx)\n", __FILE__, __LINE__, \
                    #actual, a_, a_, e_, e_);                                                            \
            exit(1);                                                                                      \
        }                                                                                                 \
    } while (0)

#endif
