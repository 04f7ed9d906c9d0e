// The Kuzu side of tools/bench-query: loads DIR/csv (kg's CSV export) into
// a fresh database, runs each query of DIR/queries.json RUNS times, and
// prints {"load_s": S, "q1": {"ms": median, "answer": "..."}, ...}.
const path = require("path");
const fs = require("fs");
const kuzu = require(path.join(__dirname, "..", "..", "tests", "kuzu", "node_modules", "kuzu"));

async function main() {
  const [dir, runsText] = process.argv.slice(2);
  const runs = Number(runsText || 11);
  const dbDir = path.join(dir, "kuzu.db");
  fs.rmSync(dbDir, { recursive: true, force: true });
  const db = new kuzu.Database(dbDir);
  const conn = new kuzu.Connection(db);
  const here = process.cwd();
  process.chdir(path.join(dir, "csv"));
  const t0 = process.hrtime.bigint();
  for (const line of fs.readFileSync("load.cypher", "utf8").split("\n")) {
    const st = line.trim();
    if (!st || st.startsWith("//")) continue;
    // The load script asks for PARALLEL=false (quoted newlines); this CSV has none.
    await conn.query(st.replace(/;$/, ""));
  }
  const out = { load_s: Number(process.hrtime.bigint() - t0) / 1e9 };
  process.chdir(here);
  // A query still running after this long is reported as a timeout.
  const limitMs = 60000;
  conn.setQueryTimeout(limitMs);
  for (const q of JSON.parse(fs.readFileSync(path.join(dir, "queries.json"), "utf8"))) {
    const times = [];
    let answer = "";
    for (let i = 0; i < runs; i++) {
      const s = process.hrtime.bigint();
      try {
        const r = await conn.query(q.kuzu);
        const rows = await r.getAll();
        answer = rows.map((row) => Object.values(row).map((v) => String(v)).join(" ") + " ").join(";") + ";";
      } catch (e) {
        answer = "timeout";
        times.push(limitMs);
        break;
      }
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    times.sort((a, b) => a - b);
    out[q.id] = { ms: times[Math.floor(times.length / 2)], answer };
    console.error(`kuzu ${q.id} ${out[q.id].ms.toFixed(3)} ms  ${answer.slice(0, 80)}`);
  }
  console.log(JSON.stringify(out));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
