// Loads a kg export into a fresh Kuzu database and prints its node and edge
// counts as JSON: {"nodes": N, "edges": M}.
//   node kuzu_load.js csv DIR DB      runs DIR/load.cypher from DIR
//   node kuzu_load.js cypher FILE DB  runs the cypher export
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

function statements(text) {
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("//"));
  // One statement per line in kg's scripts (newlines inside strings are escaped).
  return lines.map((l) => l.trim().replace(/;$/, ""));
}

async function main() {
  const [mode, input, dbPath] = process.argv.slice(2);
  const script = mode === "csv" ? path.join(input, "load.cypher") : input;
  const text = fs.readFileSync(script, "utf8");
  const db = new kuzu.Database(dbPath);
  const conn = new kuzu.Connection(db);
  if (mode === "csv") process.chdir(input);
  for (const st of statements(text)) {
    try {
      await conn.query(st);
    } catch (e) {
      console.error("kuzu rejected: " + st.slice(0, 300) + "\n" + e.message);
      process.exit(1);
    }
  }
  const count = async (q) => (await (await conn.query(q)).getAll())[0].c;
  const nodes = await count("MATCH (n) RETURN count(n) AS c");
  const edges = await count("MATCH ()-[r]->() RETURN count(r) AS c");
  console.log(JSON.stringify({ nodes: Number(nodes), edges: Number(edges) }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
