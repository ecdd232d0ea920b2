#define _GNU_SOURCE
#include "shims.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <unistd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>

static socklen_t fill_addr(struct sockaddr_un *addr, const char *path) {
    memset(addr, 0, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof(addr->sun_path)) {
        return 0;
    }
    memcpy(addr->sun_path, path, n);
    if (path[0] == '@') {
        addr->sun_path[0] = '\0';
    }
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (path[0] == '@' ? 0 : 1));
}

int iid_send_fd(int sock, const char *path, int fd) {
    struct sockaddr_un addr;
    socklen_t alen = fill_addr(&addr, path);
    if (alen == 0) { errno = ENAMETOOLONG; return -1; }
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof(control));
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_name = &addr;
    msg.msg_namelen = alen;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
    return sendmsg(sock, &msg, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

int iid_peer_uid(int sock, uid_t *uid) {
    struct ucred cred;
    socklen_t len = sizeof(cred);
    if (getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) return -1;
    *uid = cred.uid;
    return 0;
}

int iid_sealed_memfd(const char *name, const void *data, size_t len) {
    int fd = memfd_create(name, MFD_ALLOW_SEALING | MFD_CLOEXEC);
    if (fd < 0) return -1;
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR) continue;
            int e = errno; close(fd); errno = e; return -1;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0) {
        int e = errno; close(fd); errno = e; return -1;
    }
    return fd;
}

ssize_t iid_send_datagram(int sock, const char *path, const void *data, size_t len) {
    struct sockaddr_un addr;
    socklen_t alen = fill_addr(&addr, path);
    if (alen == 0) { errno = ENAMETOOLONG; return -1; }
    return sendto(sock, data, len, MSG_NOSIGNAL, (struct sockaddr *)&addr, alen);
}

int iid_bind_unix(int sock, const char *path) {
    struct sockaddr_un addr;
    socklen_t alen = fill_addr(&addr, path);
    if (alen == 0) { errno = ENAMETOOLONG; return -1; }
    return bind(sock, (struct sockaddr *)&addr, alen);
}

int iid_connect_unix(int sock, const char *path) {
    struct sockaddr_un addr;
    socklen_t alen = fill_addr(&addr, path);
    if (alen == 0) { errno = ENAMETOOLONG; return -1; }
    return connect(sock, (struct sockaddr *)&addr, alen);
}

int iid_timerfd_create(void) {
    return timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
}

int iid_timerfd_arm(int fd, long long seconds, long nanos) {
    struct itimerspec spec;
    memset(&spec, 0, sizeof(spec));
    spec.it_value.tv_sec = (time_t)seconds;
    spec.it_value.tv_nsec = nanos;
    return timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, NULL);
}

#if defined(__GLIBC__)
#include <malloc.h>
void iid_malloc_trim(void) { malloc_trim(0); }
#else
void iid_malloc_trim(void) {}
#endif

extern char **environ;

int iid_spawn_fds(char *const argv[], char *const envp[], const int fds[3], int *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    for (int i = 0; i < 3; i++) posix_spawn_file_actions_adddup2(&actions, fds[i], i);
    /* Nothing else of the caller's reaches the child, whether or not it was opened close-on-exec. */
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawnattr_init(&attr);
    sigset_t none, standard;
    sigemptyset(&none);
    /* The daemon ignores the signals it handles through dispatch sources; a child must not inherit
       that. The standard signals only: each one reset is a system call before the exec. */
    sigemptyset(&standard);
    for (int sig = 1; sig < 32; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) sigaddset(&standard, sig);
    }
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &standard);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    pid_t child = 0;
    int rc = posix_spawnp(&child, argv[0], &actions, &attr, argv, envp ? envp : environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc == 0) *pid = child;
    return rc;
}

int iid_spawn(char *const argv[], int *pid, int fds[3], int *pidfd) {
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) != 0) return errno;
    if (pipe2(out, O_CLOEXEC) != 0) { int e = errno; close(in[0]); close(in[1]); return e; }
    if (pipe2(err, O_CLOEXEC) != 0) {
        int e = errno; close(in[0]); close(in[1]); close(out[0]); close(out[1]); return e;
    }
    const int ends[3] = {in[0], out[1], err[1]};
    pid_t child = 0;
    int rc = iid_spawn_fds(argv, NULL, ends, &child);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (rc != 0) {
        close(in[1]); close(out[0]); close(err[0]);
        return rc;
    }
    fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
    fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
    fcntl(err[0], F_SETFL, fcntl(err[0], F_GETFL) | O_NONBLOCK);
    *pid = child;
    fds[0] = in[1];
    fds[1] = out[0];
    fds[2] = err[0];
#ifdef SYS_pidfd_open
    *pidfd = (int)syscall(SYS_pidfd_open, child, 0);
    if (*pidfd >= 0) fcntl(*pidfd, F_SETFD, FD_CLOEXEC);
#else
    *pidfd = -1;
#endif
    return 0;
}
