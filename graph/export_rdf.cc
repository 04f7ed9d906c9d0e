// RDF as N-Triples and Turtle. With B the base IRI (ExportOptions::base_iri,
// default urn:kg:, short because N-Triples spells every IRI out in full and
// a 5M-edge graph has some 40M of them):
//
//   B n/<id>     one IRI per node (kg's node id)
//   B c/<Label>  the node's rdf:type (Country, Institution, ...)
//   B r/<TYPE>   a relationship: <source> B r/SIGNED <target>
//   B p/<key>    a property; literals typed xsd:integer, xsd:double,
//                xsd:boolean or plain strings; a list gives one triple per
//                element
//   B e/<id>     the relationship's reification (kg's edge id): rdf:subject,
//                rdf:predicate, rdf:object, then B p/count (supporting
//                documents), one B p/doc per document and the relationship's
//                own properties. It is not also typed rdf:Statement: RDFS
//                entails that from rdf:subject (its rdfs:domain), and the
//                extra triple was a fifth of the file.
//
// Turtle declares the prefixes n: c: r: p: e: for these namespaces. A node's
// name is its rdfs:label, each alias a skos:altLabel. Property keys are
// percent-encoded into the IRI where they hold characters outside
// [A-Za-z0-9._~-]. Strings are escaped as N-Triples and Turtle require
// (\" \\ \n \r \t, other controls as \uXXXX); other text is written as UTF-8.
//
// The text is appended straight into each chunk's buffer (graph/export_text.h
// write_chunked) from terms built once: the file is gigabytes, so what
// matters is bytes written and no allocation per triple.
#include <cctype>
#include <map>

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
  size_t run = 0;  // start of the current run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
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
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

// The terms of one export, spelled for its syntax once: N-Triples writes
// every IRI in full, Turtle with the prefixes of prefixes().
class Terms {
 public:
  Terms(std::string base, bool turtle) : base_(std::move(base)), turtle_(turtle) {
    type = std_term(kRdf, "rdf", "type");
    label = std_term(kRdfs, "rdfs", "label");
    alt_label = std_term(kSkos, "skos", "altLabel");
    subject = std_term(kRdf, "rdf", "subject");
    predicate = std_term(kRdf, "rdf", "predicate");
    object = std_term(kRdf, "rdf", "object");
    xsd_integer = "^^" + std_term(kXsd, "xsd", "integer");
    xsd_double = "^^" + std_term(kXsd, "xsd", "double");
    xsd_boolean = "^^" + std_term(kXsd, "xsd", "boolean");
    for (Label l : kAllLabels) classes[static_cast<int>(l)] = term("c", to_string(l));
    for (RelType t : kAllRelTypes) rels[static_cast<int>(t)] = term("r", to_string(t));
    node_open = turtle_ ? "n:" : "<" + base_ + "n/";
    edge_open = turtle_ ? "e:" : "<" + base_ + "e/";
    id_close = turtle_ ? "" : ">";
  }

  std::string prefixes() const {
    if (!turtle_) return "";
    return "@prefix rdf: <" + std::string(kRdf) + "> .\n@prefix rdfs: <" + std::string(kRdfs) +
           "> .\n@prefix skos: <" + std::string(kSkos) + "> .\n@prefix xsd: <" + std::string(kXsd) +
           "> .\n@prefix n: <" + base_ + "n/> .\n@prefix c: <" + base_ + "c/> .\n@prefix r: <" +
           base_ + "r/> .\n@prefix p: <" + base_ + "p/> .\n@prefix e: <" + base_ + "e/> .\n\n";
  }
  // The predicate of property `key`, built on first use (keys are few).
  const std::string& prop(std::string_view key) {
    auto it = props_.find(key);
    if (it == props_.end()) it = props_.emplace(std::string(key), term("p", iri_part(key))).first;
    return it->second;
  }
  void append_node(std::string& out, uint32_t id) const {
    out += node_open;
    append_int(out, id);
    out += id_close;
  }
  void append_edge(std::string& out, uint32_t id) const {
    out += edge_open;
    append_int(out, id);
    out += id_close;
  }
  // A literal of a scalar value (lists are expanded by the caller).
  void append_literal(std::string& out, const Value& v) const {
    switch (v.index()) {
      case 0:
        append_literal_text(out, std::get<std::string>(v));
        break;
      case 1:
        out.push_back('"');
        append_int(out, std::get<int64_t>(v));
        out.push_back('"');
        out += xsd_integer;
        break;
      case 2: {
        std::string d;
        append_double(d, std::get<double>(v));
        if (d == "Infinity") d = "INF";
        if (d == "-Infinity") d = "-INF";
        out += "\"" + d + "\"" + xsd_double;
        break;
      }
      case 3:
        out += std::get<bool>(v) ? "\"true\"" : "\"false\"";
        out += xsd_boolean;
        break;
      default:
        break;
    }
  }

  std::string type, label, alt_label, subject, predicate, object;
  std::string xsd_integer, xsd_double, xsd_boolean;
  std::string classes[kLabelCount], rels[kRelTypeCount];

 private:
  // A term in the namespace `ns` with local part `local` (already IRI-safe):
  // prefixed in Turtle where the local part is a plain name.
  std::string term(std::string_view ns, std::string_view local) const {
    bool plain = !local.empty() && local.back() != '.';
    for (char ch : local)
      plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
    if (turtle_ && plain) return std::string(ns) + ":" + std::string(local);
    return "<" + base_ + std::string(ns) + "/" + std::string(local) + ">";
  }
  std::string std_term(std::string_view ns, std::string_view prefix, std::string_view local) const {
    if (turtle_) return std::string(prefix) + ":" + std::string(local);
    return "<" + std::string(ns) + std::string(local) + ">";
  }

  std::string base_;
  bool turtle_;
  std::string node_open, edge_open, id_close;
  std::map<std::string, std::string, std::less<>> props_;
};

// Appends the triples of one subject: N-Triples repeats the subject on each
// line, Turtle writes it once and separates predicate-object pairs with ';'.
class SubjectWriter {
 public:
  SubjectWriter(std::string& out, bool turtle) : out_(out), turtle_(turtle) {}
  // Starts the next subject; `subject` is appended by the caller-supplied
  // writer so that no string is built for it.
  template <class F>
  void begin(F&& write_subject) {
    end();
    subject_.clear();
    write_subject(subject_);
    first_ = true;
  }
  // Appends " <predicate> " after the subject (or "; "), ready for the object.
  void predicate(std::string_view p) {
    if (!turtle_) {
      out_ += subject_;
      out_.push_back(' ');
    } else {
      if (first_) {
        out_ += subject_;
        out_.push_back(' ');
      } else {
        out_ += " ;\n    ";
      }
    }
    out_ += p;
    out_.push_back(' ');
    first_ = false;
  }
  // Ends the triple whose object was just appended.
  void end_object() {
    if (!turtle_) out_ += " .\n";
  }
  void end() {
    if (turtle_ && !first_) out_ += " .\n";
    first_ = true;
  }
  std::string& out() { return out_; }

 private:
  std::string& out_;
  bool turtle_;
  std::string subject_;
  bool first_ = true;
};

void write_property(SubjectWriter& w, Terms& t, std::string_view key, const Value& v) {
  const std::string& p = t.prop(key);
  if (v.index() == 4) {
    for (const auto& item : std::get<std::vector<std::string>>(v)) {
      w.predicate(p);
      append_literal_text(w.out(), item);
      w.end_object();
    }
    return;
  }
  w.predicate(p);
  t.append_literal(w.out(), v);
  w.end_object();
}

void write_rdf(const Graph& g, AtomicFile& file, const ExportOptions& options, bool turtle) {
  file.write(Terms(options.base_iri, turtle).prefixes());
  // Each chunk has its own writer and terms: a subject's triples never span
  // chunks, and the property cache is not shared between threads.
  write_chunked(file, g.node_count(), [&](size_t begin, size_t end, std::string& out) {
    Terms t(options.base_iri, turtle);
    SubjectWriter w(out, turtle);
    for (NodeId id = begin; id < end; ++id) {
      const Node& n = g.node(id);
      w.begin([&](std::string& s) { t.append_node(s, id); });
      w.predicate(t.type);
      out += t.classes[static_cast<int>(n.label)];
      w.end_object();
      w.predicate(t.label);
      append_literal_text(out, n.name);
      w.end_object();
      for (const auto& a : n.aliases) {
        w.predicate(t.alt_label);
        append_literal_text(out, a);
        w.end_object();
      }
      for (const auto& [key, value] : n.props) write_property(w, t, key, value);
    }
    w.end();
  });
  write_chunked(file, g.edge_count(), [&](size_t begin, size_t end, std::string& out) {
    Terms t(options.base_iri, turtle);
    SubjectWriter w(out, turtle);
    std::vector<std::string_view> docs;
    const std::string& count = t.prop("count");
    const std::string& doc = t.prop("doc");
    for (EdgeId id = begin; id < end; ++id) {
      const Edge& e = g.edge(id);
      const std::string& rel = t.rels[static_cast<int>(e.type)];
      w.begin([&](std::string& s) { t.append_node(s, e.source); });
      w.predicate(rel);
      t.append_node(out, e.target);
      w.end_object();
      w.begin([&](std::string& s) { t.append_edge(s, id); });
      w.predicate(t.subject);
      t.append_node(out, e.source);
      w.end_object();
      w.predicate(t.predicate);
      out += rel;
      w.end_object();
      w.predicate(t.object);
      t.append_node(out, e.target);
      w.end_object();
      edge_docs_into(g, id, docs);
      w.predicate(count);
      t.append_literal(out, static_cast<int64_t>(docs.size()));
      w.end_object();
      for (auto d : docs) {
        w.predicate(doc);
        append_literal_text(out, d);
        w.end_object();
      }
      for (const auto& [key, value] : e.props) write_property(w, t, key, value);
    }
    w.end();
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
