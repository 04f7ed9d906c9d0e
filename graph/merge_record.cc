// The encoding: lengths and counts as LEB128 varints, strings as a length
// and their bytes, a mention's or evidence's document as "" when it is the
// record's own (nearly always: it saves a document id per mention), and
// property values as a type byte and their payload.
#include "graph/merge_record.h"

#include <cstring>
#include <stdexcept>

namespace kg::merge_record {

namespace {

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_str(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

template <class T>
void put_fixed(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

void put_props(std::string& out, const Props& props) {
  put_varint(out, props.size());
  for (const auto& [key, v] : props) {
    put_str(out, key);
    out.push_back(static_cast<char>(v.index()));
    switch (v.index()) {
      case 0: put_str(out, std::get<std::string>(v)); break;
      case 1: put_fixed(out, std::get<int64_t>(v)); break;
      case 2: put_fixed(out, std::get<double>(v)); break;
      case 3: out.push_back(std::get<bool>(v) ? 1 : 0); break;
      default: {
        const auto& list = std::get<std::vector<std::string>>(v);
        put_varint(out, list.size());
        for (const auto& s : list) put_str(out, s);
      }
    }
  }
}

// The record's own document is written as "".
std::string_view own(std::string_view doc, std::string_view record_doc) {
  return doc == record_doc ? std::string_view() : doc;
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      need(1);
      const auto b = static_cast<unsigned char>(*p_++);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  }
  uint32_t u32() { return static_cast<uint32_t>(varint()); }
  std::string_view str() {
    const size_t n = varint();
    need(n);
    std::string_view s(p_, n);
    p_ += n;
    return s;
  }
  template <class T>
  T fixed() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, p_, sizeof(T));
    p_ += sizeof(T);
    return v;
  }
  Props props() {
    Props props;
    for (uint64_t n = varint(); n > 0; --n) {
      std::string key(str());
      switch (fixed<char>()) {
        case 0: props.set(std::move(key), std::string(str())); break;
        case 1: props.set(std::move(key), fixed<int64_t>()); break;
        case 2: props.set(std::move(key), fixed<double>()); break;
        case 3: props.set(std::move(key), fixed<char>() != 0); break;
        default: {
          std::vector<std::string> list(varint());
          for (auto& s : list) s = str();
          props.set(std::move(key), std::move(list));
        }
      }
    }
    return props;
  }
  // The spill is kg's own file: a bad record is a bug, not bad input.
  void need(size_t n) const {
    if (static_cast<size_t>(end_ - p_) < n) throw std::logic_error("merge: a spilled record is corrupt");
  }

 private:
  const char* p_;
  const char* end_;
};

std::string_view or_own(std::string_view doc, std::string_view record_doc) {
  return doc.empty() ? record_doc : doc;
}

}  // namespace

void encode(const Entity& e, std::string& out) {
  put_str(out, e.doc);
  put_varint(out, e.names.size() << 1 | (e.named ? 1 : 0));
  for (auto name : e.names) put_str(out, name);
  put_props(out, e.props);
  put_varint(out, e.mentions.size());
  for (const auto& m : e.mentions) {
    put_str(out, own(m.doc, e.doc));
    put_varint(out, m.start);
    put_varint(out, m.end);
    put_str(out, m.rule);
  }
}

void encode(const Relation& r, std::string& out) {
  put_str(out, r.doc);
  put_props(out, r.props);
  put_varint(out, r.evidence.size());
  for (const auto& ev : r.evidence) {
    put_str(out, own(ev.doc, r.doc));
    put_varint(out, ev.start);
    put_varint(out, ev.end);
    put_str(out, ev.text);
    put_str(out, ev.rule);
  }
}

Entity decode_entity(std::string_view bytes) {
  Reader in(bytes);
  Entity e;
  e.doc = in.str();
  const uint64_t names = in.varint();
  e.named = names & 1;
  e.names.resize(names >> 1);
  for (auto& name : e.names) name = in.str();
  e.props = in.props();
  e.mentions.resize(in.varint());
  for (auto& m : e.mentions) {
    m.doc = or_own(in.str(), e.doc);
    m.start = in.u32();
    m.end = in.u32();
    m.rule = in.str();
  }
  return e;
}

Relation decode_relation(std::string_view bytes) {
  Reader in(bytes);
  Relation r;
  r.doc = in.str();
  r.props = in.props();
  r.evidence.resize(in.varint());
  for (auto& ev : r.evidence) {
    ev.doc = or_own(in.str(), r.doc);
    ev.start = in.u32();
    ev.end = in.u32();
    ev.text = in.str();
    ev.rule = in.str();
  }
  return r;
}

}  // namespace kg::merge_record
