// Loading the graph file (README "Graph file format") with RapidJSON's SAX
// reader: the Graph is built while the file streams past, so no DOM of the
// whole file is ever held (a DOM of a 5M-edge file is several GiB).
//
// The handler is a state machine over a stack of frames, one per open JSON
// object or array, each knowing what it holds (the root, the string table, a
// node, a mention, a property list, a value being skipped, ...). The format
// needs at most 7 levels (root, nodes, node, sources, source, props, list);
// deeper nesting is refused at kMaxDepth: every StartObject/StartArray
// pushes a frame or fails, and a handler that returns false stops RapidJSON's
// recursive parser at once, so hostile nesting recurses at most kMaxDepth + 1
// levels. (The recursive parser is a third faster here than
// kParseIterativeFlag's table-driven state machine.)
//
// Records may carry "sources" ([doc, [names], {props}] in a node, [doc,
// {props}] in an edge), read into Graph::set_node_sources/set_edge_sources.
//
// Order matters where the building needs it: "format" and "version" come
// before "strings", "strings" before "nodes", "nodes" before "edges" (save
// writes them so). Members inside a record may come in any order; unknown
// members anywhere are skipped, so later versions can add fields. The
// optional header "counts" lets the loader reserve exact sizes; when present
// it must agree with the file.
//
// Errors: JSON syntax and top-level problems are "PATH: byte N: what"; a
// well-formed file with a bad record is "PATH: node|edge N: what". The
// handler records the first problem and stops the parse; load_graph throws.
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "graph/graph_sink.h"
#include "graph/version.h"

namespace kg {

namespace {

constexpr int kMaxDepth = 32;
constexpr char kNotGraphFile[] = "not a kg graph file (no \"format\": \"kg-graph\")";

// One scalar JSON value as the reader reported it, typed the way the DOM
// would see it (so the checks read like IsUint/IsInt64/IsNumber).
struct Scalar {
  enum Kind { kNull, kBool, kInt, kUint, kInt64, kUint64, kDouble, kString } kind;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  std::string_view s;

  bool is_string() const { return kind == kString; }
  // RapidJSON reports a non-negative number below 2^32 through Uint().
  bool is_uint() const { return kind == kUint; }
  bool is_int() const { return kind == kInt || (kind == kUint && u <= INT32_MAX); }
  bool is_int64() const {
    return kind == kInt || kind == kUint || kind == kInt64 || (kind == kUint64 && u <= INT64_MAX);
  }
  int64_t as_int64() const { return (kind == kInt || kind == kInt64) ? i : static_cast<int64_t>(u); }
  bool is_number() const { return kind >= kInt && kind <= kDouble; }
  double as_double() const {
    switch (kind) {
      case kInt:
      case kInt64: return static_cast<double>(i);
      case kDouble: return d;
      default: return static_cast<double>(u);
    }
  }
};

// What an open object or array holds.
enum class Frame : uint8_t {
  kRoot,       // {"format", "version", "counts", "strings", "nodes", "edges"}
  kCounts,     // {"strings": S, "nodes": N, "edges": M}
  kStrings,    // [string, ...]
  kNodes,      // [node, ...]
  kNode,       // {"label", "name", "aliases", "props", "mentions"}
  kAliases,    // [string, ...]
  kMentions,   // [mention, ...]
  kMention,    // [doc, start, end, rule]
  kEdges,      // [edge, ...]
  kEdge,       // {"type", "source", "target", "props", "evidence"}
  kEvidences,  // [evidence, ...]
  kEvidence,   // [doc, start, end, text, rule]
  kProps,      // {key: value, ...}
  kPropList,   // [string, ...], a list-valued property
  kSources,    // [source, ...]
  kSource,     // [doc, [names], {props}] in a node, [doc, {props}] in an edge
  kSourceNames,  // [string, ...]
  kSkip,       // an unknown member's value
};

// The member of an object whose value comes next.
enum class Field : uint8_t {
  kNone,
  kUnknown,
  kFormat, kVersion, kCounts, kStrings, kNodes, kEdges,    // root
  kLabel, kName, kAliases, kProps, kMentions,              // node
  kType, kSource, kTarget, kEvidence,                      // edge (and kProps)
  kCountStrings, kCountNodes, kCountEdges,                 // counts
  kProp,                                                   // props
  kSources,                                                // node and edge
};

// Fields seen in the current record, for the "missing" and duplicate checks.
enum Seen : uint32_t {
  kSeenLabel = 1, kSeenName = 2, kSeenAliases = 4, kSeenProps = 8, kSeenMentions = 16,
  kSeenType = 32, kSeenSource = 64, kSeenTarget = 128, kSeenEvidence = 256,
  kSeenSources = 512,
};

// Lists grow by doubling while read; records are kept for the graph's life,
// so trim them to size.
template <class T>
void trim(std::vector<T>& v) {
  if (v.capacity() != v.size()) v.shrink_to_fit();
}

class Loader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Loader> {
 public:
  Loader(const rapidjson::FileReadStream& in, uint64_t file_size, GraphSink& sink)
      : in_(in), file_size_(file_size), sink_(sink) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  bool error_has_offset() const { return error_has_offset_; }
  size_t error_offset() const { return error_offset_; }

  // --- rapidjson SAX events -------------------------------------------
  bool Null() { return scalar({Scalar::kNull}); }
  bool Bool(bool b) { return scalar({.kind = Scalar::kBool, .b = b}); }
  bool Int(int i) { return scalar({.kind = Scalar::kInt, .i = i}); }
  bool Uint(unsigned u) { return scalar({.kind = Scalar::kUint, .u = u}); }
  bool Int64(int64_t i) { return scalar({.kind = Scalar::kInt64, .i = i}); }
  bool Uint64(uint64_t u) { return scalar({.kind = Scalar::kUint64, .u = u}); }
  bool Double(double d) { return scalar({.kind = Scalar::kDouble, .d = d}); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return scalar({.kind = Scalar::kString, .s = std::string_view(s, n)});
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) { return key(std::string_view(s, n)); }
  bool StartObject() { return start_bracket(/*object=*/true); }
  bool EndObject(rapidjson::SizeType) { return end(); }
  bool StartArray() { return start_bracket(/*object=*/false); }
  bool EndArray(rapidjson::SizeType) { return end(); }

 private:
  // The recursive parser calls StartObject/StartArray after taking the
  // bracket; an error there points at the bracket itself.
  bool start_bracket(bool object) {
    in_bracket_ = true;
    bool ok = start(object);
    in_bracket_ = false;
    return ok;
  }

  // --- errors -------------------------------------------------------------
  bool fail_at(std::string what) {
    if (error_.empty()) {
      error_ = std::move(what);
      error_has_offset_ = true;
      error_offset_ = in_.Tell() - (in_bracket_ ? 1 : 0);
    }
    return false;
  }
  bool fail_record(const std::string& what) {
    if (error_.empty()) {
      bool node = in_node_record();
      error_ = std::string(node ? "node " : "edge ") +
               std::to_string(node ? nodes_ : edges_) + ": " + what;
    }
    return false;
  }
  bool in_node_record() const {
    for (int i = depth_ - 1; i >= 0; --i) {
      if (stack_[i] == Frame::kNode || stack_[i] == Frame::kNodes) return true;
      if (stack_[i] == Frame::kEdge || stack_[i] == Frame::kEdges) return false;
    }
    return false;
  }

  // --- the frame stack ----------------------------------------------------
  Frame top() const { return stack_[depth_ - 1]; }
  bool push(Frame f) {
    if (depth_ == kMaxDepth) return fail_at("nested deeper than " + std::to_string(kMaxDepth) + " levels");
    stack_[depth_++] = f;
    field_ = Field::kNone;
    return true;
  }

  // --- events ---------------------------------------------------------------
  bool key(std::string_view k);
  bool scalar(const Scalar& v);
  bool start(bool object);
  bool end();

  bool root_key(std::string_view k);
  bool node_value(const Scalar& v);
  bool edge_value(const Scalar& v);
  bool prop_value(const Scalar& v);
  bool tuple_value(const Scalar& v);
  bool end_node();
  bool end_edge();
  bool need_sym(const Scalar& v, Sym& out);
  bool need_uint(const Scalar& v, const char* what, uint32_t& out);
  bool once(uint32_t bit, const char* name);
  bool bad_source() {
    return fail_record(in_node_record() ? "a source is [doc, [names], {props}]"
                                        : "a source is [doc, {props}]");
  }

  const rapidjson::FileReadStream& in_;
  const uint64_t file_size_;
  GraphSink& sink_;
  size_t nodes_ = 0, edges_ = 0;  // records handed to sink_ so far
  std::vector<Sym> syms_;  // file string index -> Sym

  Frame stack_[kMaxDepth];
  int depth_ = 0;
  bool in_bracket_ = false;
  Field field_ = Field::kNone;
  bool have_format_ = false, have_version_ = false;
  bool have_strings_ = false, have_nodes_ = false, have_edges_ = false;
  int64_t count_strings_ = -1, count_nodes_ = -1, count_edges_ = -1;

  // The record being read.
  uint32_t seen_ = 0;
  Node node_;
  Edge edge_;
  Props* props_ = nullptr;  // the record's props while inside "props"
  std::string prop_key_;
  std::vector<std::string> prop_list_;
  uint32_t tuple_[5];       // a mention or evidence entry
  int tuple_size_ = 0;      // elements read of a mention, evidence or source
  Source source_;
  std::vector<Source> sources_;

  std::string error_;
  bool error_has_offset_ = false;
  size_t error_offset_ = 0;
};

bool Loader::once(uint32_t bit, const char* name) {
  if (seen_ & bit) return fail_record(std::string("duplicate \"") + name + "\"");
  seen_ |= bit;
  return true;
}

bool Loader::key(std::string_view k) {
  switch (top()) {
    case Frame::kRoot: return root_key(k);
    case Frame::kCounts:
      field_ = k == "strings" ? Field::kCountStrings
               : k == "nodes" ? Field::kCountNodes
               : k == "edges" ? Field::kCountEdges
                              : Field::kUnknown;
      return true;
    case Frame::kNode:
      field_ = k == "label"      ? Field::kLabel
               : k == "name"     ? Field::kName
               : k == "aliases"  ? Field::kAliases
               : k == "props"    ? Field::kProps
               : k == "mentions" ? Field::kMentions
               : k == "sources"  ? Field::kSources
                                 : Field::kUnknown;
      return true;
    case Frame::kEdge:
      field_ = k == "type"       ? Field::kType
               : k == "source"   ? Field::kSource
               : k == "target"   ? Field::kTarget
               : k == "props"    ? Field::kProps
               : k == "evidence" ? Field::kEvidence
               : k == "sources"  ? Field::kSources
                                 : Field::kUnknown;
      return true;
    case Frame::kProps:
      field_ = Field::kProp;
      prop_key_.assign(k);
      return true;
    default: return true;  // kSkip
  }
}

bool Loader::root_key(std::string_view k) {
  field_ = k == "format"    ? Field::kFormat
           : k == "version" ? Field::kVersion
           : k == "counts"  ? Field::kCounts
           : k == "strings" ? Field::kStrings
           : k == "nodes"   ? Field::kNodes
           : k == "edges"   ? Field::kEdges
                            : Field::kUnknown;
  // The body needs the header first, then strings before the records that
  // index them, and nodes before the edges that point at them.
  if (field_ == Field::kStrings || field_ == Field::kNodes || field_ == Field::kEdges) {
    if (!have_format_) return fail_at(kNotGraphFile);
    if (!have_version_) return fail_at("missing \"version\" before \"" + std::string(k) + "\"");
    bool& have = field_ == Field::kStrings ? have_strings_
                 : field_ == Field::kNodes ? have_nodes_
                                           : have_edges_;
    if (have) return fail_at("duplicate \"" + std::string(k) + "\"");
    have = true;
    if (field_ != Field::kStrings && !have_strings_)
      return fail_at("\"strings\" must come before \"" + std::string(k) + "\"");
    if (field_ == Field::kEdges && !have_nodes_)
      return fail_at("\"nodes\" must come before \"edges\"");
    if (field_ == Field::kStrings && (have_nodes_ || have_edges_))
      return fail_at("\"strings\" must come before \"nodes\" and \"edges\"");
  }
  return true;
}

bool Loader::scalar(const Scalar& v) {
  if (depth_ == 0) return fail_at(kNotGraphFile);
  switch (top()) {
    case Frame::kRoot:
      switch (field_) {
        case Field::kFormat:
          if (!v.is_string() || v.s != kGraphFormatName) return fail_at(kNotGraphFile);
          have_format_ = true;
          return true;
        case Field::kVersion:
          if (!v.is_int() || v.as_int64() != kGraphFormatVersion)
            return fail_at("unsupported graph file version (this kg reads version " +
                           std::to_string(kGraphFormatVersion) + ")");
          have_version_ = true;
          return true;
        case Field::kCounts: return fail_at("\"counts\" must be an object");
        case Field::kStrings: return fail_at("\"strings\" must be an array");
        case Field::kNodes:
        case Field::kEdges: return fail_at("\"nodes\" and \"edges\" must be arrays");
        default: return true;
      }
    case Frame::kCounts: {
      if (field_ == Field::kUnknown) return true;
      if (!v.is_int64() || v.as_int64() < 0)
        return fail_at("\"counts\" values must be non-negative integers");
      int64_t n = v.as_int64();
      (field_ == Field::kCountStrings ? count_strings_
       : field_ == Field::kCountNodes ? count_nodes_
                                      : count_edges_) = n;
      return true;
    }
    case Frame::kStrings:
      if (!v.is_string()) return fail_at("a string must be a string");
      syms_.push_back(sink_.intern(v.s));
      return true;
    case Frame::kNodes: return fail_record("expected an object");
    case Frame::kEdges: return fail_record("expected an object");
    case Frame::kNode: return node_value(v);
    case Frame::kEdge: return edge_value(v);
    case Frame::kAliases:
      if (!v.is_string()) return fail_record("an alias must be a string");
      node_.aliases.emplace_back(v.s);
      return true;
    case Frame::kMentions: return fail_record("a mention is [doc, start, end, rule]");
    case Frame::kEvidences: return fail_record("evidence is [doc, start, end, text, rule]");
    case Frame::kMention:
    case Frame::kEvidence: return tuple_value(v);
    case Frame::kProps: return prop_value(v);
    case Frame::kPropList:
      if (!v.is_string()) return fail_record("a list element must be a string");
      prop_list_.emplace_back(v.s);
      return true;
    case Frame::kSources: return bad_source();
    case Frame::kSource:
      if (tuple_size_ != 0) return bad_source();
      ++tuple_size_;
      return need_sym(v, source_.doc);
    case Frame::kSourceNames:
      if (!v.is_string()) return fail_record("a source name must be a string");
      source_.names.emplace_back(v.s);
      return true;
    case Frame::kSkip: return true;
  }
  return true;
}

bool Loader::node_value(const Scalar& v) {
  switch (field_) {
    case Field::kLabel: {
      if (!once(kSeenLabel, "label")) return false;
      if (!v.is_string()) return fail_record("\"label\" must be a string");
      auto l = parse_label(v.s);
      if (!l) return fail_record("unknown label \"" + std::string(v.s) + "\"");
      node_.label = *l;
      return true;
    }
    case Field::kName:
      if (!once(kSeenName, "name")) return false;
      if (!v.is_string()) return fail_record("\"name\" must be a string");
      node_.name.assign(v.s);
      return true;
    case Field::kAliases: return fail_record("\"aliases\" must be an array");
    case Field::kProps: return fail_record("\"props\" must be an object");
    case Field::kMentions: return fail_record("\"mentions\" must be an array");
    case Field::kSources: return fail_record("\"sources\" must be an array");
    default: return true;
  }
}

bool Loader::edge_value(const Scalar& v) {
  switch (field_) {
    case Field::kType: {
      if (!once(kSeenType, "type")) return false;
      if (!v.is_string()) return fail_record("\"type\" must be a string");
      auto t = parse_rel_type(v.s);
      if (!t) return fail_record("unknown type \"" + std::string(v.s) + "\"");
      edge_.type = *t;
      return true;
    }
    case Field::kSource:
      return once(kSeenSource, "source") && need_uint(v, "\"source\"", edge_.source);
    case Field::kTarget:
      return once(kSeenTarget, "target") && need_uint(v, "\"target\"", edge_.target);
    case Field::kProps: return fail_record("\"props\" must be an object");
    case Field::kEvidence: return fail_record("\"evidence\" must be an array");
    case Field::kSources: return fail_record("\"sources\" must be an array");
    default: return true;
  }
}

bool Loader::prop_value(const Scalar& v) {
  switch (v.kind) {
    case Scalar::kString: props_->set(prop_key_, std::string(v.s)); return true;
    case Scalar::kBool: props_->set(prop_key_, v.b); return true;
    case Scalar::kNull:
      return fail_record("property \"" + prop_key_ + "\" has an unsupported type");
    default:
      if (v.is_int64()) props_->set(prop_key_, v.as_int64());
      else props_->set(prop_key_, v.as_double());
      return true;
  }
}

bool Loader::need_uint(const Scalar& v, const char* what, uint32_t& out) {
  if (!v.is_uint()) return fail_record(std::string(what) + " must be a non-negative integer");
  out = static_cast<uint32_t>(v.u);
  return true;
}

bool Loader::need_sym(const Scalar& v, Sym& out) {
  uint32_t s;
  if (!need_uint(v, "a string index", s)) return false;
  if (s >= syms_.size()) return fail_record("string index " + std::to_string(s) + " out of range");
  out = syms_[s];
  return true;
}

// An element of [doc, start, end, rule] or [doc, start, end, text, rule].
bool Loader::tuple_value(const Scalar& v) {
  const bool mention = top() == Frame::kMention;
  const int size = mention ? 4 : 5;
  if (tuple_size_ == size)
    return fail_record(mention ? "a mention is [doc, start, end, rule]"
                               : "evidence is [doc, start, end, text, rule]");
  const int i = tuple_size_++;
  if (i == 1) return need_uint(v, "start", tuple_[i]);
  if (i == 2) return need_uint(v, "end", tuple_[i]);
  return need_sym(v, tuple_[i]);
}

bool Loader::start(bool object) {
  if (depth_ == 0) {
    if (!object) return fail_at(kNotGraphFile);
    return push(Frame::kRoot);
  }
  const Field f = field_;
  switch (top()) {
    case Frame::kRoot:
      switch (f) {
        case Field::kFormat: return fail_at(kNotGraphFile);
        case Field::kVersion:
          return fail_at("unsupported graph file version (this kg reads version " +
                         std::to_string(kGraphFormatVersion) + ")");
        case Field::kCounts:
          if (!object) return fail_at("\"counts\" must be an object");
          return push(Frame::kCounts);
        case Field::kStrings:
          if (object) return fail_at("\"strings\" must be an array");
          if (count_strings_ >= 0)
            syms_.reserve(std::min<uint64_t>(count_strings_, file_size_ / 2));
          return push(Frame::kStrings);
        case Field::kNodes:
        case Field::kEdges:
          if (object) return fail_at("\"nodes\" and \"edges\" must be arrays");
          // Counts are hints bounded by what the file could hold (a record
          // takes well over 40 bytes), so a hostile header cannot make us
          // reserve more than the file justifies.
          if (f == Field::kNodes && count_nodes_ >= 0)
            sink_.reserve(std::min<uint64_t>(count_nodes_, file_size_ / 40), 0);
          if (f == Field::kEdges && count_edges_ >= 0)
            sink_.reserve(0, std::min<uint64_t>(count_edges_, file_size_ / 40));
          return push(f == Field::kNodes ? Frame::kNodes : Frame::kEdges);
        default: return push(Frame::kSkip);
      }
    case Frame::kCounts:
      if (f == Field::kUnknown) return push(Frame::kSkip);
      return fail_at("\"counts\" values must be non-negative integers");
    case Frame::kStrings: return fail_at("a string must be a string");
    case Frame::kNodes:
    case Frame::kEdges:
      if (!object) return fail_record("expected an object");
      seen_ = 0;
      return push(top() == Frame::kNodes ? Frame::kNode : Frame::kEdge);
    case Frame::kNode:
      switch (f) {
        case Field::kAliases:
          if (!once(kSeenAliases, "aliases")) return false;
          if (object) return fail_record("\"aliases\" must be an array");
          return push(Frame::kAliases);
        case Field::kProps:
          if (!once(kSeenProps, "props")) return false;
          if (!object) return fail_record("\"props\" must be an object");
          props_ = &node_.props;
          return push(Frame::kProps);
        case Field::kMentions:
          if (!once(kSeenMentions, "mentions")) return false;
          if (object) return fail_record("\"mentions\" must be an array");
          return push(Frame::kMentions);
        case Field::kSources:
          if (!once(kSeenSources, "sources")) return false;
          if (object) return fail_record("\"sources\" must be an array");
          return push(Frame::kSources);
        case Field::kLabel: return fail_record("\"label\" must be a string");
        case Field::kName: return fail_record("\"name\" must be a string");
        default: return push(Frame::kSkip);
      }
    case Frame::kEdge:
      switch (f) {
        case Field::kProps:
          if (!once(kSeenProps, "props")) return false;
          if (!object) return fail_record("\"props\" must be an object");
          props_ = &edge_.props;
          return push(Frame::kProps);
        case Field::kEvidence:
          if (!once(kSeenEvidence, "evidence")) return false;
          if (object) return fail_record("\"evidence\" must be an array");
          return push(Frame::kEvidences);
        case Field::kSources:
          if (!once(kSeenSources, "sources")) return false;
          if (object) return fail_record("\"sources\" must be an array");
          return push(Frame::kSources);
        case Field::kType: return fail_record("\"type\" must be a string");
        case Field::kSource: return fail_record("\"source\" must be a non-negative integer");
        case Field::kTarget: return fail_record("\"target\" must be a non-negative integer");
        default: return push(Frame::kSkip);
      }
    case Frame::kAliases: return fail_record("an alias must be a string");
    case Frame::kMentions:
    case Frame::kEvidences: {
      const bool mention = top() == Frame::kMentions;
      if (object)
        return fail_record(mention ? "a mention is [doc, start, end, rule]"
                                   : "evidence is [doc, start, end, text, rule]");
      tuple_size_ = 0;
      return push(mention ? Frame::kMention : Frame::kEvidence);
    }
    case Frame::kMention:
    case Frame::kEvidence: {
      // A nested value where a number belongs: the element's own message.
      const int i = tuple_size_;
      const bool mention = top() == Frame::kMention;
      if (i >= (mention ? 4 : 5))
        return fail_record(mention ? "a mention is [doc, start, end, rule]"
                                   : "evidence is [doc, start, end, text, rule]");
      return fail_record(i == 1   ? "start must be a non-negative integer"
                         : i == 2 ? "end must be a non-negative integer"
                                  : "a string index must be a non-negative integer");
    }
    case Frame::kProps:
      if (object) return fail_record("property \"" + prop_key_ + "\" has an unsupported type");
      prop_list_.clear();
      return push(Frame::kPropList);
    case Frame::kPropList: return fail_record("a list element must be a string");
    case Frame::kSources:
      if (object) return bad_source();
      tuple_size_ = 0;
      source_ = Source{};
      return push(Frame::kSource);
    case Frame::kSource: {
      const bool node = in_node_record();
      if (!object && node && tuple_size_ == 1) return push(Frame::kSourceNames);
      if (object && tuple_size_ == (node ? 2 : 1)) {
        props_ = &source_.props;
        return push(Frame::kProps);
      }
      return bad_source();
    }
    case Frame::kSourceNames: return fail_record("a source name must be a string");
    case Frame::kSkip: return push(Frame::kSkip);
  }
  return true;
}

bool Loader::end() {
  const Frame f = top();
  --depth_;
  field_ = Field::kNone;
  switch (f) {
    case Frame::kRoot:
      if (!have_format_) return fail_at(kNotGraphFile);
      if (!have_version_) return fail_at("missing \"version\"");
      if (!have_strings_) return fail_at("missing \"strings\"");
      if (!have_nodes_) return fail_at("missing \"nodes\"");
      if (!have_edges_) return fail_at("missing \"edges\"");
      return true;
    case Frame::kStrings:
      if (count_strings_ >= 0 && static_cast<size_t>(count_strings_) != syms_.size())
        return fail_at("\"counts\" says " + std::to_string(count_strings_) + " strings, the file has " +
                       std::to_string(syms_.size()));
      return true;
    case Frame::kNodes:
      if (count_nodes_ >= 0 && static_cast<size_t>(count_nodes_) != nodes_)
        return fail_at("\"counts\" says " + std::to_string(count_nodes_) + " nodes, the file has " +
                       std::to_string(nodes_));
      return true;
    case Frame::kEdges:
      if (count_edges_ >= 0 && static_cast<size_t>(count_edges_) != edges_)
        return fail_at("\"counts\" says " + std::to_string(count_edges_) + " edges, the file has " +
                       std::to_string(edges_));
      return true;
    case Frame::kNode: return end_node();
    case Frame::kEdge: return end_edge();
    case Frame::kMention:
      if (tuple_size_ != 4) return fail_record("a mention is [doc, start, end, rule]");
      node_.mentions.push_back({tuple_[0], tuple_[1], tuple_[2], tuple_[3]});
      return true;
    case Frame::kEvidence:
      if (tuple_size_ != 5) return fail_record("evidence is [doc, start, end, text, rule]");
      edge_.evidence.push_back({tuple_[0], tuple_[1], tuple_[2], tuple_[3], tuple_[4]});
      return true;
    case Frame::kPropList:
      props_->set(prop_key_, std::move(prop_list_));
      prop_list_ = {};
      return true;
    case Frame::kProps:
    case Frame::kSourceNames:
      if (top() == Frame::kSource) ++tuple_size_;
      return true;
    case Frame::kSource:
      if (tuple_size_ != (in_node_record() ? 3 : 2)) return bad_source();
      trim(source_.names);
      sources_.push_back(std::move(source_));
      source_ = Source{};
      return true;
    default: return true;
  }
}

bool Loader::end_node() {
  static constexpr std::pair<uint32_t, const char*> kRequired[] = {
      {kSeenLabel, "label"}, {kSeenName, "name"}, {kSeenAliases, "aliases"},
      {kSeenProps, "props"}, {kSeenMentions, "mentions"}};
  for (const auto& [bit, name] : kRequired)
    if (!(seen_ & bit)) return fail_record(std::string("missing \"") + name + "\"");
  trim(node_.aliases);
  trim(node_.mentions);
  sink_.add_node(std::move(node_), std::move(sources_));
  ++nodes_;
  node_ = Node{};
  sources_ = {};
  return true;
}

bool Loader::end_edge() {
  static constexpr std::pair<uint32_t, const char*> kRequired[] = {
      {kSeenType, "type"}, {kSeenSource, "source"}, {kSeenTarget, "target"},
      {kSeenProps, "props"}, {kSeenEvidence, "evidence"}};
  for (const auto& [bit, name] : kRequired)
    if (!(seen_ & bit)) return fail_record(std::string("missing \"") + name + "\"");
  if (edge_.source >= nodes_ || edge_.target >= nodes_)
    return fail_record("points at a missing node");
  trim(edge_.evidence);
  sink_.add_edge(std::move(edge_), std::move(sources_));
  ++edges_;
  edge_ = Edge{};
  sources_ = {};
  return true;
}

}  // namespace

void load_graph_into(const std::string& path, GraphSink& sink) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw IoError(path + ": cannot open for reading");
  struct stat st {};
  if (fstat(fileno(file.get()), &st) != 0) throw IoError(path + ": cannot read");
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  constexpr size_t kBuffer = 1 << 20;
  std::unique_ptr<char[]> buffer(new char[kBuffer]);
  rapidjson::FileReadStream in(file.get(), buffer.get(), kBuffer);
  Loader loader(in, size, sink);
  rapidjson::Reader reader;
  rapidjson::ParseResult ok = reader.Parse<rapidjson::kParseDefaultFlags>(in, loader);
  if (std::ferror(file.get())) throw IoError(path + ": read error");
  if (loader.failed()) {
    if (loader.error_has_offset())
      throw InputError::at_offset(path, loader.error_offset(), loader.error());
    throw InputError(path + ": " + loader.error());
  }
  if (!ok) {
    if (ok.Code() == rapidjson::kParseErrorDocumentEmpty)
      throw InputError::at_offset(path, 0, "empty file, not a kg graph file");
    throw InputError::at_offset(
        path, ok.Offset(),
        std::string(rapidjson::GetParseError_En(ok.Code())) +
            (ok.Offset() >= size ? " (the file is truncated)" : ""));
  }
}

Graph load_graph(const std::string& path) {
  GraphBuilder builder;
  load_graph_into(path, builder);
  return std::move(builder.graph);
}

}  // namespace kg
