#define _GNU_SOURCE
#include <fcntl.h>
#include "cwriteback.h"

int cwriteback_start(int fd) {
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}
