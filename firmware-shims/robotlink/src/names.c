/* Names of rejection reasons and message types, and which end receives which type. */
#include "robotlink.h"

const char *rl_reject_name(rl_reject reason) {
    switch (reason) {
    case RL_ACCEPTED: return "accepted";
    case RL_REJECT_SHORT: return "short";
    case RL_REJECT_MAGIC: return "magic";
    case RL_REJECT_VERSION: return "version";
    case RL_REJECT_CRC: return "crc";
    case RL_REJECT_TYPE: return "type";
    case RL_REJECT_PAYLOAD: return "payload";
    case RL_REJECT_DUPLICATE: return "duplicate";
    case RL_REJECT_STALE: return "stale";
    case RL_REJECT_PEER: return "peer";
    default: return "unknown";
    }
}

const char *rl_type_name(uint8_t type) {
    switch (type) {
    case RL_HELLO: return "HELLO";
    case RL_CAPABILITIES: return "CAPABILITIES";
    case RL_JOINT_COMMAND: return "JOINT_COMMAND";
    case RL_JOINT_STATE: return "JOINT_STATE";
    case RL_IO_SET: return "IO_SET";
    case RL_FAULT: return "FAULT";
    case RL_FAULT_RESET: return "FAULT_RESET";
    case RL_HEARTBEAT: return "HEARTBEAT";
    case RL_ESTOP: return "ESTOP";
    default: return NULL;
    }
}

bool rl_type_received_by(uint8_t type, rl_role role) {
    switch (type) {
    case RL_HELLO:
    case RL_JOINT_COMMAND:
    case RL_IO_SET:
    case RL_FAULT_RESET:
    case RL_ESTOP:
        return role == RL_ROLE_CONTROLLER;
    case RL_CAPABILITIES:
    case RL_JOINT_STATE:
    case RL_FAULT:
        return role == RL_ROLE_EDGE;
    case RL_HEARTBEAT:
        return true;
    default:
        return false;
    }
}
