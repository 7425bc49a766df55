#!/usr/bin/env bash
# A small city built with the everyday commands: a committee, a ward with residential cells, an agency
# base cell, members (one moved, one left) and candidates. Then it shows the tree, the lists and a record.
# Uses $DANGVIEN_DB if set, else a throwaway database in a new temporary folder.
set -euo pipefail
export DANGVIEN_DB="${DANGVIEN_DB:-$(mktemp -d)/sample.db}"
export DANGVIEN_TODAY="${DANGVIEN_TODAY:-2022-10-31}"
dv() { dangvien "$@"; }

dv org add MC "Đảng bộ thành phố Móng Cái" --kind committee --population 108553
dv org add TP "Đảng bộ phường Trần Phú" --kind base --parent MC --population 9800
dv org add TP-HP "Chi bộ khu Hồng Phong" --kind cell --parent TP --place residential --population 1450
dv org add TP-K3 "Chi bộ khu 3" --kind cell --parent TP --place residential --population 1210
dv org add TP-TH "Chi bộ Trường Tiểu học Trần Phú" --kind cell --parent TP --place school
dv org add VPTU "Chi bộ Văn phòng Thành ủy" --kind base --parent MC --place agency

m() { dv member add --name "$1" --gender "$2" --birth "$3" --cell "$4" --admitted "$5" "${@:6}" >/dev/null; }
m "Nguyễn Văn Thắng" M 12/4/1956 TP-HP 3/2/1985 --official 3/2/1986 --citizen-id 022056001234
m "Trần Thị Mai" F 1/9/1962 TP-HP 19/5/1990 --official 19/5/1991
m "Lê Văn Hùng" M 20/11/1971 TP-HP 2/9/2001 --official 2/9/2002
m "Phạm Thị Hoà" F 8/3/1985 TP-K3 15/6/2010 --official 15/6/2011
m "Hoàng Phủ Minh Đức" M 30/4/1990 TP-K3 3/2/2015 --official 3/2/2016
m "Vũ Thị Ánh" F 14/2/1995 TP-TH 19/5/2019 --official 19/5/2020
m "Đặng Văn Sĩ" M 22/12/1988 VPTU 3/2/2012 --official 3/2/2013
m "Bùi Thị Thu Hà" F 5/5/1999 TP-HP 12/3/2022 --ceremony 26/3/2022 --given "Thu Hà" --middle "Thị"
m "Đỗ Văn An" M 1/1/1950 TP-K3 3/2/1975 --official 3/2/1976
dv member move 4 --to TP-HP --date 1/7/2021
dv member leave 9 --reason death --date 14/8/2022

c() { dv add-candidate --name "$1" --gender "$2" --birth "$3" --cell "$4" --source "$5" --identified "$6" >/dev/null; }
c "Ngô Thị Lan" F 2/2/2001 TP-HP youth_union 10/1/2022
c "Dương Văn Khoa" M 17/7/1997 TP-K3 demobilised_soldier 5/3/2022
c "Lý Thị Ngọc" F 9/9/1990 TP-TH other 20/4/2022

echo; dv org list
echo; dv org show TP
echo; dv member list --org TP
echo; dv member list --status left
echo; dv candidate list
echo; dv member show 4
echo; dv log --limit 5
echo; echo "Database: $DANGVIEN_DB"
