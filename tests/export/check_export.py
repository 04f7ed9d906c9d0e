#!/usr/bin/python3
"""Reads a kg export back with the real tool and compares it with what kg
says the graph holds (an expectation file the C++ test writes).

  check_export.py json FILE EXPECT [links|edges]   NetworkX node_link_graph
  check_export.py graphml FILE EXPECT              NetworkX read_graphml
  check_export.py gexf FILE EXPECT                 NetworkX read_gexf
  check_export.py nt|ttl FILE EXPECT               rdflib parse + SPARQL counts
  check_export.py svg FILE EXPECT                  well-formed XML, one node per view node

EXPECT: {"nodes": [{"id", "label", "name", "aliases", "props"}],
         "edges": [{"id", "source", "target", "type", "props", "count"}],
         "view": [names drawn, in view order]  (svg only)}
Prints one line per problem and exits 1 on any; missing modules exit 3.
"""
import json
import sys
import xml.etree.ElementTree as ET

problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def prop_name(key, reserved):
    return "prop." + key if key in reserved or key.startswith("prop.") else key


NODE_RESERVED = {"id", "label", "name", "aliases", "mentions"}
EDGE_RESERVED = {"source", "target", "key", "type", "count", "docs", "evidence"}


def as_json_text_or_value(expected, got):
    """graphml/gexf carry lists as JSON text."""
    if isinstance(expected, list):
        try:
            return json.loads(got) == expected
        except Exception:
            return False
    if isinstance(expected, float) and isinstance(got, (int, float)):
        return float(got) == expected
    return got == expected


def check_networkx(kind, path, exp, links_key="links"):
    try:
        import networkx as nx
    except ImportError:
        print("python3-networkx is not installed: run tools/install-deps --test")
        sys.exit(3)
    if kind == "json":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        G = nx.node_link_graph(data, directed=True, multigraph=True, link=links_key)
        nid = lambda i: i
        ekey = lambda i: i
    elif kind == "graphml":
        G = nx.read_graphml(path, force_multigraph=True)
        try:
            import igraph
        except ImportError:
            print("python3-igraph is not installed: run tools/install-deps --test")
            sys.exit(3)
        ig = igraph.Graph.Read_GraphML(path)
        check(ig.vcount() == len(exp["nodes"]), "igraph nodes: %d" % ig.vcount())
        check(ig.ecount() == len(exp["edges"]), "igraph edges: %d" % ig.ecount())
        check(sorted(ig.vs["name"]) == sorted(n["name"] for n in exp["nodes"]),
              "igraph names differ")
        check(sorted(ig.es["type"]) == sorted(e["type"] for e in exp["edges"]), "igraph types differ")
        nid = lambda i: "n%d" % i
        ekey = lambda i: "e%d" % i
    else:
        from networkx.readwrite.gexf import GEXF
        if "1.3" not in GEXF.versions:
            # Debian 12's NetworkX 2.8 predates GEXF 1.3; NetworkX 3 registers
            # exactly this entry for it.
            GEXF.versions["1.3"] = {
                "NS_GEXF": "http://gexf.net/1.3",
                "NS_VIZ": "http://gexf.net/1.3/viz",
                "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
                "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
                "VERSION": "1.3",
            }
        G = nx.read_gexf(path)
        nid = lambda i: str(i)
        ekey = lambda i: str(i)
    check(G.is_directed() and G.is_multigraph(), "not a directed multigraph")
    check(G.number_of_nodes() == len(exp["nodes"]),
          "nodes: %d, kg has %d" % (G.number_of_nodes(), len(exp["nodes"])))
    check(G.number_of_edges() == len(exp["edges"]),
          "edges: %d, kg has %d" % (G.number_of_edges(), len(exp["edges"])))
    for n in exp["nodes"]:
        i = nid(n["id"])
        if i not in G.nodes:
            problems.append("node %r missing" % i)
            continue
        d = G.nodes[i]
        if kind == "gexf":
            check(d.get("label") == n["name"], "node %r name %r != %r" % (i, d.get("label"), n["name"]))
            check(d.get("kg_label") == n["label"], "node %r label %r" % (i, d.get("kg_label")))
        else:
            check(d.get("name") == n["name"], "node %r name %r != %r" % (i, d.get("name"), n["name"]))
            check(d.get("label") == n["label"], "node %r label %r" % (i, d.get("label")))
        check(as_json_text_or_value(n["aliases"], d.get("aliases")) if kind != "json"
              else d.get("aliases") == n["aliases"], "node %r aliases %r" % (i, d.get("aliases")))
        for k, v in n["props"].items():
            got = d.get(prop_name(k, NODE_RESERVED))
            ok = got == v if kind == "json" else as_json_text_or_value(v, got)
            check(ok, "node %r prop %s: %r != %r" % (i, k, got, v))
    for e in exp["edges"]:
        u, v, k = nid(e["source"]), nid(e["target"]), ekey(e["id"])
        if not G.has_edge(u, v, k):
            problems.append("edge %r %r->%r missing" % (k, u, v))
            continue
        d = G.edges[u, v, k]
        type_key = "label" if kind == "gexf" else "type"
        check(d.get(type_key) == e["type"], "edge %r type %r" % (k, d.get(type_key)))
        check(d.get("count") == e["count"], "edge %r count %r != %r" % (k, d.get("count"), e["count"]))
        if kind == "gexf":
            check(d.get("weight") == e["count"], "edge %r weight %r" % (k, d.get("weight")))
            if "start" in e:
                check(d.get("start") == e["start"], "edge %r start %r != %r" % (k, d.get("start"), e["start"]))
        for pk, pv in e["props"].items():
            got = d.get(prop_name(pk, EDGE_RESERVED))
            ok = got == pv if kind == "json" else as_json_text_or_value(pv, got)
            check(ok, "edge %r prop %s: %r != %r" % (k, pk, got, pv))


def check_rdf(kind, path, exp):
    try:
        import rdflib
        from rdflib.namespace import RDF, RDFS, SKOS
    except ImportError:
        print("python3-rdflib is not installed: run tools/install-deps --test")
        sys.exit(3)
    g = rdflib.Graph()
    g.parse(path, format="nt" if kind == "nt" else "turtle")
    base = exp.get("base", "urn:kg:")
    labels = {}
    for n in exp["nodes"]:
        labels[n["label"]] = labels.get(n["label"], 0) + 1
    for label, count in labels.items():
        q = "SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { ?n a <%sc/%s> }" % (base, label)
        got = int(list(g.query(q))[0][0])
        check(got == count, "SPARQL count of %s: %d, kg has %d" % (label, got, count))
    for n in exp["nodes"]:
        s = rdflib.URIRef("%sn/%d" % (base, n["id"]))
        names = [str(o) for o in g.objects(s, RDFS.label)]
        check(names == [n["name"]], "node %d rdfs:label %r != %r" % (n["id"], names, n["name"]))
        alts = sorted(str(o) for o in g.objects(s, SKOS.altLabel))
        check(alts == sorted(set(n["aliases"])), "node %d altLabels %r" % (n["id"], alts))
        for k, v in n["props"].items():
            p = rdflib.URIRef(base + "p/" + rdflib_quote(k))
            got = [o.toPython() for o in g.objects(s, p)]
            want = sorted(set(v)) if isinstance(v, list) else [v]
            check(sorted(got) == want if isinstance(v, list) else got == want,
                  "node %d prop %s: %r != %r" % (n["id"], k, got, want))
    # Reified statements are the subjects of rdf:subject (an rdf:Statement
    # by rdf:subject's rdfs:domain; the export does not repeat the type).
    statements = len(set(g.subjects(RDF.subject, None)))
    check(statements == len(exp["edges"]), "reified statements %d != %d" % (statements, len(exp["edges"])))
    for e in exp["edges"]:
        st = rdflib.URIRef("%se/%d" % (base, e["id"]))
        cnt = [o.toPython() for o in g.objects(st, rdflib.URIRef(base + "p/count"))]
        check(cnt == [e["count"]], "edge %d count %r" % (e["id"], cnt))
        s, p, o = (rdflib.URIRef("%sn/%d" % (base, e["source"])), rdflib.URIRef(base + "r/" + e["type"]),
                   rdflib.URIRef("%sn/%d" % (base, e["target"])))
        check((s, p, o) in g, "edge %d triple missing" % e["id"])
        named = (list(g.objects(st, RDF.subject)), list(g.objects(st, RDF.predicate)),
                 list(g.objects(st, RDF.object)))
        check(named == ([s], [p], [o]), "edge %d reification does not name its triple" % e["id"])
        docs = sorted(str(d) for d in g.objects(st, rdflib.URIRef(base + "p/doc")))
        check(docs == sorted(e["docs"]), "edge %d docs %r" % (e["id"], docs))


def rdflib_quote(key):
    out = []
    for b in key.encode("utf-8"):
        c = chr(b)
        out.append(c if (c.isascii() and (c.isalnum() or c in "_-.~")) else "%%%02X" % b)
    return "".join(out)


def check_svg(path, exp):
    ns = {"svg": "http://www.w3.org/2000/svg"}
    root = ET.parse(path).getroot()  # raises on malformed XML
    drawn = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") != "node":
            continue
        title = g.find("svg:title", ns)
        texts = ["".join(t.itertext()) for t in g.iter("{http://www.w3.org/2000/svg}text")]
        drawn[title.text if title is not None else None] = texts
    for i, name in enumerate(exp["view"]):
        key = "n%d" % i
        if key not in drawn:
            problems.append("view node %s (%r) not drawn" % (key, name))
            continue
        lines = name.replace("\t", " ").split("\n")
        got = drawn[key][: len(lines)]
        check(got == lines, "node %s text %r != %r" % (key, got, lines))
    check(len([k for k in drawn if k and k.startswith("n")]) == len(exp["view"]),
          "%d nodes drawn, view has %d" % (len(drawn), len(exp["view"])))


def main():
    kind, path, exp_path = sys.argv[1:4]
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)
    if kind in ("json", "graphml", "gexf"):
        check_networkx(kind, path, exp, *(sys.argv[4:5]))
    elif kind in ("nt", "ttl"):
        check_rdf(kind, path, exp)
    elif kind == "svg":
        check_svg(path, exp)
    else:
        print("unknown kind " + kind)
        sys.exit(2)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
