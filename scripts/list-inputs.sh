#!/usr/bin/env bash
# The listing make tracks for a region's export folder (Makefile: $(WORK)/<region>/inputs.list):
#
#   scripts/list-inputs.sh <export-folder> <listing-file>
#
# One line per file under the folder: path, size, inode, modification and change time. The
# listing file is rewritten only when it differs, so its time changes exactly when a file of
# the export was added, removed, replaced or rewritten — also when the new file carries an
# older modification time (unzip, rsync -t, cp -p keep the sender's times) or a file
# disappeared, which make's own comparison of times would miss. A missing folder lists as
# empty (vt-extract then says what is missing).
#
# The pseudonym key file (VT_PSEUDONYM_KEY_FILE) is listed too (its path, size, inode and
# times, never its content): a rotated key reruns every region, so that no region keeps
# pseudonyms of the old key beside the new ones.
set -eu -o pipefail
if [ "$#" -ne 2 ]; then
  echo "usage: $0 <export-folder> <listing-file>" >&2
  exit 64
fi
folder=$1 listing=$2
mkdir -p "$(dirname "$listing")"
tmp=$(mktemp "$listing.XXXXXX")
trap 'rm -f "$tmp"' EXIT
if [ -d "$folder" ]; then
  (cd "$folder" && find -L . -type f -printf '%P\t%s\t%i\t%T@\t%C@\n') | LC_ALL=C sort >"$tmp"
fi
key=${VT_PSEUDONYM_KEY_FILE:-}
if [ -n "$key" ] && [ -e "$key" ]; then
  find -L "$key" -maxdepth 0 -printf '@pseudonym-key\t%p\t%s\t%i\t%T@\t%C@\n' >>"$tmp"
elif [ -n "$key" ]; then
  printf '@pseudonym-key\t%s\tmissing\n' "$key" >>"$tmp"
fi
if [ -e "$listing" ] && cmp -s "$tmp" "$listing"; then
  exit 0
fi
chmod 644 "$tmp"
mv -f "$tmp" "$listing"
trap - EXIT
