#ifndef IID_SHIMS_H
#define IID_SHIMS_H
#include <sys/types.h>
#include <stddef.h>

/// sendmsg(2) with one file descriptor as SCM_RIGHTS, to an AF_UNIX datagram address.
/// Returns 0 or -1 with errno set. Used for journal payloads too large for one datagram.
int iid_send_fd(int sock, const char *path, int fd);

/// The uid of the peer of a connected AF_UNIX socket (getsockopt SO_PEERCRED). 0 or -1 with errno.
int iid_peer_uid(int sock, uid_t *uid);

/// memfd_create(2) with MFD_ALLOW_SEALING | MFD_CLOEXEC, then write `len` bytes and seal it.
/// Returns the fd or -1 with errno set.
int iid_sealed_memfd(const char *name, const void *data, size_t len);

/// sendto(2) of one datagram to the AF_UNIX address `path` (a leading '@' means abstract).
ssize_t iid_send_datagram(int sock, const char *path, const void *data, size_t len);

/// bind(2) an AF_UNIX socket to `path`. 0 or -1 with errno set.
int iid_bind_unix(int sock, const char *path);

/// connect(2) an AF_UNIX socket to `path`. 0 or -1 with errno set.
int iid_connect_unix(int sock, const char *path);

/// timerfd_settime(2) on CLOCK_REALTIME at an absolute time with TFD_TIMER_CANCEL_ON_SET, so that
/// a clock change interrupts the wait. `seconds`/`nanos` 0 disarms. 0 or -1 with errno.
int iid_timerfd_arm(int fd, long long seconds, long nanos);

/// timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC).
int iid_timerfd_create(void);

/// Starts `argv` (PATH searched when argv[0] has no slash) with posix_spawn: its own process group,
/// default signal dispositions, an empty signal mask, the caller's environment, no other open
/// file descriptor (whether close-on-exec or not: a leaked writer makes scripts "text file busy"). Its stdin, stdout
/// and stderr are new pipes; their other ends, close-on-exec and non-blocking, go to `fds[0..2]`.
/// `*pidfd` is a pidfd for the child (readable once it exits), or -1 where the kernel has none.
/// Returns 0, or an errno value (ENOENT: no such program).
int iid_spawn(char *const argv[], int *pid, int fds[3], int *pidfd);

/// Starts `argv` as `iid_spawn` does, with `envp` as its environment (NULL: the caller's) and
/// `fds[0..2]` (open descriptors of the caller's, left open) as its stdin, stdout and stderr.
/// `*pid` is the child's. Returns 0, or an errno value.
int iid_spawn_fds(char *const argv[], char *const envp[], const int fds[3], int *pid);

/// malloc_trim(0): gives freed heap back to the system (glibc; a no-op elsewhere).
void iid_malloc_trim(void);

#endif
