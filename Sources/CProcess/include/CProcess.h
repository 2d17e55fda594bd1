#ifndef CPROCESS_H
#define CPROCESS_H

/// Creates a pipe whose two ends are close-on-exec from the start (Linux `pipe2` with
/// `O_CLOEXEC`), so that no process spawned by another thread can inherit them.
/// Returns 0, or -1 with `errno` set.
int pipe_cloexec(int ends[2]);

#endif
