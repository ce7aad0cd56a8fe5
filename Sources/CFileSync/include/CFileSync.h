#ifndef VTCIJFERS_CFILESYNC_H
#define VTCIJFERS_CFILESYNC_H

/// Starts writing bytes `offset ..< offset + count` of the file `fd` to disk and returns
/// without waiting for them (Linux: `sync_file_range` with `SYNC_FILE_RANGE_WRITE`, which the
/// C library declares only under `_GNU_SOURCE`, out of Swift's reach). 0 when started, -1
/// where the file or system cannot (a pipe, another kernel): a hint, never an error.
int vt_start_writeback(int fd, long long offset, long long count);

#endif
