/* The two example datagrams of PROTOCOL.md, byte for byte, encoded and decoded. */
#include <string.h>

#include "check.h"
#include "robotlink.h"

static const uint8_t heartbeat[] = {0x45, 0x46, 0x52, 0x4c, 0x01, 0x40, 0x00, 0x00, 0x01, 0x00,
                                    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x48, 0xbd, 0x88, 0x30};

static const uint8_t command[] = {0x45, 0x46, 0x52, 0x4c, 0x01, 0x10, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x14, 0x00,
                                  0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x00, 0x00,
                                  0x00, 0x00, 0xa0, 0xbf, 0x00, 0x00, 0x00, 0x00, 0x11, 0x91, 0x39, 0x2c};

int main(void) {
    uint8_t out[RL_MAX_DATAGRAM];
    rl_message m;

    memset(&m, 0, sizeof m);
    m.header.type = RL_HEARTBEAT;
    m.header.seq = 1;
    CHECK_EQ_U(rl_encode(&m, out, sizeof out), sizeof heartbeat);
    CHECK(memcmp(out, heartbeat, sizeof heartbeat) == 0);

    memset(&m, 0, sizeof m);
    m.header.type = RL_JOINT_COMMAND;
    m.header.seq = 7;
    m.body.command.joints = 2;
    m.body.command.mode = RL_COMMAND_POSITION;
    m.body.command.target[0].position = 0.5f;
    m.body.command.target[1].position = -1.25f;
    CHECK_EQ_U(rl_encode(&m, out, sizeof out), sizeof command);
    CHECK(memcmp(out, command, sizeof command) == 0);

    rl_message d;
    CHECK_EQ_U(rl_decode(heartbeat, sizeof heartbeat, RL_ROLE_CONTROLLER, &d), RL_ACCEPTED);
    CHECK_EQ_U(d.header.type, RL_HEARTBEAT);
    CHECK_EQ_U(d.header.seq, 1);
    CHECK_EQ_U(d.header.length, 0);
    CHECK_EQ_U(rl_decode(heartbeat, sizeof heartbeat, RL_ROLE_EDGE, &d), RL_ACCEPTED);

    CHECK_EQ_U(rl_decode(command, sizeof command, RL_ROLE_CONTROLLER, &d), RL_ACCEPTED);
    CHECK_EQ_U(d.header.type, RL_JOINT_COMMAND);
    CHECK_EQ_U(d.header.seq, 7);
    CHECK_EQ_U(d.header.length, 20);
    CHECK_EQ_U(d.body.command.joints, 2);
    CHECK_EQ_U(d.body.command.mode, RL_COMMAND_POSITION);
    CHECK(d.body.command.target[0].position == 0.5f && d.body.command.target[0].velocity == 0.0f);
    CHECK(d.body.command.target[1].position == -1.25f && d.body.command.target[1].velocity == 0.0f);
    /* An edge never receives a command. */
    CHECK_EQ_U(rl_decode(command, sizeof command, RL_ROLE_EDGE, &d), RL_REJECT_TYPE);
    puts("examples: ok");
    return 0;
}
