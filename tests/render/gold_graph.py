#!/usr/bin/python3
"""Turns the gold annotation files (../shared/gold/*.json) into node-link
JSON that `kg import --format json` reads: the hand-made graph of the seed
articles, used for the sample diagrams in samples/ (README "Diagrams").

  gold_graph.py GOLD_DIR OUT.json

Entities are one node when their types agree and their normalised names or
aliases agree (ONTOLOGY.md's normalisation); relations one edge per type and
endpoints (either order for SIGNED and PARTNERS_WITH), with one evidence
record per gold file, so an edge's count is the number of articles.
"""
import json
import os
import re
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFKC", s).casefold().replace("&", "and")
    s = re.sub(r"[\W_]+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def main():
    gold_dir, out = sys.argv[1:3]
    nodes, index, edges, edge_index = [], {}, [], {}
    for fname in sorted(os.listdir(gold_dir)):
        if not fname.endswith(".json"):
            continue
        with open(os.path.join(gold_dir, fname), encoding="utf-8") as f:
            gold = json.load(f)
        doc = gold.get("doc", fname)
        local = {}
        for e in gold["entities"]:
            keys = [(e["type"], norm(n)) for n in [e["name"]] + e.get("aliases", [])]
            nid = next((index[k] for k in keys if k in index), None)
            if nid is None:
                nid = len(nodes)
                nodes.append({"id": nid, "label": e["type"], "name": e["name"], "aliases": [],
                              "mentions": []})
            node = nodes[nid]
            for a in e.get("aliases", []) + ([e["name"]] if e["name"] != node["name"] else []):
                if a not in node["aliases"] and a != node["name"]:
                    node["aliases"].append(a)
            node["mentions"].append({"doc": doc, "start": 0, "end": 0, "rule": "gold"})
            for k in keys:
                index.setdefault(k, nid)
            local[e["name"]] = nid
        for r in gold["relations"]:
            if r["source"] not in local or r["target"] not in local:
                continue
            s, t = local[r["source"]], local[r["target"]]
            key = (r["type"],) + ((min(s, t), max(s, t)) if r["type"] in ("SIGNED", "PARTNERS_WITH") else (s, t))
            if key not in edge_index:
                edge_index[key] = len(edges)
                edges.append({"source": s, "target": t, "type": r["type"], "evidence": []})
            ev = edges[edge_index[key]]["evidence"]
            if not any(x["doc"] == doc for x in ev):
                ev.append({"doc": doc, "start": 0, "end": 0, "text": "", "rule": "gold"})
    for n in nodes:
        n["aliases"].sort()
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "links": edges},
                  f, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
