// Loads a kg export into a fresh Kuzu database and prints its node and edge
// counts as JSON: {"nodes": N, "edges": M}, then "contents <sha256>" of every
// property of every record (KG_KUZU_DUMP=FILE also writes them out).
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

// The statements of a script: each ends at a ';' outside quotes and
// backticks (kg's cypher export writes newlines inside strings as they are,
// since Kuzu reads "\n" in a literal as the letter n); "//" comment lines
// between statements are skipped.
function statements(text) {
  const out = [];
  let cur = "";
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      cur += c;
      if (c === "\\" && quote !== "`") {
        cur += text[++i];
      } else if (c === quote) {
        quote = null;
      }
      continue;
    }
    if (c === "/" && text[i + 1] === "/" && cur.trim() === "") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === ";") {
      if (cur.trim() !== "") out.push(cur.trim());
      cur = "";
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    cur += c;
  }
  if (cur.trim() !== "") out.push(cur.trim());
  return out;
}

// Every node's and relationship's properties (Kuzu's internal _id, _src,
// _dst and _label left out: they depend on the order of loading), sorted,
// so that two databases loaded from different exports can be compared.
// `unguard` drops the one leading ' that the csv export puts before text
// that a spreadsheet would take for a formula (kg import drops it too).
async function contents(conn, unguard) {
  const value = (v) => (unguard && typeof v === "string" && v.startsWith("'") ? v.slice(1) : v);
  const strip = (o) =>
    JSON.stringify(Object.keys(o).filter((k) => !k.startsWith("_")).sort().map((k) => [k, value(o[k])]));
  const nodes = (await (await conn.query("MATCH (n) RETURN label(n) AS l, n")).getAll()).map(
    (row) => row.l + strip(row.n));
  const rels = (await (await conn.query("MATCH (a)-[r]->(b) RETURN label(r) AS l, a.id AS s, b.id AS t, r")).getAll()).map(
    (row) => row.l + ":" + row.s + "->" + row.t + strip(row.r));
  return nodes.sort().concat(rels.sort()).join("\n");
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
  const all = await contents(conn, mode === "csv");
  console.log("contents " + require("crypto").createHash("sha256").update(all).digest("hex"));
  if (process.env.KG_KUZU_DUMP) fs.writeFileSync(process.env.KG_KUZU_DUMP, all);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
