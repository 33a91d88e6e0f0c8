#ifndef CWRITEBACK_H
#define CWRITEBACK_H

/// Starts writing the dirty pages of the open file `fd` to disk without waiting for them
/// (`sync_file_range` with `SYNC_FILE_RANGE_WRITE`, which Swift's Glibc module does not declare).
/// Returns 0, or -1 with errno set.
int cwriteback_start(int fd);

#endif
