/* Serial-number comparison and wrap-around of seq, and the HELLO and CAPABILITIES resets. */
#include <string.h>

#include "check.h"
#include "robotlink.h"

static rl_header header(uint8_t type, uint32_t seq) {
    rl_header h = {.type = type, .flags = 0, .seq = seq, .length = 0};
    return h;
}

int main(void) {
    CHECK(rl_seq_diff(1, 0) == 1);
    CHECK(rl_seq_diff(0, 0xFFFFFFFFu) == 1);
    CHECK(rl_seq_diff(0xFFFFFFFFu, 0) == -1);
    CHECK(rl_seq_diff(5, 0xFFFFFFFBu) == 10);
    CHECK(rl_seq_diff(0x7FFFFFFFu, 0) == 0x7FFFFFFF);
    CHECK(rl_seq_diff(0x80000000u, 0) == -2147483648LL); /* half way round counts as older */
    CHECK(rl_seq_newer(0, 0xFFFFFFFFu));
    CHECK(!rl_seq_newer(0xFFFFFFFFu, 0));
    CHECK(!rl_seq_newer(7, 7));

    rl_link link;
    rl_link_init(&link, RL_ROLE_CONTROLLER);
    rl_header h = header(RL_HELLO, 0xFFFFFFFDu);
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_ACCEPTED);
    h = header(RL_HEARTBEAT, 0xFFFFFFFEu);
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_ACCEPTED);
    h = header(RL_HEARTBEAT, 0xFFFFFFFFu);
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_ACCEPTED);
    h = header(RL_HEARTBEAT, 0);
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_ACCEPTED);
    h = header(RL_HEARTBEAT, 0xFFFFFFFFu);
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_REJECT_STALE);
    h = header(RL_HEARTBEAT, 0);
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_REJECT_DUPLICATE);
    h = header(RL_HEARTBEAT, 3); /* 1 and 2 lost across the wrap */
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_ACCEPTED);
    CHECK_EQ_U(link.counters.lost, 2);
    /* a restarted edge says HELLO with seq 1: accepted whatever the last seq, and it becomes the last seq */
    h = header(RL_HELLO, 1);
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_ACCEPTED);
    h = header(RL_HEARTBEAT, 2);
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_ACCEPTED);
    h = header(RL_HELLO, 1); /* and a repeated HELLO as well */
    CHECK_EQ_U(rl_link_check_seq(&link, &h), RL_ACCEPTED);

    /* Edge: the first CAPABILITIES after a HELLO resets; later ones are checked like any datagram. */
    rl_link edge;
    rl_link_init(&edge, RL_ROLE_EDGE);
    CHECK_EQ_U(rl_link_next_seq(&edge), 1);
    CHECK_EQ_U(rl_link_next_seq(&edge), 2);
    rl_link_hello_sent(&edge);
    h = header(RL_CAPABILITIES, 1000);
    CHECK_EQ_U(rl_link_check_seq(&edge, &h), RL_ACCEPTED);
    h = header(RL_JOINT_STATE, 1001);
    CHECK_EQ_U(rl_link_check_seq(&edge, &h), RL_ACCEPTED);
    h = header(RL_CAPABILITIES, 5);
    CHECK_EQ_U(rl_link_check_seq(&edge, &h), RL_REJECT_STALE);
    rl_link_hello_sent(&edge); /* the controller restarted and counts from 1 again */
    h = header(RL_CAPABILITIES, 1);
    CHECK_EQ_U(rl_link_check_seq(&edge, &h), RL_ACCEPTED);
    h = header(RL_JOINT_STATE, 2);
    CHECK_EQ_U(rl_link_check_seq(&edge, &h), RL_ACCEPTED);

    /* The send counter wraps from 0xFFFFFFFF to 0. */
    edge.next_send_seq = 0xFFFFFFFFu;
    CHECK_EQ_U(rl_link_next_seq(&edge), 0xFFFFFFFFu);
    CHECK_EQ_U(rl_link_next_seq(&edge), 0);
    puts("seq: ok");
    return 0;
}
