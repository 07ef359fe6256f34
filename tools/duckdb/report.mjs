// The per-creator weekly report in SQL, with DuckDB, from the same files bench/bench.cpp imports
// (DIR/orders.csv, DIR/posts.csv, the roster of DIR/program.json): what an analyst would write
// instead of importing. tools/bench-duckdb runs it once per engine and puts the figures beside
// Spark Roster's; it is a benchmark, never a test.
//
//   node tools/duckdb/report.mjs native|wasm DIR [RUNS]
//
// Prints one JSON object: the best of RUNS (3) CPU time (process.cpuUsage: every thread of the
// process) and wall time of the query, each run's figures, and whether the report agrees with
// DIR/report-native.csv (Spark Roster's). Writes the report to DIR/report-duckdb-<engine>.csv.
//
// The same rules as the orders importer (docs/rules.md, "Orders import"), as far as they shape
// bench's report (which sums the posts' figures after the import):
// - a line is known by Order ID + SKU ID: a second copy in the file adds nothing;
// - only a creator on the roster (Creator Username, case and "@" ignored) is counted;
// - a LIVE, showcase or other sale, a line with no Content ID, or one naming another creator's
//   post goes to no post, so not into a post's figures; an unknown Content ID of a roster
//   creator is a new post of theirs, so it is counted;
// - Payment Amount 0 is a sample: no order, no GMV; an order counts once however many lines;
// - refunds: the Payment Amount of lines "Fully returned or refunded" yes;
// - commission: Actual Commission Payment, else the estimate, else base x rate; 0 when the
//   Order Status is Ineligible.
// Amounts are read as DECIMAL(18,2), so the sums are exact (the importer rounds each post's
// money to the cent); the placeholders Seller Center writes for no value read as NULL.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { performance } from "node:perf_hooks";

const [engine, dirArg, runsArg] = process.argv.slice(2);
if (!["native", "wasm"].includes(engine) || !dirArg) {
  console.error("usage: node tools/duckdb/report.mjs native|wasm DIR [RUNS]");
  process.exit(2);
}
const dir = resolve(dirArg);
const runs = Number(runsArg || 3);
const require = createRequire(import.meta.url);

// The roster as the app holds it before an import: the program is loaded first (untimed, as
// bench.cpp loads program.json before it times the import).
const program = JSON.parse(readFileSync(`${dir}/program.json`, "utf8"));
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const rosterSql =
  "CREATE OR REPLACE TABLE creators AS SELECT * FROM (VALUES " +
  program.creators.map((c) => `(${quote(c.handle)}, ${quote(c.handle.replace(/^@+/, "").toLowerCase())})`).join(",") +
  ") t(handle, key)";

const words = (xs) => xs.map((w) => quote(w.toLowerCase())).join(", ");
const money = "DECIMAL(18,2)";
const columns = {
  "Order ID": "VARCHAR", "Product ID": "VARCHAR", "Product Name": "VARCHAR", "SKU ID": "VARCHAR",
  "Price": money, "Payment Amount": money, "Currency": "VARCHAR", "Quantity": "VARCHAR",
  "Order Status": "VARCHAR", "Creator Username": "VARCHAR", "Content Type": "VARCHAR",
  "Content ID": "VARCHAR", "Standard commission rate": "VARCHAR", "Est. Commission Base": money,
  "Est. standard commission payment": money, "Actual Commission Base": money,
  "Actual Commission Payment": money, "Time Created": "VARCHAR", "Fully returned or refunded": "VARCHAR",
};
const csvOptions = (path, cols) =>
  `${quote(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
  `nullstr = ['', '/', '-', '--', 'N/A'], columns = {${Object.entries(cols).map(([k, v]) => `${quote(k)}: ${quote(v)}`).join(", ")}}`;

const reportSql = (ordersPath, postsPath) => `
WITH posts AS (
  SELECT "Content ID" AS content, lower(ltrim("Creator Username", '@')) AS creator, "Product clicks" AS clicks
  FROM read_csv(${csvOptions(postsPath, { "Content ID": "VARCHAR", "Creator Username": "VARCHAR", "Product clicks": "BIGINT" })})
),
lines AS (
  SELECT DISTINCT ON (order_id, sku) * FROM (
    SELECT "Order ID" AS order_id, coalesce("SKU ID", '') AS sku,
           lower(ltrim("Creator Username", '@')) AS creator, lower("Content Type") AS kind,
           "Content ID" AS content, "Payment Amount" AS amount,
           lower("Fully returned or refunded") IN (${words(["Yes", "Y", "True", "1", "Refunded", "Returned", "Fully refunded", "Fully returned", "Có"])}) AS refunded,
           CASE WHEN lower("Order Status") IN (${words(["Ineligible", "Không đủ điều kiện"])}) THEN 0
                ELSE coalesce("Actual Commission Payment", "Est. standard commission payment",
                              round(coalesce("Actual Commission Base", "Est. Commission Base") *
                                    TRY_CAST(replace(replace("Standard commission rate", '%', ''), ',', '.') AS DOUBLE) / 100, 2),
                              0) END AS commission
    FROM read_csv(${csvOptions(ordersPath, columns)})
  )
),
placed AS (
  SELECT c.handle, l.order_id, l.amount, l.refunded, l.commission
  FROM lines l
  JOIN creators c ON c.key = l.creator
  LEFT JOIN (SELECT DISTINCT ON (content) content, creator FROM posts) p ON p.content = l.content
  WHERE l.content IS NOT NULL
    AND (l.kind IS NULL OR NOT (contains(l.kind, 'live') OR l.kind IN (${words(["Phát trực tiếp", "Showcase", "Product card", "Product showcase", "Shop tab", "Thẻ sản phẩm", "Phòng trưng bày", "Tủ trưng bày"])})))
    AND (p.creator IS NULL OR p.creator = l.creator)
),
per_creator AS (
  SELECT handle,
         count(DISTINCT order_id) FILTER (WHERE amount > 0) AS orders,
         sum(amount) AS gmv,
         coalesce(sum(amount) FILTER (WHERE refunded), 0) AS refunds,
         sum(commission) AS commission
  FROM placed GROUP BY handle
),
clicks AS (
  SELECT c.handle, sum(p.clicks) AS clicks FROM posts p JOIN creators c ON c.key = p.creator GROUP BY c.handle
)
SELECT r.handle AS creator, r.orders::INTEGER AS orders, r.gmv::VARCHAR AS gmv, r.refunds::VARCHAR AS refunds,
       r.commission::VARCHAR AS commission, coalesce(k.clicks, 0)::INTEGER AS clicks
FROM per_creator r LEFT JOIN clicks k USING (handle)
WHERE r.orders > 0
ORDER BY creator`;

// Each engine: setup() once (untimed: the engine loaded and compiled, the roster in a table),
// then query(sql) -> [{creator, orders, gmv, refunds, commission, clicks}].
async function nativeEngine() {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const conn = await instance.connect();
  await conn.run(rosterSql);
  const version = (await conn.runAndReadAll("SELECT version()")).getRows()[0][0];
  return {
    version: `DuckDB ${version} (@duckdb/node-api, threads=2)`,
    ordersPath: `${dir}/orders.csv`, postsPath: `${dir}/posts.csv`,
    query: async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS(),
  };
}

async function wasmEngine() {
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs"));
  const bundles = {
    mvp: { mainModule: resolve(dist, "duckdb-mvp.wasm"), mainWorker: resolve(dist, "duckdb-node-mvp.worker.cjs") },
    eh: { mainModule: resolve(dist, "duckdb-eh.wasm"), mainWorker: resolve(dist, "duckdb-node-eh.worker.cjs") },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({});
  // The files are read from disk by the Node runtime (fs), as a browser reads a File it was given.
  db.registerFileURL("orders.csv", `${dir}/orders.csv`, duckdb.DuckDBDataProtocol.NODE_FS, false);
  db.registerFileURL("posts.csv", `${dir}/posts.csv`, duckdb.DuckDBDataProtocol.NODE_FS, false);
  const conn = db.connect();
  conn.query(rosterSql);
  const version = conn.query("SELECT version() AS v").toArray()[0].v;
  return {
    version: `DuckDB-wasm ${version} (@duckdb/duckdb-wasm ${JSON.parse(readFileSync(resolve(dist, "../package.json"), "utf8")).version}, one thread, Node ${process.version})`,
    ordersPath: "orders.csv", postsPath: "posts.csv",
    query: async (sql) => conn.query(sql).toArray().map((r) => r.toJSON()),
  };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const db = engine === "native" ? await nativeEngine() : await wasmEngine();
const sql = reportSql(db.ordersPath, db.postsPath);
let best = null, rows = null;
const all = [];
for (let i = 0; i < runs; ++i) {
  const c0 = cpuMs(), w0 = performance.now();
  rows = await db.query(sql);
  const run = { cpu_ms: cpuMs() - c0, wall_ms: performance.now() - w0 };
  all.push(run);
  if (!best || run.cpu_ms < best.cpu_ms) best = run;
}

const fmtRow = (r) => {
  const orders = Number(r.orders), clicks = Number(r.clicks);
  return {
    creator: String(r.creator), orders, clicks,
    gmv: Number(r.gmv), refunds: Number(r.refunds), commission: Number(r.commission),
    conversion: clicks ? orders / clicks : 0,
  };
};
const ours = rows.map(fmtRow);
writeFileSync(`${dir}/report-duckdb-${engine}.csv`,
  "creator,orders,gmv,refunds,commission,clicks,conversion\n" +
  ours.map((r) => `${r.creator},${r.orders},${r.gmv.toFixed(2)},${r.refunds.toFixed(2)},${r.commission.toFixed(2)},${r.clicks},${r.conversion.toFixed(6)}`).join("\n") + "\n");

// Spark Roster's report (bench run DIR): the same creators, each figure within a cent.
function compare(path) {
  let text;
  try { text = readFileSync(path, "utf8"); } catch { return { agree: false, detail: `no ${path} (run bench run DIR first)` }; }
  const [header, ...lines] = text.trim().split("\n");
  const cols = header.split(",");
  const app = new Map(lines.map((l) => {
    const v = l.split(",");
    return [v[0], Object.fromEntries(cols.map((c, i) => [c, i ? Number(v[i]) : v[i]]))];
  }));
  const mine = new Map(ours.map((r) => [r.creator, r]));
  const missing = [...app.keys()].filter((k) => !mine.has(k));
  const extra = [...mine.keys()].filter((k) => !app.has(k));
  if (missing.length || extra.length)
    return { agree: false, detail: `creators differ (${app.size} in Spark Roster's report, ${mine.size} in DuckDB's; only in Spark Roster's: ${missing.slice(0, 5).join(" ") || "none"}; only in DuckDB's: ${extra.slice(0, 5).join(" ") || "none"})` };
  const differ = [];
  for (const [who, a] of app) {
    const b = mine.get(who);
    for (const [col, tol] of [["orders", 0], ["clicks", 0], ["gmv", 0.006], ["refunds", 0.006], ["commission", 0.006], ["conversion", 2e-6]])
      if (Math.abs(a[col] - b[col]) > tol) differ.push(`@${who} ${col}: Spark Roster ${a[col]}, DuckDB ${b[col]}`);
  }
  if (differ.length) return { agree: false, detail: `${differ.length} ${differ.length === 1 ? "figure differs" : "figures differ"}: ${differ.slice(0, 5).join("; ")}` };
  return { agree: true, detail: `${app.size} creators agree on orders, GMV, refunds, commission, clicks and conversion` };
}

const sum = (k) => ours.reduce((s, r) => s + r[k], 0);
console.log(JSON.stringify({
  engine, version: db.version, cpu_ms: +best.cpu_ms.toFixed(1), wall_ms: +best.wall_ms.toFixed(1),
  runs: all.map((r) => ({ cpu_ms: +r.cpu_ms.toFixed(1), wall_ms: +r.wall_ms.toFixed(1) })),
  creators: ours.length, orders: sum("orders"), gmv: +sum("gmv").toFixed(2),
  report_native: compare(`${dir}/report-native.csv`),
}));
process.exit(0);
