// Private to graph/: the text building blocks the exporters share -- a
// buffered writer over an AtomicFile, JSON and XML escaping, and number
// formatting that reads back to the same value.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "graph/atomic_file.h"
#include "graph/graph.h"
#include "graph/value.h"

namespace kg::detail {

// Collects output in a string and hands it to the AtomicFile in large
// blocks: exporters append millions of small pieces.
class OutBuffer {
 public:
  explicit OutBuffer(AtomicFile& file) : file_(file) { buf_.reserve(kBlock + 4096); }
  ~OutBuffer() = default;  // REQUIRES: flush() called (a throw leaves it unflushed, on purpose)
  OutBuffer& operator<<(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kBlock) flush();
    return *this;
  }
  OutBuffer& operator<<(char c) {
    buf_.push_back(c);
    return *this;
  }
  OutBuffer& operator<<(int64_t v);
  OutBuffer& operator<<(uint32_t v) { return *this << static_cast<int64_t>(v); }
  OutBuffer& operator<<(uint64_t v) { return *this << static_cast<int64_t>(v); }
  // The string being built, for escapers that append in place.
  std::string& raw() { return buf_; }
  void flush() {
    file_.write(buf_);
    buf_.clear();
  }

 private:
  static constexpr size_t kBlock = 1 << 20;
  AtomicFile& file_;
  std::string buf_;
};

// Produces the text of items [0, n) in chunks on several threads and writes
// the chunks in order: `fn(begin, end, out)` appends the text of items
// [begin, end) to `out`. For formats whose records are independent (cypher,
// N-Triples, Turtle), so that generating text overlaps writing it.
void write_chunked(AtomicFile& file, size_t n,
                   const std::function<void(size_t, size_t, std::string&)>& fn);

void append_int(std::string& out, int64_t v);

// Shortest text that reads back as the same double ("1.0", "2.5e-07");
// always has a '.' or an exponent so it is not taken for an integer.
// Non-finite values as NaN, Infinity, -Infinity (what Python's json reads).
void append_double(std::string& out, double v);
// Where JSON text goes: as it is, or inside a Cypher single-quoted string
// literal (export_cypher.cc), whose ' and \ are escaped by a backslash too
// -- written in the same pass rather than escaped again afterwards.
enum class JsonIn { kPlain, kCypher };
// A JSON string literal with quotes; control characters as \uXXXX.
void append_json_string(std::string& out, std::string_view s, JsonIn in = JsonIn::kPlain);
// A JSON value: string, integer, double, true/false or array of strings.
void append_json_value(std::string& out, const Value& v);
std::string json_string(std::string_view s);
std::string json_value(const Value& v);
// Text escaped for XML character data and attribute values: & < > " ' as
// entities, tab/newline/carriage return as character references (so that
// attribute values keep them); other C0 controls, which XML 1.0 forbids
// even as references, become U+FFFD.
void append_xml_escaped(std::string& out, std::string_view s);
std::string xml_escaped(std::string_view s);
// A value as plain text: strings as they are, numbers as above, lists as a
// JSON array.
std::string value_text(const Value& v);

// Provenance as JSON arrays of objects: mentions as
// [{"doc","start","end","rule"}], evidence as [{"doc","start","end","text","rule"}],
// the shape import_parts.h reads back.
void append_mentions_json(std::string& out, const Graph& g, const Node& n,
                          JsonIn in = JsonIn::kPlain);
void append_evidence_json(std::string& out, const Graph& g, const Edge& e,
                          JsonIn in = JsonIn::kPlain);
// Graph::edge_docs into a reused vector, without its allocation and sort
// for the usual edge of one evidence sentence (the exporters call it for
// every one of millions of edges).
void edge_docs_into(const Graph& g, EdgeId id, std::vector<std::string_view>& docs);
// The edge's supporting documents as a JSON array of strings.
void append_docs_json(std::string& out, const std::vector<std::string_view>& docs,
                      JsonIn in = JsonIn::kPlain);

}  // namespace kg::detail
