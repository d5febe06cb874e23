#!/usr/bin/env bash
# A made-up fortnight for Sam, used for the README's summary. Usage: examples/fortnight.sh DATA_DIR
set -euo pipefail
srt=${SRT:-srt}
export SRT_DATA_DIR=$1 SRT_DEVICE=${SRT_DEVICE:-example}
at() { SRT_NOW="$1T${2}:00+11:00" "$srt" "${@:3}" >/dev/null; }

at 2026-11-09 16:00 child add Sam
at 2026-11-09 16:05 steps set "uniform on" "drive past school" "walk to the gate" "in with a trusted adult" "first lesson" "half day" "full day"
at 2026-11-09 17:00 session add --note "Agreed the ladder; practise the calm voice"
at 2026-11-10 07:50 am 8 --body "stomach ache" --body tears --helped "calm presence" --win "got out of bed" --step 1 -y
at 2026-11-10 19:30 pm 5 --peak 9 --school absent --reason anxiety --win "talked about the day" --helped "weighted blanket" --next "uniform on before breakfast" -y
at 2026-11-11 07:45 am 7 --body "stomach ache" --helped "weighted blanket" --helped "calm presence" --win "got dressed" --step 1 -y
at 2026-11-11 19:40 pm 4 --peak 7 --school absent --reason anxiety --win "shared a laugh" -y
at 2026-11-12 07:40 am 7 --body "refusing to get up" --helped "weighted blanket" --win "got dressed" --win "ate breakfast" --step 2 -y
at 2026-11-12 19:20 pm 3 --peak 7 --school part --in 11:00 --out 12:00 --win "stayed for one lesson" --helped "slow breathing" --next "walk to the gate" -y
at 2026-11-13 07:50 am 6 --body "stomach ache" --helped "slow breathing" --win "got in the car" --step 2 -y
at 2026-11-13 19:10 pm 3 --peak 6 --school part --in 10:30 --out 13:30 --win "ate lunch at school" -y --note "Said the teacher was kind"
at 2026-11-14 09:30 am 3 --helped "movement" --win "played outside" -y
at 2026-11-15 09:00 am 2 --win "baked with Grandma" -y
at 2026-11-16 07:45 am 8 --body "stomach ache" --body nausea --helped "calm presence" --win "got dressed" --step 2 -y --note "Sunday-night worry came back"
at 2026-11-16 19:30 pm 5 --peak 8 --school part --in 10:00 --out 15:00 --win "walked to the gate" --step 3 -y
at 2026-11-17 07:50 am 6 --body "stomach ache" --helped "weighted blanket" --helped "slow breathing" --win "got in the car" --step 3 -y
at 2026-11-17 19:20 pm 3 --peak 6 --school part --lessons 2/6 --win "stayed for two lessons" -y
at 2026-11-18 07:45 am 5 --helped "weighted blanket" --win "ate breakfast" --step 3 -y
at 2026-11-18 19:30 pm 2 --peak 5 --school part --in 9:30 --out 13:00 --win "made eye contact with the teacher" --helped "slow breathing" -y
at 2026-11-19 07:40 am 4 --helped "slow breathing" --win "got dressed" --win "walked to the gate" --step 4 -y
at 2026-11-19 19:15 pm 2 --peak 4 --school full --win "full day!" -y --note "Please ask about the lunch break"
at 2026-11-20 07:45 am 4 --helped "weighted blanket" --win "walked to the gate" --step 4 -y
at 2026-11-20 19:30 pm 2 --peak 5 --school part --in 9:00 --out 13:00 --win "talked about a friend" -y
at 2026-11-21 09:00 am 2 --win "shared a laugh" -y
at 2026-11-23 07:45 am 6 --body "stomach ache" --helped "calm presence" --win "got dressed" --step 3 -y
