/* Stands in for notify-send (or any reminder command): notes when it started and what it was for.
 *
 * The first thing it does is read CLOCK_REALTIME; then it appends one line
 *   <seconds.nanoseconds> <tag>
 * to the file named by $BENCH_RECORD. The tag is the task id from iid's
 * --hint=string:x-iid-task:ID argument when there is one, else the last argument
 * (the message text other tools pass). Build it static so that exec is as cheap as it gets:
 *   cc -O2 -static -o recorder recorder.c
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    const char *path = getenv("BENCH_RECORD");
    if (!path || !*path) return 0;
    const char *tag = argc > 1 ? argv[argc - 1] : "-";
    static const char hint[] = "--hint=string:x-iid-task:";
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], hint, sizeof hint - 1) == 0) {
            tag = argv[i] + sizeof hint - 1;
            break;
        }
    }
    char line[512];
    int n = snprintf(line, sizeof line, "%lld.%09ld ", (long long)ts.tv_sec, ts.tv_nsec);
    /* One line per call: newlines in a message become spaces. */
    for (const char *p = tag; *p && n < (int)sizeof line - 2; p++) line[n++] = (*p == '\n') ? ' ' : *p;
    line[n++] = '\n';
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return 1;
    ssize_t w = write(fd, line, (size_t)n);
    close(fd);
    return w == n ? 0 : 1;
}
