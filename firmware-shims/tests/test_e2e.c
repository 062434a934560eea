/* End to end: starts robot-sim on port 0 as a child process, reads its JSON lines, and speaks the robot link to it
 * over UDP as an edge would. Usage: test-e2e ROBOT_SIM KIND SCENARIO. Bounds on time only keep a failing test from
 * hanging; the assertions are on behaviour. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "robotlink.h"

#define MAX_FAULTS 64

typedef struct {
    pid_t pid;
    int out;                  /* the simulator's stdout */
    char pending[1 << 16];    /* bytes read but not yet split into lines */
    size_t pending_size;
    char log[1 << 18];        /* every line, shown when a check fails */
    size_t log_size;
    int sock;
    struct sockaddr_in to;
    rl_link link;
    rl_capabilities caps;
    rl_joint_state state;     /* the last state received */
    uint8_t state_flags;
    uint64_t states;
    rl_fault faults[MAX_FAULTS];
    int fault_count;
} sim;

static sim s;
static const char *sim_path;

static uint64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(int ms) {
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fprintf(stderr, "e2e: ");
    vfprintf(stderr, format, args);
    va_end(args);
    fprintf(stderr, "\n--- robot-sim stdout ---\n%.*s------------------------\n", (int)s.log_size, s.log);
    if (s.pid > 0) kill(s.pid, SIGKILL);
    exit(1);
}

#define EXPECT(cond)                                                            \
    do {                                                                        \
        if (!(cond)) fail("%s:%d: expected %s", __FILE__, __LINE__, #cond);     \
    } while (0)

/* Reads whatever the simulator printed; returns the next complete line in line (true), or false when none is ready
 * within wait_ms. */
static bool next_line(char *line, size_t cap, int wait_ms) {
    for (;;) {
        char *newline = memchr(s.pending, '\n', s.pending_size);
        if (newline != NULL) {
            size_t n = (size_t)(newline - s.pending);
            size_t copy = n < cap - 1 ? n : cap - 1;
            memcpy(line, s.pending, copy);
            line[copy] = '\0';
            if (s.log_size + n + 1 < sizeof s.log) {
                memcpy(s.log + s.log_size, s.pending, n + 1);
                s.log_size += n + 1;
            }
            memmove(s.pending, newline + 1, s.pending_size - n - 1);
            s.pending_size -= n + 1;
            return true;
        }
        struct pollfd pfd = {.fd = s.out, .events = POLLIN};
        if (poll(&pfd, 1, wait_ms) <= 0) return false;
        ssize_t got = read(s.out, s.pending + s.pending_size, sizeof s.pending - s.pending_size);
        if (got <= 0) return false;
        s.pending_size += (size_t)got;
    }
}

static void start(const char *kind, const char *const *extra) {
    int fds[2];
    CHECK(pipe(fds) == 0);
    const char *argv[32] = {sim_path, "--kind", kind, "--port", "0", "--lifetime-s", "60"};
    int argc = 7;
    for (int i = 0; extra != NULL && extra[i] != NULL; i++) argv[argc++] = extra[i];
    argv[argc] = NULL;
    s.pid = fork();
    CHECK(s.pid >= 0);
    if (s.pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(sim_path, (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    s.out = fds[0];
    char line[1024];
    EXPECT(next_line(line, sizeof line, 10000));
    EXPECT(strstr(line, "\"event\":\"listening\"") != NULL);
    char want[64];
    snprintf(want, sizeof want, "\"kind\":\"%s\"", kind);
    EXPECT(strstr(line, want) != NULL);
    const char *port = strstr(line, "\"port\":");
    EXPECT(port != NULL);
    int p = atoi(port + 7);
    EXPECT(p > 0 && p < 65536);
    s.sock = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    CHECK(s.sock >= 0);
    memset(&s.to, 0, sizeof s.to);
    s.to.sin_family = AF_INET;
    s.to.sin_port = htons((uint16_t)p);
    s.to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    rl_link_init(&s.link, RL_ROLE_EDGE);
}

/* Waits up to wait_ms for a line that contains every one of the (NULL-terminated) fragments; returns it. */
static const char *wait_line(int wait_ms, ...) {
    static char line[4096];
    uint64_t end = now_ms() + (uint64_t)wait_ms;
    for (;;) {
        uint64_t now = now_ms();
        if (now >= end) return NULL;
        if (!next_line(line, sizeof line, (int)(end - now))) continue;
        va_list args;
        va_start(args, wait_ms);
        bool all = true;
        for (const char *f = va_arg(args, const char *); f != NULL; f = va_arg(args, const char *)) {
            if (strstr(line, f) == NULL) all = false;
        }
        va_end(args);
        if (all) return line;
    }
}

static uint32_t send_raw(rl_message *m, uint8_t flags) {
    uint8_t bytes[RL_MAX_DATAGRAM];
    m->header.seq = rl_link_next_seq(&s.link);
    m->header.flags = flags;
    size_t size = rl_encode(m, bytes, sizeof bytes);
    CHECK(size > 0);
    CHECK(sendto(s.sock, bytes, size, 0, (struct sockaddr *)&s.to, sizeof s.to) == (ssize_t)size);
    return m->header.seq;
}

static uint32_t send_type(uint8_t type, uint8_t flags) {
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = type;
    return send_raw(&m, flags);
}

static void send_hello(void) {
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = RL_HELLO;
    strcpy(m.body.hello.client, "e2e-client");
    m.body.hello.period_us = 5000;
    rl_link_hello_sent(&s.link);
    send_raw(&m, 0);
}

static uint32_t send_command(int mode, const float *values, uint8_t flags) {
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = RL_JOINT_COMMAND;
    m.body.command.joints = s.caps.joints;
    m.body.command.mode = (uint8_t)mode;
    for (int j = 0; j < s.caps.joints; j++) {
        if (mode == RL_COMMAND_POSITION) {
            m.body.command.target[j].position = values[j];
        } else {
            m.body.command.target[j].velocity = values[j];
        }
    }
    return send_raw(&m, flags);
}

/* Reads every datagram waiting (up to wait_ms for the first); returns how many were accepted. */
static int drain(int wait_ms) {
    int accepted = 0;
    struct pollfd pfd = {.fd = s.sock, .events = POLLIN};
    if (poll(&pfd, 1, wait_ms) <= 0) return 0;
    uint8_t bytes[2048];
    for (;;) {
        ssize_t n = recv(s.sock, bytes, sizeof bytes, 0);
        if (n < 0) return accepted;
        rl_message m;
        if (rl_link_receive(&s.link, bytes, (size_t)n, false, &m) != RL_ACCEPTED) continue;
        accepted++;
        switch (m.header.type) {
        case RL_CAPABILITIES:
            s.caps = m.body.capabilities;
            s.link.joints = s.caps.joints;
            break;
        case RL_JOINT_STATE:
            s.state = m.body.state;
            s.state_flags = m.header.flags;
            s.states++;
            break;
        case RL_FAULT:
            if (s.fault_count < MAX_FAULTS) s.faults[s.fault_count++] = m.body.fault;
            break;
        default:
            break;
        }
    }
}

static bool has_fault(uint16_t code) {
    for (int i = 0; i < s.fault_count; i++) {
        if (s.faults[i].code == code) return true;
    }
    return false;
}

static void connect_sim(void) {
    /* As an edge does: HELLO again until CAPABILITIES arrives (a datagram may be lost in a full socket buffer). */
    uint64_t end = now_ms() + 5000;
    while (s.caps.joints == 0 && now_ms() < end) {
        send_hello();
        for (int i = 0; i < 4 && s.caps.joints == 0; i++) drain(50);
    }
    EXPECT(s.caps.joints > 0);
    EXPECT(wait_line(5000, "\"event\":\"connected\"", "\"client\":\"e2e-client\"", "\"peer\":\"127.0.0.1:", NULL));
}

typedef bool (*predicate)(void);

/* For up to wait_ms, sends the command (or a HEARTBEAT when values is NULL) every 5 ms and reads the answers, until
 * the predicate holds. */
static bool drive_until(int wait_ms, int mode, const float *values, predicate done) {
    uint64_t end = now_ms() + (uint64_t)wait_ms;
    while (now_ms() < end) {
        if (values != NULL) {
            send_command(mode, values, 0);
        } else {
            send_type(RL_HEARTBEAT, 0);
        }
        drain(5);
        if (done != NULL && done()) return true;
    }
    return done == NULL;
}

static void stop_sim(void) {
    kill(s.pid, SIGTERM);
    const char *exit_line = wait_line(10000, "\"event\":\"exit\"", NULL);
    EXPECT(exit_line != NULL);
    int status = 0;
    EXPECT(waitpid(s.pid, &status, 0) == s.pid);
    EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    s.pid = 0;
}

/* ---- scenarios ---- */

static const char *const calm[] = {"--watchdog-ms", "5000", NULL};

static bool state_seen(void) { return s.states > 0; }

static void scenario_hello(void) {
    start("arm", NULL);
    send_type(RL_HEARTBEAT, 0); /* before any HELLO: not from the connected edge */
    EXPECT(wait_line(5000, "\"event\":\"rejected\"", "\"reason\":\"peer\"", "\"count\":1", NULL));
    connect_sim();
    EXPECT(s.caps.kind == RL_KIND_ARM && s.caps.joints == 6 && s.caps.watchdog_ms == 50);
    EXPECT(s.caps.inputs == 8 && s.caps.outputs == 8);
    EXPECT(strcmp(s.caps.name, "robot-sim arm") == 0);
    EXPECT(fabsf(s.caps.limit[0].position_max - 3.1f) < 1e-6f && fabsf(s.caps.limit[5].position_max - 6.2f) < 1e-6f);
    EXPECT(fabsf(s.caps.limit[0].velocity_max - 2.0f) < 1e-6f && fabsf(s.caps.limit[5].velocity_max - 3.0f) < 1e-6f);
    /* periodic states follow without any command: idle, no command applied yet */
    EXPECT(drive_until(3000, 0, NULL, state_seen));
    EXPECT(s.state.mode == RL_STATE_IDLE && s.state.ack_seq == 0 && s.state.joints == 6);
    EXPECT(s.state.power_w >= 29.0f);
    stop_sim();
}

static float target[RL_MAX_JOINTS];
static uint32_t last_command_seq;

static bool reached(void) {
    for (int j = 0; j < s.caps.joints; j++) {
        if (fabsf(s.state.joint[j].position - target[j]) > 0.005f) return false;
    }
    return s.state.mode == RL_STATE_ACTIVE;
}

static void scenario_command(void) {
    start("arm", calm);
    connect_sim();
    float goal[6] = {0.5f, -0.4f, 0.3f, 1.0f, -1.0f, 2.0f};
    memcpy(target, goal, sizeof goal);
    /* one command, then its answer: a JOINT_STATE that acknowledges exactly this command */
    last_command_seq = send_command(RL_COMMAND_POSITION, target, 0);
    uint64_t end = now_ms() + 3000;
    while (s.state.ack_seq != last_command_seq && now_ms() < end) drain(20);
    EXPECT(s.state.ack_seq == last_command_seq);
    EXPECT(s.state.mode == RL_STATE_ACTIVE);
    EXPECT(drive_until(10000, RL_COMMAND_POSITION, target, reached));
    EXPECT(s.state.ack_seq >= last_command_seq);
    /* moving costs power above the idle electronics; holding against gravity costs some too */
    EXPECT(s.state.power_w > 30.0f);
    /* a target beyond the controller's limits is clamped, with a warning (code 2) */
    float beyond[6] = {10.0f, 0, 0, 0, 0, 0};
    memcpy(target, beyond, sizeof beyond);
    target[0] = 3.1f;
    EXPECT(drive_until(10000, RL_COMMAND_POSITION, beyond, reached));
    EXPECT(s.state.joint[0].position <= 3.1f + 1e-4f);
    EXPECT(has_fault(RL_FAULT_LIMIT));
    EXPECT(wait_line(3000, "\"event\":\"fault\"", "\"code\":2", NULL));
    stop_sim();
}

static bool braked(void) { return s.state.mode == RL_STATE_BRAKED && has_fault(RL_FAULT_WATCHDOG); }
static bool active(void) { return s.state.mode == RL_STATE_ACTIVE; }

static void scenario_watchdog(void) {
    start("arm", NULL);
    connect_sim();
    float moving[6] = {1.5f, 0, 0, 0, 0, 0};
    drive_until(100, RL_COMMAND_POSITION, moving, NULL);
    /* silence: the controller brakes after watchdog_ms, says so on stdout and sends FAULT code 1 */
    EXPECT(wait_line(5000, "\"event\":\"watchdog_brake\"", "\"silent_ms\":", NULL));
    uint64_t end = now_ms() + 3000;
    while (!braked() && now_ms() < end) drain(20);
    EXPECT(braked());
    drain(20);
    float held = s.state.joint[0].position;
    EXPECT(s.state.joint[0].velocity == 0.0f);
    /* commands are ignored while braked: not acknowledged, nothing moves */
    uint32_t acked = s.state.ack_seq;
    drive_until(200, RL_COMMAND_POSITION, moving, NULL);
    EXPECT(s.state.mode == RL_STATE_BRAKED && s.state.ack_seq == acked);
    EXPECT(s.state.joint[0].position == held);
    /* FAULT_RESET releases it; the next command is followed again */
    send_type(RL_FAULT_RESET, 0);
    EXPECT(wait_line(3000, "\"event\":\"reset\"", NULL));
    EXPECT(drive_until(3000, RL_COMMAND_POSITION, moving, active));
    EXPECT(s.state.ack_seq > acked);
    stop_sim();
}

static bool estopped(void) { return s.state.mode == RL_STATE_ESTOP && (s.state_flags & RL_FLAG_ESTOP); }
static bool idle(void) { return s.state.mode == RL_STATE_IDLE; }

static void scenario_estop(void) {
    start("arm", calm);
    connect_sim();
    float moving[6] = {2.0f, 0, 0, 0, 0, 0};
    drive_until(150, RL_COMMAND_POSITION, moving, NULL);
    EXPECT(s.state.mode == RL_STATE_ACTIVE);
    rl_message stop;
    memset(&stop, 0, sizeof stop);
    stop.header.type = RL_ESTOP;
    stop.body.estop.asserted = 1;
    send_raw(&stop, RL_FLAG_ESTOP);
    EXPECT(wait_line(3000, "\"event\":\"estop\"", "\"asserted\":true", NULL));
    EXPECT(drive_until(3000, 0, NULL, estopped));
    EXPECT(has_fault(RL_FAULT_ESTOP));
    drain(20);
    EXPECT(s.state.joint[0].velocity == 0.0f);
    float held = s.state.joint[0].position;
    /* commands are ignored; FAULT_RESET alone does not release an asserted e-stop */
    drive_until(100, RL_COMMAND_POSITION, moving, NULL);
    send_type(RL_FAULT_RESET, 0);
    EXPECT(wait_line(3000, "\"event\":\"reset\"", NULL));
    drive_until(100, RL_COMMAND_POSITION, moving, NULL);
    EXPECT(s.state.mode == RL_STATE_ESTOP && s.state.joint[0].position == held);
    /* release, then reset */
    stop.body.estop.asserted = 0;
    send_raw(&stop, 0);
    EXPECT(wait_line(3000, "\"event\":\"estop\"", "\"asserted\":false", NULL));
    drive_until(100, 0, NULL, NULL);
    EXPECT(s.state.mode == RL_STATE_ESTOP); /* latched until FAULT_RESET */
    send_type(RL_FAULT_RESET, 0);
    EXPECT(drive_until(3000, 0, NULL, idle));
    EXPECT(drive_until(3000, RL_COMMAND_POSITION, moving, active));
    /* flags bit 0 on any datagram acts as an e-stop */
    send_type(RL_HEARTBEAT, RL_FLAG_ESTOP);
    EXPECT(drive_until(3000, 0, NULL, estopped));
    stop_sim();
}

static bool inputs_five(void) { return s.state.inputs == 0x05u; }

static void scenario_io(void) {
    start("arm", calm);
    connect_sim();
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = RL_IO_SET;
    m.body.io_set.mask = 0xFFu;
    m.body.io_set.values = 0x05u;
    send_raw(&m, 0);
    EXPECT(drive_until(3000, 0, NULL, inputs_five)); /* the arm's inputs read its outputs back */
    m.body.io_set.mask = 0x100u; /* an output the arm does not have: ignored */
    m.body.io_set.values = 0x100u;
    send_raw(&m, 0);
    drive_until(100, 0, NULL, NULL);
    EXPECT(s.state.inputs == 0x05u);
    stop_sim();
}

/* Fault injection on what the simulator sends. */
static void scenario_faults(void) {
    /* every datagram corrupted: the edge accepts none of them and counts why */
    const char *const corrupt[] = {"--corrupt", "100", "--watchdog-ms", "5000", "--seed", "7", NULL};
    start("arm", corrupt);
    send_hello();
    drive_until(500, 0, NULL, NULL);
    EXPECT(s.link.counters.accepted == 0);
    uint64_t rejected = 0;
    for (int r = 1; r < RL_REJECT_COUNT; r++) rejected += s.link.counters.rejected[r];
    EXPECT(rejected > 10);
    EXPECT(s.link.counters.rejected[RL_REJECT_CRC] > 0);
    stop_sim();

    /* every datagram sent twice: the second copy is a duplicate */
    memset(&s, 0, sizeof s);
    const char *const twice[] = {"--duplicate", "100", "--watchdog-ms", "5000", NULL};
    start("arm", twice);
    connect_sim();
    drive_until(300, 0, NULL, NULL);
    EXPECT(s.link.counters.rejected[RL_REJECT_DUPLICATE] > 5);
    stop_sim();

    /* older states re-sent instead of new ones: stale at the edge */
    memset(&s, 0, sizeof s);
    const char *const stale[] = {"--stale", "50", "--watchdog-ms", "5000", NULL};
    start("arm", stale);
    connect_sim();
    drive_until(500, 0, NULL, NULL);
    EXPECT(s.link.counters.rejected[RL_REJECT_STALE] + s.link.counters.rejected[RL_REJECT_DUPLICATE] > 5);
    EXPECT(s.link.counters.accepted > 5);
    stop_sim();

    /* everything dropped: nothing arrives, and the exit event counts the drops */
    memset(&s, 0, sizeof s);
    const char *const dropped[] = {"--drop", "100", "--watchdog-ms", "5000", NULL};
    start("arm", dropped);
    send_hello();
    drive_until(300, 0, NULL, NULL);
    EXPECT(s.link.counters.accepted == 0);
    kill(s.pid, SIGTERM);
    EXPECT(wait_line(5000, "\"event\":\"exit\"", "\"received\":0,", NULL));
    waitpid(s.pid, NULL, 0);

    /* a fixed delay: nothing can arrive before it has passed, everything arrives after */
    memset(&s, 0, sizeof s);
    const char *const late[] = {"--delay-ms", "300", "--watchdog-ms", "5000", NULL};
    start("arm", late);
    uint64_t sent = now_ms();
    send_hello();
    while (s.caps.joints == 0 && now_ms() < sent + 5000) drain(10);
    EXPECT(s.caps.joints == 6);
    EXPECT(now_ms() - sent >= 290);
    stop_sim();
}

/* Random, truncated, oversized and foreign datagrams: the simulator keeps running and still answers. */
static void scenario_fuzz(void) {
    start("arm", calm);
    int stranger = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(stranger >= 0);
    uint32_t x = 99u;
    uint8_t bytes[1500];
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = RL_JOINT_COMMAND;
    m.body.command.joints = 6;
    for (int i = 0; i < 20000; i++) {
        size_t size;
        x = x * 1664525u + 1013904223u;
        if (i % 3 == 0) {
            size = x % sizeof bytes;
            for (size_t k = 0; k < size; k++) bytes[k] = (uint8_t)((x >> 8) + k * 31u);
        } else {
            m.header.seq = x;
            m.header.type = (i % 2) ? RL_JOINT_COMMAND : RL_HELLO;
            size = rl_encode(&m, bytes, sizeof bytes);
            bytes[(x >> 4) % size] ^= (uint8_t)(1u + (x >> 12) % 255u);
            if (i % 7 == 0) size = (x >> 16) % size;
            if (i % 4 == 1 && size >= RL_MIN_DATAGRAM) { /* resealed: the checks after the CRC see it too */
                uint32_t crc = rl_crc32(bytes, size - 4);
                for (int k = 0; k < 4; k++) bytes[size - 4 + (size_t)k] = (uint8_t)(crc >> (8 * k));
            }
        }
        sendto(i % 5 == 0 ? stranger : s.sock, bytes, size, 0, (struct sockaddr *)&s.to, sizeof s.to);
        if (i % 500 == 0) sleep_ms(1); /* let the simulator keep up; UDP drops the rest, which is fine */
    }
    close(stranger);
    s.link.next_send_seq = 1;
    connect_sim();
    EXPECT(drive_until(3000, 0, NULL, state_seen));
    kill(s.pid, SIGTERM);
    const char *exit_line = wait_line(10000, "\"event\":\"exit\"", NULL);
    EXPECT(exit_line != NULL);
    EXPECT(strstr(exit_line, "\"crc\":0,") == NULL);
    printf("%s\n", exit_line);
    EXPECT(strstr(s.log, "\"event\":\"fault\",\"code\":4,") != NULL); /* more than 10 rejected in a second */
    int status = 0;
    EXPECT(waitpid(s.pid, &status, 0) == s.pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* One run of the seed scenario: for each of 60 commands, whether its answer arrived intact ('1') or corrupted ('0'). */
static void corrupted_answers(const char *seed, char *pattern) {
    memset(&s, 0, sizeof s);
    const char *const args[] = {"--corrupt", "50", "--state-ms", "0", "--watchdog-ms", "0", "--seed", seed, NULL};
    start("arm", args);
    s.caps.joints = 6; /* known, whether or not CAPABILITIES arrives intact */
    s.link.joints = 6;
    send_hello();
    uint8_t bytes[2048];
    struct pollfd pfd = {.fd = s.sock, .events = POLLIN};
    EXPECT(poll(&pfd, 1, 5000) == 1 && recv(s.sock, bytes, sizeof bytes, 0) > 0); /* CAPABILITIES, intact or not */
    float still[6] = {0};
    for (int i = 0; i < 60; i++) {
        send_command(RL_COMMAND_POSITION, still, 0);
        EXPECT(poll(&pfd, 1, 5000) == 1);
        ssize_t n = recv(s.sock, bytes, sizeof bytes, 0);
        EXPECT(n > 0);
        rl_message m;
        pattern[i] = rl_decode(bytes, (size_t)n, RL_ROLE_EDGE, &m) == RL_ACCEPTED ? '1' : '0';
    }
    pattern[60] = '\0';
    stop_sim();
}

/* The same seed makes the same injection decisions; another seed makes others. */
static void scenario_seed(void) {
    char a[61], b[61], c[61];
    corrupted_answers("42", a);
    corrupted_answers("42", b);
    corrupted_answers("43", c);
    EXPECT(strcmp(a, b) == 0);
    EXPECT(strcmp(a, c) != 0);
    EXPECT(strchr(a, '0') != NULL && strchr(a, '1') != NULL);
}

static void scenario_exit(void) {
    start("arm", calm);
    connect_sim();
    float goal[6] = {0.1f, 0, 0, 0, 0, 0};
    drive_until(100, RL_COMMAND_POSITION, goal, NULL);
    kill(s.pid, SIGINT);
    const char *line = wait_line(5000, "\"event\":\"exit\"", "\"received\":", "\"applied\":", "\"rejected\":{",
                                 "\"short\":0", "\"peer\":0", NULL);
    EXPECT(line != NULL);
    int status = 0;
    EXPECT(waitpid(s.pid, &status, 0) == s.pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static bool grasped(void) { return (s.state.inputs & 1u) && s.state.counter >= 1; }
static bool grasped_twice(void) { return (s.state.inputs & 1u) && s.state.counter >= 2; }
static bool released(void) { return !(s.state.inputs & 1u) && s.state.joint[0].position > 0.08f; }

static void scenario_grasp(void) {
    start("gripper", calm);
    connect_sim();
    EXPECT(s.caps.kind == RL_KIND_GRIPPER && s.caps.joints == 1);
    EXPECT(s.caps.limit[0].position_min == 0.0f && fabsf(s.caps.limit[0].position_max - 0.085f) < 1e-6f);
    float close_[1] = {0.0f}, open_[1] = {0.085f};
    EXPECT(drive_until(5000, RL_COMMAND_POSITION, close_, grasped));
    drive_until(50, RL_COMMAND_POSITION, close_, NULL);
    EXPECT(fabsf(s.state.joint[0].position - 0.04f) < 1e-4f); /* stopped at the part */
    EXPECT(s.state.joint[0].effort > 10.0f);                   /* grip force */
    EXPECT(drive_until(5000, RL_COMMAND_POSITION, open_, released));
    EXPECT(drive_until(5000, RL_COMMAND_POSITION, close_, grasped_twice));
    EXPECT(!has_fault(RL_FAULT_PLANT));
    stop_sim();
}

static bool closed_empty(void) { return has_fault(RL_FAULT_PLANT); }

static void scenario_empty(void) {
    const char *const nothing[] = {"--object-width", "0", "--watchdog-ms", "5000", NULL};
    start("gripper", nothing);
    connect_sim();
    float close_[1] = {0.0f};
    EXPECT(drive_until(5000, RL_COMMAND_POSITION, close_, closed_empty));
    EXPECT(wait_line(3000, "\"event\":\"fault\"", "\"code\":5", "\"severity\":1", NULL));
    EXPECT(s.state.counter == 0 && !(s.state.inputs & 1u));
    EXPECT(s.state.mode == RL_STATE_ACTIVE); /* a warning: it keeps following commands */
    stop_sim();
}

static bool infeed_seen, outfeed_seen;
static bool two_items(void) {
    if (s.state.inputs & 1u) infeed_seen = true;
    if (s.state.inputs & 2u) outfeed_seen = true;
    return s.state.counter >= 2 && infeed_seen && outfeed_seen;
}

static void scenario_items(void) {
    const char *const fast[] = {"--item-every-ms", "300", "--watchdog-ms", "5000", NULL};
    start("conveyor", fast);
    connect_sim();
    EXPECT(s.caps.kind == RL_KIND_CONVEYOR && s.caps.joints == 1 && s.caps.inputs == 2);
    float speed[1] = {0.5f};
    EXPECT(drive_until(15000, RL_COMMAND_VELOCITY, speed, two_items));
    EXPECT(fabsf(s.state.joint[0].velocity - 0.5f) < 0.01f);
    EXPECT(s.state.joint[0].position > 1.2f);
    /* stopping the belt stops the items: the count no longer changes */
    float halt[1] = {0.0f};
    drive_until(500, RL_COMMAND_VELOCITY, halt, NULL);
    uint32_t counted = s.state.counter;
    drive_until(700, RL_COMMAND_VELOCITY, halt, NULL);
    EXPECT(s.state.counter == counted);
    stop_sim();
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: test-e2e ROBOT_SIM KIND SCENARIO\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    sim_path = argv[1];
    const char *scenario = argv[3];
    static const struct {
        const char *name;
        void (*run)(void);
    } scenarios[] = {{"hello", scenario_hello},   {"command", scenario_command}, {"watchdog", scenario_watchdog},
                     {"estop", scenario_estop},   {"io", scenario_io},           {"faults", scenario_faults},
                     {"fuzz", scenario_fuzz},     {"exit", scenario_exit},       {"seed", scenario_seed},       {"grasp", scenario_grasp},
                     {"empty", scenario_empty},   {"items", scenario_items}};
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        if (strcmp(scenarios[i].name, scenario) == 0) {
            scenarios[i].run();
            printf("e2e %s %s: ok\n", argv[2], scenario);
            return 0;
        }
    }
    fprintf(stderr, "unknown scenario %s\n", scenario);
    return 2;
}
