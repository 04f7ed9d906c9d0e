// RDF as N-Triples and Turtle. With B the base IRI (ExportOptions::base_iri,
// default https://kg.example.org/):
//
//   B node/<id>     one IRI per node (kg's node id)
//   B class/<Label> the node's rdf:type (Country, Institution, ...)
//   B rel/<TYPE>    a relationship: <source> B:rel/SIGNED <target>
//   B prop/<key>    a property; literals typed xsd:integer, xsd:double,
//                   xsd:boolean or plain strings; a list gives one triple
//                   per element
//   B edge/<id>     the relationship's reification: an rdf:Statement with
//                   rdf:subject, rdf:predicate, rdf:object, then B:prop/count
//                   (supporting documents), one B:prop/doc per document and
//                   the relationship's own properties
//
// A node's name is its rdfs:label, each alias a skos:altLabel. Property keys
// are percent-encoded into the IRI where they hold characters outside
// [A-Za-z0-9._~-]. Strings are escaped as N-Triples and Turtle require
// (\" \\ \n \r \t, other controls as \uXXXX); other text is written as UTF-8.
#include <cctype>

#include "graph/export_text.h"
#include "graph/export_writers.h"

namespace kg::detail {

namespace {
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

std::string iri_part(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

void append_literal_text(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

// Writes triples in either syntax. Turtle groups a subject's triples with
// ';' and uses prefixes; N-Triples spells every IRI out.
class TripleWriter {
 public:
  TripleWriter(std::string& out, std::string base, bool turtle)
      : s_(out), base_(std::move(base)), turtle_(turtle) {}

  void prefixes() {
    if (!turtle_) return;
    s_ += "@prefix rdf: <" + std::string(kRdf) + "> .\n@prefix rdfs: <" + std::string(kRdfs) +
          "> .\n@prefix skos: <" + std::string(kSkos) + "> .\n@prefix xsd: <" + std::string(kXsd) +
          "> .\n@prefix n: <" + base_ + "node/> .\n@prefix c: <" + base_ +
          "class/> .\n@prefix r: <" + base_ + "rel/> .\n@prefix p: <" + base_ +
          "prop/> .\n@prefix e: <" + base_ + "edge/> .\n\n";
  }
  // A term in the namespace `ns` ("node", "class", ...) with local part `local`
  // (already IRI-safe).
  std::string term(std::string_view ns, std::string_view local) const {
    bool plain = !local.empty() && local.back() != '.';
    for (char ch : local)
      plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
    if (turtle_ && plain) return std::string(ns.substr(0, 1)) + ":" + std::string(local);
    return "<" + base_ + std::string(ns) + "/" + std::string(local) + ">";
  }
  std::string std_term(std::string_view ns, std::string_view prefix, std::string_view local) const {
    if (turtle_) return std::string(prefix) + ":" + std::string(local);
    return "<" + std::string(ns) + std::string(local) + ">";
  }

  void subject(const std::string& s) {
    end_subject();
    subject_ = s;
    first_ = true;
  }
  void predicate_object(const std::string& p, const std::string& o) {
    if (!turtle_) {
      s_ += subject_ + " " + p + " " + o + " .\n";
    } else {
      s_ += first_ ? subject_ + " " : " ;\n    ";
      s_ += p + " " + o;
    }
    first_ = false;
  }
  void end_subject() {
    if (turtle_ && !first_) s_ += " .\n";
    first_ = true;
  }

  std::string literal(const Value& v) const {
    std::string o;
    switch (v.index()) {
      case 0:
        append_literal_text(o, std::get<std::string>(v));
        break;
      case 1:
        o = "\"" + std::to_string(std::get<int64_t>(v)) + "\"^^" + std_term(kXsd, "xsd", "integer");
        break;
      case 2: {
        std::string d;
        append_double(d, std::get<double>(v));
        if (d == "Infinity") d = "INF";
        if (d == "-Infinity") d = "-INF";
        o = "\"" + d + "\"^^" + std_term(kXsd, "xsd", "double");
        break;
      }
      case 3:
        o = std::string(std::get<bool>(v) ? "\"true\"" : "\"false\"") + "^^" +
            std_term(kXsd, "xsd", "boolean");
        break;
      default:
        break;  // lists are expanded by the caller
    }
    return o;
  }
  void property(std::string_view key, const Value& v) {
    std::string p = term("prop", iri_part(key));
    if (v.index() == 4) {
      for (const auto& item : std::get<std::vector<std::string>>(v))
        predicate_object(p, literal(item));
    } else {
      predicate_object(p, literal(v));
    }
  }

 private:
  std::string& s_;
  std::string base_;
  bool turtle_;
  std::string subject_;
  bool first_ = true;
};

void write_rdf(const Graph& g, AtomicFile& file, const ExportOptions& options, bool turtle) {
  std::string head;
  TripleWriter(head, options.base_iri, turtle).prefixes();
  file.write(head);
  // Each chunk has its own writer: a subject's triples never span chunks.
  write_chunked(file, g.node_count(), [&](size_t begin, size_t end, std::string& out) {
    TripleWriter w(out, options.base_iri, turtle);
    const std::string type = w.std_term(kRdf, "rdf", "type");
    const std::string label = w.std_term(kRdfs, "rdfs", "label");
    const std::string alt = w.std_term(kSkos, "skos", "altLabel");
    for (NodeId id = begin; id < end; ++id) {
      const Node& n = g.node(id);
      w.subject(w.term("node", std::to_string(id)));
      w.predicate_object(type, w.term("class", to_string(n.label)));
      w.predicate_object(label, w.literal(n.name));
      for (const auto& a : n.aliases) w.predicate_object(alt, w.literal(a));
      for (const auto& [key, value] : n.props) w.property(key, value);
    }
    w.end_subject();
  });
  write_chunked(file, g.edge_count(), [&](size_t begin, size_t end, std::string& out) {
    TripleWriter w(out, options.base_iri, turtle);
    const std::string type = w.std_term(kRdf, "rdf", "type");
    const std::string statement = w.std_term(kRdf, "rdf", "Statement");
    const std::string subj = w.std_term(kRdf, "rdf", "subject");
    const std::string pred = w.std_term(kRdf, "rdf", "predicate");
    const std::string obj = w.std_term(kRdf, "rdf", "object");
    for (EdgeId id = begin; id < end; ++id) {
      const Edge& e = g.edge(id);
      std::string s = w.term("node", std::to_string(e.source));
      std::string p = w.term("rel", to_string(e.type));
      std::string o = w.term("node", std::to_string(e.target));
      w.subject(s);
      w.predicate_object(p, o);
      w.subject(w.term("edge", std::to_string(id)));
      w.predicate_object(type, statement);
      w.predicate_object(subj, s);
      w.predicate_object(pred, p);
      w.predicate_object(obj, o);
      auto docs = g.edge_docs(id);
      w.property("count", static_cast<int64_t>(docs.size()));
      for (auto d : docs) w.property("doc", std::string(d));
      for (const auto& [key, value] : e.props) w.property(key, value);
    }
    w.end_subject();
  });
}
}  // namespace

void write_ntriples(const Graph& g, AtomicFile& out, const ExportOptions& options) {
  write_rdf(g, out, options, false);
}

void write_turtle(const Graph& g, AtomicFile& out, const ExportOptions& options) {
  write_rdf(g, out, options, true);
}

}  // namespace kg::detail
