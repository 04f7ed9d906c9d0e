#!/usr/bin/python3
"""Checks kg's analytics against NetworkX.

Usage: check_analytics.py EXPORT.json RESULTS.json

EXPORT.json is `kg export --format json` of a graph; RESULTS.json is what
tests/analytics/analytics_test.cc computed with graph/analytics.h, one case
per Subgraph. For every case this script builds the same view from the export
on its own (the definitions of graph/analytics.h, written again in Python),
then recomputes every algorithm with NetworkX and compares. Prints one line
per mismatch and exits 1 if there was any.
"""
import json
import math
import re
import sys
import unicodedata

import networkx as nx
from networkx.algorithms import community as nxc

PARTIES = ["Institution", "Country", "Alliance", "Place"]
REASON_TYPES = ["SIGNED", "PARTNERS_WITH", "ESTABLISHED", "HOSTED", "MEMBER_OF"]
SYMMETRIC = {"SIGNED", "PARTNERS_WITH"}
TOL = 1e-6
errors = []


def fail(case, what):
    errors.append(f"{case}: {what}")


def normalize(name):
    s = unicodedata.normalize("NFKC", name).casefold().replace("&", "and")
    s = re.sub(r"[\W_]+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def in_window(date, since, until):
    if not since and not until:
        return True
    if not date:
        return False
    for bound, sign in ((since, 1), (until, -1)):
        if bound:
            k = min(len(date), len(bound))
            if (date[:k] > bound[:k]) - (date[:k] < bound[:k]) == -sign:
                return False
    return True


def doc_keys(link):
    docs = link.get("docs") or []
    return [("doc", d) for d in docs] if docs else [("edge", link["key"])]


def build_view(data, sub):
    """(directed, sorted node ids, {(a, b): (weight, reasons, reason_docs)})."""
    nodes = {n["id"]: n for n in data["nodes"]}
    links = data["links"]
    types = set(sub.get("types", []))
    since, until = sub.get("since", ""), sub.get("until", "")
    rows = {}  # (a, b) -> {reason: set(doc keys)}

    def add(a, b, reason, keys):
        rows.setdefault((a, b), {}).setdefault(reason, set()).update(keys)

    if sub["view"] == "stored":
        labels = set(sub.get("labels", [])) or {n["label"] for n in nodes.values()}
        undirected = sub.get("undirected", False)
        for l in links:
            s, t = l["source"], l["target"]
            if s == t or (types and l["type"] not in types):
                continue
            if nodes[s]["label"] not in labels or nodes[t]["label"] not in labels:
                continue
            if not in_window(l.get("date", ""), since, until):
                continue
            if undirected:
                add(min(s, t), max(s, t), 0, doc_keys(l))
            else:
                add(s, t, 0, doc_keys(l))
                if l["type"] in SYMMETRIC:
                    add(t, s, 0, doc_keys(l))
        vertex_ids = sorted(i for i, n in nodes.items() if n["label"] in labels)
        directed = not undirected
    else:
        labels = set(sub.get("labels", [])) or set(PARTIES)
        reasons_on = [not types or t in types for t in REASON_TYPES]
        country_of = {}
        for i in sorted(nodes):
            n = nodes[i]
            if n["label"] == "Country":
                for form in [n["name"]] + n.get("aliases", []):
                    country_of.setdefault(normalize(form), i)

        def lift(i):
            n = nodes[i]
            if n["label"] not in labels:
                return None
            if sub.get("level", "party") == "party" or n["label"] == "Country":
                return i
            c = n.get("country")
            return country_of.get(normalize(c)) if isinstance(c, str) and c else None

        def add_pair(a, b, reason, keys):
            a, b = lift(a), lift(b)
            if a is None or b is None or a == b:
                return
            add(min(a, b), max(a, b), reason, keys)

        into = {}
        for l in links:
            if not in_window(l.get("date", ""), since, until):
                continue
            t, tl = l["type"], nodes[l["target"]]["label"]
            if t in SYMMETRIC:
                r = REASON_TYPES.index(t)
                if reasons_on[r]:
                    add_pair(l["source"], l["target"], r, doc_keys(l))
                continue
            r = None
            if t == "ESTABLISHED" and tl in ("Workshop", "Alliance"):
                r = 2
            elif t == "HOSTED" and tl == "Event":
                r = 3
            elif t == "MEMBER_OF" and tl == "Alliance":
                r = 4
            if r is not None and reasons_on[r] and lift(l["source"]) is not None:
                into.setdefault((l["target"], r), []).append(l)
        for (_, r), ls in into.items():
            for x in range(len(ls)):
                for y in range(x + 1, len(ls)):
                    if ls[x]["source"] != ls[y]["source"]:
                        add_pair(ls[x]["source"], ls[y]["source"], r,
                                 doc_keys(ls[x]) + doc_keys(ls[y]))
        vertex_ids = sorted({v for pair in rows for v in pair})
        directed = False
    out = {}
    for pair, by_reason in rows.items():
        union = set().union(*by_reason.values())
        mask = 0
        counts = [0] * 5
        for r, keys in by_reason.items():
            mask |= 1 << r
            counts[r] = len(keys)
        out[pair] = (len(union), mask if sub["view"] == "partners" else 0,
                     tuple(counts) if sub["view"] == "partners" else (0,) * 5)
    return directed, vertex_ids, out


def close(a, b, tol=TOL):
    return abs(a - b) <= tol


def compare_scores(case, what, ids, ours, theirs, tol=TOL):
    worst = max((abs(ours[i] - theirs[v]) for i, v in enumerate(ids)), default=0.0)
    if worst > tol:
        i = max(range(len(ids)), key=lambda i: abs(ours[i] - theirs[ids[i]]))
        fail(case, f"{what}: node {ids[i]} kg {ours[i]!r} NetworkX {theirs[ids[i]]!r} "
                   f"(max difference {worst:.3g})")
    return worst


def nx_pagerank(G, weight):
    try:
        return nx.pagerank(G, alpha=0.85, tol=1e-13, max_iter=10000, weight=weight)
    except ImportError:  # NetworkX 2.x without scipy: its pure-Python version
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(G, alpha=0.85, tol=1e-13, max_iter=10000, weight=weight)


def check_case(data, case):
    name = case["name"]
    sub = case["subgraph"]
    directed, ids, links = build_view(data, sub)
    if ids != case["nodes"]:
        fail(name, f"view nodes differ: kg {len(case['nodes'])}, Python {len(ids)}")
        return
    ours = {}
    for s, t, w, mask, counts in case["links"]:
        ours[(ids[s], ids[t])] = (w, mask, tuple(counts))
    if ours != links:
        diff = sorted(set(ours.items()) ^ set(links.items()), key=str)
        fail(name, f"view links differ ({len(ours)} vs {len(links)}), e.g. {diff[:3]}")
        return
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(ids)
    for (a, b), (w, _, _) in links.items():
        G.add_edge(a, b, weight=w, dist=1.0 / w)
    stats = [f"{name}: {len(ids)} nodes, {len(links)} links"]

    for key, weight in (("degree", None), ("wdegree", "weight")):
        deg = dict(G.degree(weight=weight))
        compare_scores(name, key, ids, case[key], deg, 1e-9)
    for key, weight in (("pagerank", None), ("wpagerank", "weight")):
        d = compare_scores(name, key, ids, case[key], nx_pagerank(G, weight))
        stats.append(f"{key} {d:.1e}")
    for key, weight in (("betweenness", None), ("wbetweenness", "dist")):
        if key in case:
            bc = nx.betweenness_centrality(G, normalized=True, weight=weight)
            d = compare_scores(name, key, ids, case[key], bc)
            stats.append(f"{key} {d:.1e}")
    for key, weight in (("closeness", None), ("wcloseness", "dist")):
        if key in case:
            cc = nx.closeness_centrality(G, distance=weight, wf_improved=True)
            d = compare_scores(name, key, ids, case[key], cc)
            stats.append(f"{key} {d:.1e}")

    comps = nx.weakly_connected_components(G) if directed else nx.connected_components(G)
    theirs = sorted(sorted(c) for c in comps)
    groups = {}
    for i, c in enumerate(case["components"]):
        groups.setdefault(c, []).append(ids[i])
    mine = sorted(sorted(c) for c in groups.values())
    if mine != theirs:
        fail(name, f"components differ: kg {len(mine)}, NetworkX {len(theirs)}")
    sizes = [len(groups[c]) for c in sorted(groups)]
    if sizes != sorted(sizes, reverse=True):
        fail(name, "components are not numbered by decreasing size")
    stats.append(f"components {len(mine)}")

    for key, weight in (("distances", None), ("wdistances", "dist")):
        for src, dist in case[key]:
            if weight is None:
                ref = nx.single_source_shortest_path_length(G, ids[src])
            else:
                ref = nx.single_source_dijkstra_path_length(G, ids[src], weight=weight)
            got = {ids[i]: d for i, d in enumerate(dist) if d is not None}
            if got.keys() != ref.keys() or any(not close(got[k], ref[k], 1e-9) for k in ref):
                fail(name, f"{key} from node {ids[src]} differ")
    for src, dst, length, path in case["paths"]:
        try:
            ref = nx.shortest_path_length(G, ids[src], ids[dst])
        except nx.NetworkXNoPath:
            ref = None
        if (ref is None) != (length is None) or (ref is not None and not close(ref, length)):
            fail(name, f"path {ids[src]}->{ids[dst]}: kg {length}, NetworkX {ref}")
        elif path:
            if len(path) != length + 1 or path[0] != src or path[-1] != dst or \
                    any(not G.has_edge(ids[a], ids[b]) for a, b in zip(path, path[1:])):
                fail(name, f"path {ids[src]}->{ids[dst]} is not a shortest path: {path}")

    # Communities: on the undirected form (each unordered pair once; weight 1,
    # or the link weights of both directions added).
    weighted = case["communities_weighted"]
    U = nx.Graph()
    U.add_nodes_from(ids)
    for (a, b), (w, _, _) in links.items():
        a, b = min(a, b), max(a, b)
        prior = U[a][b]["weight"] if U.has_edge(a, b) else 0
        U.add_edge(a, b, weight=(prior + w) if weighted else 1)
    parts = {}
    for i, c in enumerate(case["communities"]):
        parts.setdefault(c, set()).add(ids[i])
    if U.number_of_edges():
        q_ours = nxc.modularity(U, parts.values(), weight="weight")
        if not close(q_ours, case["modularity"], 1e-9):
            fail(name, f"modularity: kg says {case['modularity']}, NetworkX computes {q_ours}")
        best = max(nxc.modularity(U, nxc.louvain_communities(U, weight="weight", seed=s),
                                  weight="weight") for s in (1, 2, 3))
        if q_ours < best - 0.02:
            fail(name, f"modularity {q_ours:.4f} is more than 0.02 below NetworkX's Louvain {best:.4f}")
        stats.append(f"modularity kg {q_ours:.4f} NetworkX {best:.4f}")
    print(", ".join(stats))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        results = json.load(f)
    for case in results["cases"]:
        check_case(data, case)
    for e in errors:
        print("MISMATCH", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
