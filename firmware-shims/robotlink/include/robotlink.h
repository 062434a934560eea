/* robotlink: the robot link protocol, version 1 (see PROTOCOL.md): encoding, decoding and validation of datagrams,
 * CRC-32, sequence numbers and rejection counters. No allocation, no I/O; every function is reentrant. */
#ifndef ROBOTLINK_H
#define ROBOTLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RL_VERSION 1u
#define RL_HEADER_SIZE 16u
#define RL_CRC_SIZE 4u
#define RL_MIN_DATAGRAM (RL_HEADER_SIZE + RL_CRC_SIZE)
#define RL_MAX_DATAGRAM 512u
#define RL_MAX_PAYLOAD (RL_MAX_DATAGRAM - RL_MIN_DATAGRAM)
#define RL_MAX_JOINTS 16u
#define RL_MAX_IO 32u
#define RL_CLIENT_SIZE 16u
#define RL_NAME_SIZE 16u
#define RL_DETAIL_SIZE 48u
#define RL_FLAG_ESTOP 0x01u

/* Message types. */
typedef enum {
    RL_HELLO = 0x01,
    RL_CAPABILITIES = 0x02,
    RL_JOINT_COMMAND = 0x10,
    RL_JOINT_STATE = 0x11,
    RL_IO_SET = 0x20,
    RL_FAULT = 0x30,
    RL_FAULT_RESET = 0x31,
    RL_HEARTBEAT = 0x40,
    RL_ESTOP = 0x50
} rl_type;

/* Why a receiver dropped a datagram; RL_ACCEPTED when it did not. Listed as in PROTOCOL.md; the checks run in the
 * order short, magic, version, crc, type, payload, peer, duplicate, stale. */
typedef enum {
    RL_ACCEPTED = 0,
    RL_REJECT_SHORT,
    RL_REJECT_MAGIC,
    RL_REJECT_VERSION,
    RL_REJECT_CRC,
    RL_REJECT_TYPE,
    RL_REJECT_PAYLOAD,
    RL_REJECT_DUPLICATE,
    RL_REJECT_STALE,
    RL_REJECT_PEER,
    RL_REJECT_COUNT
} rl_reject;

/* Which end of the link a receiver is: it decides which types are accepted (`type` otherwise). */
typedef enum { RL_ROLE_CONTROLLER, RL_ROLE_EDGE } rl_role;

typedef enum { RL_KIND_ARM = 1, RL_KIND_GRIPPER = 2, RL_KIND_CONVEYOR = 3 } rl_kind;
typedef enum { RL_COMMAND_POSITION = 0, RL_COMMAND_VELOCITY = 1 } rl_command_mode;
typedef enum {
    RL_STATE_IDLE = 0,
    RL_STATE_ACTIVE = 1,
    RL_STATE_BRAKED = 2,
    RL_STATE_ESTOP = 3,
    RL_STATE_FAULT = 4
} rl_state_mode;
typedef enum {
    RL_FAULT_WATCHDOG = 1,
    RL_FAULT_LIMIT = 2,
    RL_FAULT_ESTOP = 3,
    RL_FAULT_REJECTED = 4,
    RL_FAULT_PLANT = 5
} rl_fault_code;
typedef enum { RL_SEVERITY_WARNING = 1, RL_SEVERITY_STOPPED = 2 } rl_severity;

typedef struct {
    uint8_t type;
    uint8_t flags;
    uint32_t seq;
    uint16_t length; /* payload length; filled in by rl_encode and rl_decode */
} rl_header;

typedef struct {
    char client[RL_CLIENT_SIZE + 1]; /* zero-terminated */
    uint32_t period_us;
} rl_hello;

typedef struct {
    float position_min;
    float position_max;
    float velocity_max;
} rl_joint_limits;

typedef struct {
    uint8_t kind;
    uint8_t joints;
    uint8_t inputs;
    uint8_t outputs;
    uint16_t watchdog_ms;
    char name[RL_NAME_SIZE + 1]; /* zero-terminated */
    rl_joint_limits limit[RL_MAX_JOINTS];
} rl_capabilities;

typedef struct {
    float position;
    float velocity;
} rl_joint_target;

typedef struct {
    uint8_t joints;
    uint8_t mode;
    rl_joint_target target[RL_MAX_JOINTS];
} rl_joint_command;

typedef struct {
    float position;
    float velocity;
    float effort;
} rl_joint_reading;

typedef struct {
    uint32_t ack_seq;
    uint8_t mode;
    uint8_t joints;
    uint32_t inputs;
    uint32_t counter;
    float power_w;
    uint32_t time_ms;
    rl_joint_reading joint[RL_MAX_JOINTS];
} rl_joint_state;

typedef struct {
    uint32_t mask;
    uint32_t values;
} rl_io_set;

typedef struct {
    uint16_t code;
    uint8_t severity;
    char detail[RL_DETAIL_SIZE + 1]; /* zero-terminated */
} rl_fault;

typedef struct {
    uint8_t asserted;
} rl_estop;

/* One message: the header and the payload of its type (FAULT_RESET and HEARTBEAT have none). */
typedef struct {
    rl_header header;
    union {
        rl_hello hello;
        rl_capabilities capabilities;
        rl_joint_command command;
        rl_joint_state state;
        rl_io_set io_set;
        rl_fault fault;
        rl_estop estop;
    } body;
} rl_message;

/* Counters of a receiver: accepted datagrams, rejections by reason, sequence gaps. */
typedef struct {
    uint64_t accepted;
    uint64_t rejected[RL_REJECT_COUNT];
    uint64_t lost;
} rl_counters;

/* The receiving state of one end of a link: the last accepted `seq` of the peer, and the counters. */
typedef struct {
    rl_role role;
    bool has_last;
    bool resync; /* edge: the next CAPABILITIES is accepted whatever its seq (set by rl_link_hello_sent) */
    uint8_t joints; /* the joint count this end expects in JOINT_COMMAND (controller) or JOINT_STATE (edge); another
                       count is a `payload` error. 0: not checked. */
    uint32_t last_seq;
    uint32_t next_send_seq;
    rl_counters counters;
} rl_link;

/* CRC-32 (IEEE 802.3, reflected 0xEDB88320, init and final XOR 0xFFFFFFFF), table-driven. */
uint32_t rl_crc32(const uint8_t *data, size_t size);
/* Continues a CRC: rl_crc32_update(0, ...) equals rl_crc32(...); pass the previous result to continue. */
uint32_t rl_crc32_update(uint32_t crc, const uint8_t *data, size_t size);

/* The wire name of a reason ("short", "magic", ...; "accepted" for RL_ACCEPTED). */
const char *rl_reject_name(rl_reject reason);
/* The name of a message type ("HELLO", ...) or NULL for an unknown type. */
const char *rl_type_name(uint8_t type);
/* Whether a receiver of this role accepts this type. */
bool rl_type_received_by(uint8_t type, rl_role role);
/* Payload length a type needs at least, given the body (joints); for decoding, the fixed part only. */
size_t rl_payload_size(const rl_message *message);

/* Encodes a message into out (header.length is computed; reserved bytes are 0); returns the datagram's size, or 0 when
 * the message breaks a limit (joints, inputs, outputs) or cap is too small. */
size_t rl_encode(const rl_message *message, uint8_t *out, size_t cap);

/* Validates and decodes one datagram up to the `payload` check, in the order short, magic, version, crc, type,
 * payload. On RL_ACCEPTED, out holds the message; otherwise out is unspecified. */
rl_reject rl_decode(const uint8_t *datagram, size_t size, rl_role role, rl_message *out);

/* Serial-number arithmetic: (int32)(a - b), computed without implementation-defined conversions. */
int64_t rl_seq_diff(uint32_t a, uint32_t b);
/* Whether a is newer than b: (int32)(a - b) > 0. */
bool rl_seq_newer(uint32_t a, uint32_t b);

void rl_link_init(rl_link *link, rl_role role);
/* The seq of the next datagram this end sends: 1, 2, 3, ... (wraps). */
uint32_t rl_link_next_seq(rl_link *link);
/* Edge: a HELLO was sent, so the first CAPABILITIES that follows is accepted whatever its seq. */
void rl_link_hello_sent(rl_link *link);
/* Sequence check of a decoded datagram (duplicate, stale) with the HELLO and CAPABILITIES resets; on acceptance the
 * last seq moves and gaps are added to counters.lost. Does not count the outcome (see rl_link_receive). */
rl_reject rl_link_check_seq(rl_link *link, const rl_header *header);
/* The whole receive path: decode, the joint count against link->joints (payload), then (controller) the peer check, then the sequence check; counts the outcome.
 * from_connected_peer: the datagram's source is the connected edge (the controller's peer check; ignored by an edge).
 * On RL_ACCEPTED, out holds the message. */
rl_reject rl_link_receive(rl_link *link, const uint8_t *datagram, size_t size, bool from_connected_peer,
                          rl_message *out);
/* Counts an outcome in counters (accepted or by reason). */
void rl_counters_add(rl_counters *counters, rl_reject outcome);

#endif
