#include "graph/export_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <deque>
#include <future>
#include <thread>
#include <vector>

namespace kg::detail {

OutBuffer& OutBuffer::operator<<(int64_t v) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  buf_.append(tmp, r.ptr);
  return *this;
}

void write_chunked(AtomicFile& file, size_t n,
                   const std::function<void(size_t, size_t, std::string&)>& fn) {
  constexpr size_t kChunk = 1 << 15;
  const size_t window = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::deque<std::future<std::string>> pending;
  // Written chunks' buffers, reused: a fresh buffer of tens of MB is a fresh
  // mmap whose every page the kernel faults in and zeroes, which took more
  // time than generating the text (15 s of system time for 4.8 GB).
  std::vector<std::string> spare;
  size_t next = 0;
  auto launch = [&] {
    size_t begin = next, end = std::min(n, next + kChunk);
    next = end;
    std::string buf;
    if (!spare.empty()) {
      buf = std::move(spare.back());
      spare.pop_back();
    }
    pending.push_back(
        std::async(std::launch::async, [&fn, begin, end, buf = std::move(buf)]() mutable {
          buf.clear();
          fn(begin, end, buf);
          return std::move(buf);
        }));
  };
  while (next < n && pending.size() < window) launch();
  while (!pending.empty()) {
    std::string text = pending.front().get();  // rethrows a chunk's exception
    pending.pop_front();
    file.write(text);
    spare.push_back(std::move(text));
    if (next < n) launch();
  }
}

void append_int(std::string& out, int64_t v) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  out.append(tmp, r.ptr);
}

void append_double(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-Infinity" : "Infinity";
    return;
  }
  char tmp[40];
  auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  std::string_view s(tmp, r.ptr - tmp);
  out += s;
  if (s.find_first_of(".eE") == std::string_view::npos) out += ".0";
}

void append_json_string(std::string& out, std::string_view s, JsonIn in) {
  static const char kHex[] = "0123456789abcdef";
  const bool cypher = in == JsonIn::kCypher;
  // The backslash that starts a JSON escape, itself escaped inside Cypher.
  const std::string_view bs = cypher ? "\\\\" : "\\";
  out.push_back('"');
  size_t run = 0;  // start of the current run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && (c != '\'' || !cypher)) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (c == '\'') {  // only inside Cypher: JSON keeps it, Cypher escapes it
      out += "\\'";
      continue;
    }
    out += bs;
    switch (c) {
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out += bs;
        break;
      case '\n':
        out.push_back('n');
        break;
      case '\r':
        out.push_back('r');
        break;
      case '\t':
        out.push_back('t');
        break;
      default:
        out += "u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void append_json_value(std::string& out, const Value& v) {
  switch (v.index()) {
    case 0:
      append_json_string(out, std::get<std::string>(v));
      break;
    case 1: {
      char tmp[24];
      auto r = std::to_chars(tmp, tmp + sizeof tmp, std::get<int64_t>(v));
      out.append(tmp, r.ptr);
      break;
    }
    case 2:
      append_double(out, std::get<double>(v));
      break;
    case 3:
      out += std::get<bool>(v) ? "true" : "false";
      break;
    default: {
      out.push_back('[');
      bool first = true;
      for (const auto& s : std::get<std::vector<std::string>>(v)) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, s);
      }
      out.push_back(']');
    }
  }
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string json_value(const Value& v) {
  std::string out;
  append_json_value(out, v);
  return out;
}

void append_xml_escaped(std::string& out, std::string_view s) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    const char* rep = nullptr;
    switch (c) {
      case '&':
        rep = "&amp;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '"':
        rep = "&quot;";
        break;
      case '\'':
        rep = "&apos;";
        break;
      case '\n':
        rep = "&#10;";
        break;
      case '\r':
        rep = "&#13;";
        break;
      case '\t':
        rep = "&#9;";
        break;
      default:
        if (c < 0x20) rep = "\xEF\xBF\xBD";
    }
    if (rep == nullptr) continue;
    out.append(s.data() + run, i - run);
    out += rep;
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

std::string xml_escaped(std::string_view s) {
  std::string out;
  append_xml_escaped(out, s);
  return out;
}

std::string value_text(const Value& v) {
  if (v.index() == 0) return std::get<std::string>(v);
  return json_value(v);
}

namespace {
void append_u32(std::string& out, uint32_t v) {
  char tmp[12];
  auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  out.append(tmp, r.ptr);
}
}  // namespace

void append_mentions_json(std::string& out, const Graph& g, const Node& n, JsonIn in) {
  out.push_back('[');
  for (size_t i = 0; i < n.mentions.size(); ++i) {
    const NodeMention& m = n.mentions[i];
    out += i ? ",{\"doc\":" : "{\"doc\":";
    append_json_string(out, g.str(m.doc), in);
    out += ",\"start\":";
    append_u32(out, m.start);
    out += ",\"end\":";
    append_u32(out, m.end);
    out += ",\"rule\":";
    append_json_string(out, g.str(m.rule), in);
    out.push_back('}');
  }
  out.push_back(']');
}

void append_evidence_json(std::string& out, const Graph& g, const Edge& e, JsonIn in) {
  out.push_back('[');
  for (size_t i = 0; i < e.evidence.size(); ++i) {
    const EdgeEvidence& ev = e.evidence[i];
    out += i ? ",{\"doc\":" : "{\"doc\":";
    append_json_string(out, g.str(ev.doc), in);
    out += ",\"start\":";
    append_u32(out, ev.start);
    out += ",\"end\":";
    append_u32(out, ev.end);
    out += ",\"text\":";
    append_json_string(out, g.str(ev.text), in);
    out += ",\"rule\":";
    append_json_string(out, g.str(ev.rule), in);
    out.push_back('}');
  }
  out.push_back(']');
}

void edge_docs_into(const Graph& g, EdgeId id, std::vector<std::string_view>& docs) {
  const Edge& e = g.edge(id);
  if (e.evidence.size() == 1) {
    docs.assign(1, g.str(e.evidence[0].doc));
    return;
  }
  docs = g.edge_docs(id);
}

void append_docs_json(std::string& out, const std::vector<std::string_view>& docs, JsonIn in) {
  out.push_back('[');
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, docs[i], in);
  }
  out.push_back(']');
}

}  // namespace kg::detail
