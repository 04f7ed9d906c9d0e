// Loads kg's CSV export into a fresh Kuzu database and runs a list of
// queries, printing one JSON line per query: {"rows": [[...], ...]} or
// {"error": "..."}. Values keep the column order of the RETURN.
//   node kuzu_queries.js CSV_DIR DB_DIR QUERIES.json
// Kuzu is the npm package of tests/kuzu/package.json (tools/install-deps --test).
const path = require("path");
const fs = require("fs");
let kuzu;
try {
  kuzu = require(path.join(__dirname, "..", "kuzu", "node_modules", "kuzu"));
} catch (e) {
  console.error("npm kuzu is not installed in tests/kuzu: run tools/install-deps --test");
  process.exit(3);
}

// INT64 arrives as BigInt; JSON has only doubles, which hold every count here.
const replacer = (k, v) => (typeof v === "bigint" ? Number(v) : v);

async function main() {
  const [csvDir, dbDir, queriesFile] = process.argv.slice(2);
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  const db = new kuzu.Database(dbDir);
  const conn = new kuzu.Connection(db);
  const here = process.cwd();
  process.chdir(csvDir);
  for (const line of fs.readFileSync("load.cypher", "utf8").split("\n")) {
    const st = line.trim();
    if (!st || st.startsWith("//")) continue;
    await conn.query(st.replace(/;$/, ""));
  }
  process.chdir(here);
  for (const q of queries) {
    try {
      const result = await conn.query(q);
      const rows = (await result.getAll()).map((r) => Object.values(r));
      console.log(JSON.stringify({ rows }, replacer));
    } catch (e) {
      console.log(JSON.stringify({ error: String(e.message).split("\n")[0] }));
    }
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
