#!/usr/bin/env bash
# A tour of dangvien on a small city: import the lists in sample_data/small_city/ (as an officer's
# spreadsheets would bring them), then show the tree, the lists, a record, a search and an export.
# Uses $DANGVIEN_DB if set, else a throwaway database in a new temporary folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export DANGVIEN_DB="${DANGVIEN_DB:-$(mktemp -d)/sample.db}"
export DANGVIEN_TODAY="${DANGVIEN_TODAY:-2022-10-31}"
show() { printf '\n$ %s\n' "$*"; "$@"; }

for list in orgs members candidates reviews quotas; do
    show dangvien import "$list" "$here/small_city/$list.csv"
done
show dangvien org list
show dangvien org show TP
show dangvien member list --org TP
show dangvien member list --status left
show dangvien candidate list
show dangvien candidate show 1
show dangvien search "hoa"
show dangvien candidate check 1 --at 2022-09-15
show dangvien candidate propose 1 --date 2022-09-15 --resolution 12-NQ/CB --votes-for 4 --official-members 4
show dangvien admit 1 --decision 205-QĐ/ĐU --decision-date 2022-10-20
show dangvien due
show dangvien quota list
show dangvien report quota --year 2022 --org MC
show dangvien report ageing --org MC
show dangvien report pipeline --year 2022 --org MC
show dangvien report outlook --org MC --target 2025=20 --target 2030=30
show dangvien report monthly --cell TP-HP --month 2022-10
show dangvien export members --org TP-HP --redact
show dangvien log --limit 5
printf '\nDatabase: %s\n' "$DANGVIEN_DB"
