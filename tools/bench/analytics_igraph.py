#!/usr/bin/python3
"""The igraph side of tools/bench-analytics, and the comparison table.

Usage: analytics_igraph.py OUTDIR KG_RESULTS.jsonl

Reads the edge lists analytics_bench wrote (the very links kg computed on),
times igraph (a C library) building the graph, PageRank (PRPACK, to
convergence), weak components and betweenness, checks that both found the
same answer, and prints a Markdown table with kg's time over igraph's.
"""
import json
import sys
import time

import igraph

out, kg_file = sys.argv[1], sys.argv[2]
kg = {}
info = {}
with open(kg_file) as f:
    for line in f:
        r = json.loads(line)
        if r.get("engine") == "kg":
            kg[(r["graph"], r["what"])] = r
        else:
            info.setdefault(r["graph"], {}).update(r)


def timed(what, fn):
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


def load(name):
    n = int(open(f"{out}/{name}.edges.n").read())
    def build():
        g = igraph.Graph.Read_Edgelist(f"{out}/{name}.edges", directed=True)
        if g.vcount() < n:
            g.add_vertices(n - g.vcount())
        return g
    return timed("build", build)


ig = {}
big, w, c = load("big")
ig[("big", "view")] = (w, c)
pr, w, c = timed("pagerank", lambda: big.pagerank(directed=True, damping=0.85))
ig[("big", "pagerank20")] = (w, c)
kg_pr = [float(x) for x in open(f"{out}/big.pagerank")]
pr_l1 = sum(abs(a - b) for a, b in zip(pr, kg_pr))
comps, w, c = timed("components", lambda: big.connected_components(mode="weak"))
ig[("big", "components")] = (w, c)
same_components = len(comps) == info["big"]["components"]
del big

small, w, c = load("small")
n = small.vcount()
bc, w, c = timed("betweenness", lambda: small.betweenness(directed=True))
ig[("small", "betweenness")] = (w, c)
kg_bc = [float(x) for x in open(f"{out}/small.betweenness")]
bc_diff = max(abs(a / ((n - 1) * (n - 2)) - b) for a, b in zip(bc, kg_bc))

names = {("big", "view"): "graph build (kg: stored view from the Graph; igraph: edge list file)",
         ("big", "pagerank20"): "PageRank (kg: 20 iterations; igraph: PRPACK)",
         ("big", "components"): "weakly connected components",
         ("small", "betweenness"): "betweenness (Brandes, directed)"}
print(f"| graph | what | kg wall (cpu) s | igraph wall (cpu) s | kg / igraph |")
print("|---|---|---|---|---|")
for key, label in names.items():
    k, (iw, ic) = kg[key], ig[key]
    g = info[key[0]]
    size = f"{g['nodes']:,} nodes, {g['links']:,} links"
    print(f"| {size} | {label} | {k['wall']:.2f} ({k['cpu']:.2f}) | {iw:.2f} ({ic:.2f}) | "
          f"{k['wall'] / iw:.2f} |")
print()
print(f"PageRank: L1 distance between kg's 20 iterations and igraph's converged "
      f"vector {pr_l1:.2e}")
print(f"components: kg {info['big']['components']:,}, igraph {len(comps):,} "
      f"({'same' if same_components else 'DIFFERENT'})")
print(f"betweenness: largest difference after igraph's scores are divided by "
      f"(n-1)(n-2): {bc_diff:.2e}")
sys.exit(0 if same_components and bc_diff < 1e-9 else 1)
