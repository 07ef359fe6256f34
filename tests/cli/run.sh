#!/usr/bin/env bash
# Checks of the sparkroster command line: exit codes and messages. Prints "ok"/"not ok" lines.
# Usage: tests/cli/run.sh PATH/TO/sparkroster
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME EXPECTED_EXIT COMMAND... ; output in $tmp/out
  local name=$1 want=$2; shift 2
  "$@" >"$tmp/out" 2>&1; local got=$?
  if [ "$got" -eq "$want" ]; then echo "ok - $name"; else echo "not ok - $name (exit $got, wanted $want)"; sed 's/^/    /' "$tmp/out"; fails=$((fails+1)); fi
}
expect_output() {  # expect_output NAME TEXT: the last command's output holds TEXT
  if grep -qF -- "$2" "$tmp/out"; then echo "ok - $1"; else echo "not ok - $1 (no '$2' in output)"; sed 's/^/    /' "$tmp/out"; fails=$((fails+1)); fi
}

check "sample writes a backup" 0 "$bin" sample --today 2026-11-22
cp "$tmp/out" "$tmp/sample.json"
check "validate accepts the sample program" 0 "$bin" validate "$tmp/sample.json"
expect_output "validate counts what it read" "36 creators"

head -c 300 "$tmp/sample.json" >"$tmp/truncated.json"
check "validate refuses a truncated backup with exit 1" 1 "$bin" validate "$tmp/truncated.json"
expect_output "the refusal says the JSON is broken" "not valid JSON"

printf '{"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"a","followers":-5}]}' >"$tmp/neg.json"
check "validate refuses negative followers with exit 1" 1 "$bin" validate "$tmp/neg.json"
expect_output "the refusal names the JSON path" "\$.creators[0].followers"

check "validate of a missing file exits 1" 1 "$bin" validate "$tmp/nope.json"
check "no command is a usage error (exit 2)" 2 "$bin"
check "an unknown command is a usage error (exit 2)" 2 "$bin" frobnicate
check "a bad --today is a usage error (exit 2)" 2 "$bin" sample --today 2026-02-30
# import: the same orders as CSV and as .xlsx (written by openpyxl), onto the sample program.
here=$(cd "$(dirname "$0")" && pwd)
py=python3; [ -x /usr/bin/python3 ] && py=/usr/bin/python3   # Debian's, which has python3-openpyxl
cat >"$tmp/orders.csv" <<'CSV'
Order ID,Product ID,Product Name,SKU ID,Price,Payment Amount,Quantity,Currency,Fully returned or refunded,Order Status,Creator Username,Content Type,Content ID,Est. standard commission payment,Time Created
577123456789012345,1729384756102938475,Kem chống nắng Ngọc Trâm,1729384756102938476,25.00,25.00,1,USD,No,Settled,glowwithmaya,Video,74441292551274898,2.50,2026-11-13 10:00:00
577123456789012346,1729384756102938475,ครีมกันแดด,1729384756102938476,20.00,40.00,2,USD,No,Settled,glowwithmaya,Video,74441292551274898,4.00,2026-11-14 09:30:00
577123456789012347,1729384756102938475,Serum,1729384756102938476,12.50,12.50,1,USD,Yes,Settled,nobody.here,Video,7301234567890123456,1.25,2026-11-14 11:00:00
CSV
check "import of a CSV, dry run" 0 "$bin" import "$tmp/sample.json" "$tmp/orders.csv" --dry-run
expect_output "import prints the summary" "2 new lines (2 orders), 0 updated, 0 unchanged"
cp "$tmp/out" "$tmp/csv.out"
if "$py" -c "import openpyxl" 2>/dev/null; then
  "$py" "$here/../fixtures/make_xlsx.py" "$tmp/orders.csv" "$tmp/orders.xlsx"
  check "import of the same orders as .xlsx, dry run" 0 "$bin" import "$tmp/sample.json" "$tmp/orders.xlsx" --dry-run
  expect_output "the .xlsx gives the same summary" "$(sed -n 1p "$tmp/csv.out" | sed 's/^[^:]*: //')"
  check "import of the .xlsx writes the program with -o" 0 "$bin" import "$tmp/sample.json" "$tmp/orders.xlsx" -o "$tmp/imported.json"
  check "the imported program is valid" 0 "$bin" validate "$tmp/imported.json"
  check "importing the .xlsx again onto it finds only known lines" 0 "$bin" import "$tmp/imported.json" "$tmp/orders.xlsx" --dry-run
  expect_output "the second import finds them unchanged" "0 new lines (0 orders), 0 updated, 2 unchanged, 0 duplicates"
  # The next export of the same orders: the first one refunded, now Ineligible.
  sed 's/^\(577123456789012345,.*\),No,Settled,/\1,Yes,Ineligible,/' "$tmp/orders.csv" > "$tmp/orders-2.csv"
  check "a later export updates the known lines" 0 "$bin" import "$tmp/imported.json" "$tmp/orders-2.csv" --dry-run
  expect_output "the summary says what changed" "0 new lines (0 orders), 1 updated (1 status, 1 refund, 1 commission), 1 unchanged"
else
  echo "not ok - python3-openpyxl is missing (tools/setup installs it)"; fails=$((fails+1))
fi
# import: a Data Compass video performance CSV and a creator list, onto the sample program. The
# sample's @glowwithmaya has post 74441292551274898 (as in the orders above).
cat >"$tmp/videos.csv" <<'CSV'
Video title,Video ID,Post date,Video link,Creator name,Product ID,Creator video-attributed GMV,Video-attributed orders,AOV,Avg. GMV per customer,Video-attributed items sold,Refunds,Items refunded,Est. commission,Est. flat fee,Video views,Likes,Comments,Shares,Video product impressions,Video product clicks,Completion rate,CTR,Engagement,Video GPM
Kem chống nắng 🌞,74441292551274898,13/11/2026,,glowwithmaya,1729384756102938475,"$1,234.50",40,$30.86,$30.86,40,$0.00,0,$123.45,$0.00,"12,345",900,<5,--,"45,678","1,230",5.93%,2.7%,7.3%,$100.00
Kem chống nắng 🌞,74441292551274898,13/11/2026,,glowwithmaya,1729384756102938476,"$1,234.50",40,$30.86,$30.86,40,$0.00,0,$123.45,$0.00,"12,345",900,<5,--,"45,678","1,230",5.93%,2.7%,7.3%,$100.00
ครีมกันแดด,7399999999999999999,14/11/2026,,chưa.có.tên,1729384756102938475,$10.00,1,$10.00,$10.00,1,$0.00,0,$1.00,$0.00,500,5,0,0,600,20,1%,3%,2%,$20.00
Total of 3 results,,,,,,,,,,,,,,,,,,,,,,,,
CSV
check "import of a video performance CSV, dry run" 0 "$bin" import "$tmp/sample.json" "$tmp/videos.csv" --dry-run
expect_output "it says what it found and did" "Video performance, 2 videos: 1 post updated, 0 new posts, 1 unknown creator, 1 row skipped"
expect_output "it lists the creator it did not add" "unknown creator @chưa.có.tên: 1 video, first on row 4 (not added)"
if "$py" -c "import openpyxl" 2>/dev/null; then
  "$py" "$here/../fixtures/make_xlsx.py" "$tmp/videos.csv" "$tmp/videos.xlsx"
  check "import of the same videos as .xlsx, dry run" 0 "$bin" import "$tmp/sample.json" "$tmp/videos.xlsx" --dry-run
  expect_output "the .xlsx gives the same summary" "Video performance, 2 videos: 1 post updated, 0 new posts, 1 unknown creator, 1 row skipped"
fi
check "import of the video CSV writes the views" 0 "$bin" import "$tmp/sample.json" "$tmp/videos.csv" -o "$tmp/videos.json"
check "the program with the video numbers is valid" 0 "$bin" validate "$tmp/videos.json"
if grep -q '"views": 12345' "$tmp/videos.json" && grep -q '"clicks": 1230' "$tmp/videos.json"; then
  echo "ok - the post has the file's views and product clicks"
else
  echo "not ok - the post has the file's views and product clicks"; fails=$((fails+1))
fi
check "importing the video CSV again changes nothing" 0 "$bin" import "$tmp/videos.json" "$tmp/videos.csv" --dry-run
expect_output "the second import finds the numbers already there" "0 posts updated, 0 new posts, 1 unknown creator, 1 unchanged"
printf 'Creator username,Affiliate GMV,Affiliate LIVE GMV,Affiliate shoppable video GMV,Affiliate product card GMV,Affiliate followers\nglowwithmaya,$10.00,$0.00,$10.00,$0.00,"250,000"\nsomchai.th,"$2,000.00",$200.00,"$1,000.00",$800.00,"45,000"\n' >"$tmp/creators.csv"
check "import of a creator list, dry run" 0 "$bin" import "$tmp/sample.json" "$tmp/creators.csv" --dry-run
expect_output "it previews the prospect to add" "add @somchai.th as a prospect, 45000 followers"
expect_output "it says what it found" "Creator list, 2 creators: 1 to add as prospects, 1 followers updated, 0 unchanged"
# import: paid reports onto the sample program. @theskinnerd's post 74517775802264655 runs as a
# Spark Ad (code live from 2026-11-13 for 60 days).
printf 'Campaign name,Video ID,Cost,SKU orders,Gross revenue,Product ad impressions,Product ad clicks,2-second ad video view rate,6-second ad video view rate,Currency\nGMV Max Q4,74517775802264655,$120.00,6,$204.00,"10,000",250,30%%,12%%,USD\nGMV Max Q4,7399999999999999999,$15.00,0,$0.00,900,4,10%%,2%%,USD\n' >"$tmp/creative.csv"
check "import of GMV Max creative data, dated by --today" 0 "$bin" import "$tmp/sample.json" "$tmp/creative.csv" --today 2026-11-22 -o "$tmp/paid.json"
expect_output "it says what it found and did" "Paid report (GMV Max creative data), 2 rows: 1 round on 1 Spark Code (1 new, 0 replaced), 1 ad not placed"
expect_output "it lists the creative it could not place" "not placed: video 7399999999999999999 (no post has this video; 1 row, cost \$15.00, first on row 3)"
check "the program with the paid round is valid" 0 "$bin" validate "$tmp/paid.json"
if grep -q '"spend": 120' "$tmp/paid.json" && grep -q '"view_rate_2s": 0.3' "$tmp/paid.json"; then
  echo "ok - the code has the round's spend and 2-second view rate"
else
  echo "not ok - the code has the round's spend and 2-second view rate"; fails=$((fails+1))
fi
check "the same report again on the same day changes nothing" 0 "$bin" import "$tmp/paid.json" "$tmp/creative.csv" --today 2026-11-22 --dry-run
expect_output "the second import finds the round already there" "1 round on 0 Spark Codes (0 new, 0 replaced), 1 ad not placed, 1 unchanged"
check "a bad --today is a usage error" 2 "$bin" import "$tmp/sample.json" "$tmp/creative.csv" --today 22/11/2026
# An Ads Manager ad named neither by a video id nor by a code: placed by --mapping on the code of
# @theskinnerd's post (record 158), kept in the program written out.
printf 'By Day,Campaign name,Ad name,Ad ID,Currency,Cost,Impressions,Clicks (destination),Complete payment,Total complete payment value\n21/11/2026,Sale 11.11,Khuyến mãi 11.11 🔥,1790000000000000003,USD,40.00,"5,000",100,2,$68.00\n' >"$tmp/ads.csv"
check "an ad its name cannot place is listed, dry run" 0 "$bin" import "$tmp/sample.json" "$tmp/ads.csv" --dry-run
expect_output "it is not placed, with why" "not placed: Khuyến mãi 11.11 🔥 (its name holds neither a post's video id nor a Spark Code that went live; 1 row, cost \$40.00"
printf '{"ad_codes": {"Khuyến mãi 11.11 🔥": "#609624018640553848942361126="}}' >"$tmp/ads-map.json"
check "with --mapping naming its code, the ad is placed" 0 "$bin" import "$tmp/sample.json" "$tmp/ads.csv" --mapping "$tmp/ads-map.json" -o "$tmp/ads.json"
expect_output "one round on the code, nothing left out" "Paid report (Ads Manager), 1 row: 1 round on 1 Spark Code (1 new, 0 replaced), 0 ads not placed"
if grep -q '"ad_name": "Khuyến mãi 11.11 🔥"' "$tmp/ads.json" && grep -q '"spark_code_id": 158' "$tmp/ads.json"; then
  echo "ok - the choice is kept in the program written"
else echo "not ok - the choice is kept in the program written"; fails=$((fails+1)); fi
check "the next report places the ad with no --mapping" 0 "$bin" import "$tmp/ads.json" "$tmp/ads.csv" --dry-run
expect_output "the round is there already" "1 round on 0 Spark Codes (0 new, 0 replaced), 0 ads not placed, 1 unchanged"
printf '{"ad_codes": {"Khuyến mãi 11.11 🔥": "#SPARK+nobody"}}' >"$tmp/bad-map.json"
check "a --mapping naming a code the program lacks is refused with exit 1" 1 "$bin" import "$tmp/sample.json" "$tmp/ads.csv" --mapping "$tmp/bad-map.json" --dry-run
expect_output "the refusal names the ad and the code" 'ad_codes: "Khuyến mãi 11.11 🔥": no Spark Code of the program is "#SPARK+nobody"'
printf 'Name,Email\nLinh,linh@example.com\n' >"$tmp/other.csv"
check "a file no export's headers fit is refused with exit 1" 1 "$bin" import "$tmp/sample.json" "$tmp/other.csv"
expect_output "the refusal says which exports were tried" "tried affiliate orders (no \"Order ID\" column), paid report"
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1%0600d' 0 >"$tmp/old.xls"
printf 'Kênh,Fan,Doanh số\nkim.ly_88,"12,000",$1.234\n' >"$tmp/kenh.csv"
check "an agency's own creator sheet fits no export: exit 1" 1 "$bin" import "$tmp/sample.json" "$tmp/kenh.csv" --dry-run
expect_output "the refusal says to name its columns with --mapping" "name the columns that hold them with --mapping M.json"
printf '{"creators": {"creator_username": "Kênh", "followers": "Fan", "gmv": "Doanh số"}}' >"$tmp/kenh-map.json"
check "with --mapping naming its columns, it is read as a creator list" 0 "$bin" import "$tmp/sample.json" "$tmp/kenh.csv" --mapping "$tmp/kenh-map.json" --dry-run
expect_output "the creator to add is listed with her followers" "add @kim.ly_88 as a prospect, 12000 followers"
printf '{"creators": {"fans": "Fan"}}' >"$tmp/bad-fields.json"
check "a --mapping naming a field no export has is refused with exit 1" 1 "$bin" import "$tmp/sample.json" "$tmp/kenh.csv" --mapping "$tmp/bad-fields.json" --dry-run
expect_output "the refusal names the field and the ones there are" 'creators: "fans" is not a field of a creator list (creator_username, followers'
check "a backup given as an export is refused with exit 1" 1 "$bin" import "$tmp/sample.json" "$tmp/sample.json" --dry-run
expect_output "the refusal says it is a backup" "is a Spark Roster backup, not a TikTok Shop export"
check "an old .xls is refused with exit 1" 1 "$bin" import "$tmp/sample.json" "$tmp/old.xls"
expect_output "the refusal says to save it as .xlsx" "save it as .xlsx"
printf 'PK\003\004 not really a zip' >"$tmp/broken.xlsx"
check "a broken .xlsx is refused with exit 1" 1 "$bin" import "$tmp/sample.json" "$tmp/broken.xlsx"
expect_output "the refusal says nothing was changed" "Nothing was changed"
check "import without a file is a usage error (exit 2)" 2 "$bin" import "$tmp/sample.json"
check "import of a missing file exits 1" 1 "$bin" import "$tmp/sample.json" "$tmp/nope.csv"

# report: the hook-angle table. Product 30.00, unit cost 8, shipping 2, discount 3 per order, so a
# post's margin is GMV - 13 x orders: problem / agitation 180 - 78 = 102, transformation reveal
# 480 - 208 = 272 a post; both have 100+ clicks and 1,000+ views, so transformation reveal wins.
cat >"$tmp/hooks.json" <<'JSON'
{"format":"spark-roster","version":1,
 "creators":[{"id":1,"handle":"linh.nguyen","display_name":"Linh Nguyễn ✨","followers":80000,"status":"active","agreed_posts_per_month":4}],
 "products":[{"id":2,"sku":"KCN-50","name":"Kem chống nắng","price":30,"unit_cost":8,"shipping_subsidy":2,"usual_discount":3}],
 "posts":[
  {"id":3,"creator_id":1,"product_id":2,"published":"2026-11-01","hook":"problem_agitation","views":10000,"hold_rate_3s":0.3,"clicks":200,"orders":6,"gmv":180},
  {"id":4,"creator_id":1,"product_id":2,"published":"2026-11-05","hook":"transformation_reveal","views":8000,"hold_rate_3s":0.25,"clicks":400,"orders":16,"gmv":480}],
 "next_id":5}
JSON
check "report of a small program" 0 "$bin" report "$tmp/hooks.json" --week 2026-11-23 --hook-days 28
expect_output "the report has the hook-angle table over the days asked" "Hook angles, posts published 2026-10-26 to 2026-11-22"
expect_output "each angle's row: posts, views, hold, clicks, conversion, revenue a post, margin" "transformation reveal         1       8,000     25 %       400     4 %      \$480.00       \$272.00"
expect_output "the winning angle with its reason" "winning angle: transformation reveal: margin \$272.00 a post over 1 post, conversion 4 % on 400 clicks, best of 2 angles with enough data"
check "report with a window holding no posts" 0 "$bin" report "$tmp/hooks.json" --week 2026-11-23 --hook-days 10
expect_output "no winner without posts" "winning angle: none, no posts in the window"
check "report as JSON" 0 "$bin" report "$tmp/hooks.json" --week 2026-11-23 --hook-days 28 --format json
expect_output "the JSON names the winner" '"winner": "transformation_reveal"'
check "a bad --hook-days is a usage error (exit 2)" 2 "$bin" report "$tmp/hooks.json" --hook-days soon
expect_output "the refusal names the option" "--hook-days: 'soon' is not a number of days"
[ "$fails" -eq 0 ]
