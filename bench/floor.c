/* The floor for reminder lateness on this machine: a C program that sleeps on CLOCK_REALTIME until
 * each due time (an absolute hrtimer, as a timerfd is) and then posix_spawn()s the recorder, as a
 * daemon would run notify-send. Nothing a reminder daemon does can beat this.
 *
 *   floor RECORDER DUE_NS...
 *
 * Each recorder call gets the tag f<i>; for each due time this program prints, on stdout, how late
 * it woke (ns), before spawning anything.
 */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: floor RECORDER DUE_NS...\n");
        return 2;
    }
    int n = argc - 2;
    long long *woke = calloc((size_t)n, sizeof *woke);
    for (int i = 0; i < n; i++) {
        long long due = atoll(argv[i + 2]);
        struct timespec at = {.tv_sec = due / 1000000000LL, .tv_nsec = due % 1000000000LL};
        while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &at, NULL) != 0) {}
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        woke[i] = (long long)now.tv_sec * 1000000000LL + now.tv_nsec - due;
        char tag[32];
        snprintf(tag, sizeof tag, "f%d", i);
        char *args[] = {argv[1], tag, NULL};
        pid_t pid;
        posix_spawn(&pid, argv[1], NULL, NULL, args, environ);
        while (waitpid(-1, NULL, WNOHANG) > 0) {}
    }
    while (wait(NULL) > 0) {}
    for (int i = 0; i < n; i++) printf("%lld\n", woke[i]);
    return 0;
}
