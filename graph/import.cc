#include "graph/import.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "graph/error.h"
#include "graph/import_parts.h"

namespace kg {

Graph import_json(const std::string& path);
Graph import_csv(const std::string& dir);

std::optional<ImportFormat> parse_import_format(std::string_view name) {
  if (name == "csv") return ImportFormat::kCsv;
  if (name == "json") return ImportFormat::kJson;
  return std::nullopt;
}

Graph import_graph(const std::string& path, const ImportOptions& options) {
  switch (options.format) {
    case ImportFormat::kCsv:
      return import_csv(path);
    case ImportFormat::kJson:
      break;
  }
  return import_json(path);
}

namespace detail {

std::string read_whole_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw IoError(path + ": cannot open: " + std::strerror(errno));
  // One allocation of the file's size, then reads straight into it: files
  // here reach gigabytes, where growing a string by appending copies each
  // byte several times.
  std::string data;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    long size = std::ftell(f);
    if (size > 0) data.reserve(static_cast<size_t>(size));
    std::rewind(f);
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  bool bad = std::ferror(f);
  std::fclose(f);
  if (bad) throw IoError(path + ": read failed");
  return data;
}

FileText::FileText(const std::string& path, bool terminated) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    const size_t size = static_cast<size_t>(st.st_size);
    // With `terminated`, room for one byte more, rounded to whole pages: the
    // rest of the file's last page reads as zeros, and when the file ends on
    // a page boundary the zero comes from an anonymous page mapped after it.
    const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const size_t len = terminated ? (size / page + 1) * page : size;
    void* base = ::mmap(nullptr, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base != MAP_FAILED) {
      void* p = ::mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0);
      if (p == MAP_FAILED) {
        ::munmap(base, len);
      } else {
        map_ = base;
        map_size_ = len;
        ::madvise(map_, size, MADV_SEQUENTIAL);
        view_ = std::string_view(static_cast<const char*>(map_), size);
      }
    }
  }
  ::close(fd);
  if (map_ == nullptr) {  // empty, not a regular file, or mmap refused
    read_ = read_whole_file(path);
    view_ = read_;
  }
}

FileText::~FileText() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

std::string Where::text() const {
  if (part.empty()) return std::string(file) + ":" + std::to_string(index);
  return std::string(file) + ": " + std::string(part) + "[" + std::to_string(index) + "]";
}

void Where::fail(std::string_view field, const std::string& what) const {
  std::string msg = text();
  if (!field.empty()) msg += ": " + std::string(field);
  throw InputError(msg + ": " + what);
}

namespace {
std::string_view get_str(const rapidjson::Value& o, const char* key, const Where& w,
                         std::string_view field, rapidjson::SizeType i) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsString())
    w.fail(std::string(field) + "[" + std::to_string(i) + "]",
           std::string("\"") + key + "\" must be a string");
  return {it->value.GetString(), it->value.GetStringLength()};
}

uint32_t get_u32(const rapidjson::Value& o, const char* key, const Where& w, std::string_view field,
                 rapidjson::SizeType i) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsUint())
    w.fail(std::string(field) + "[" + std::to_string(i) + "]",
           std::string("\"") + key + "\" must be a non-negative integer below 2^32");
  return it->value.GetUint();
}
}  // namespace

std::vector<NodeMention> parse_mentions(const rapidjson::Value& v, Graph& g, const Where& w) {
  if (!v.IsArray()) w.fail("mentions", "must be an array");
  std::vector<NodeMention> out;
  out.reserve(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    const auto& m = v[i];
    if (!m.IsObject()) w.fail("mentions[" + std::to_string(i) + "]", "must be an object");
    NodeMention nm;
    nm.doc = g.intern(get_str(m, "doc", w, "mentions", i));
    nm.start = get_u32(m, "start", w, "mentions", i);
    nm.end = get_u32(m, "end", w, "mentions", i);
    nm.rule = g.intern(get_str(m, "rule", w, "mentions", i));
    out.push_back(nm);
  }
  return out;
}

std::vector<EdgeEvidence> parse_evidence(const rapidjson::Value& v, Graph& g, const Where& w) {
  if (!v.IsArray()) w.fail("evidence", "must be an array");
  std::vector<EdgeEvidence> out;
  out.reserve(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    const auto& m = v[i];
    if (!m.IsObject()) w.fail("evidence[" + std::to_string(i) + "]", "must be an object");
    EdgeEvidence ev;
    ev.doc = g.intern(get_str(m, "doc", w, "evidence", i));
    ev.start = get_u32(m, "start", w, "evidence", i);
    ev.end = get_u32(m, "end", w, "evidence", i);
    ev.text = g.intern(get_str(m, "text", w, "evidence", i));
    ev.rule = g.intern(get_str(m, "rule", w, "evidence", i));
    out.push_back(ev);
  }
  return out;
}

std::vector<std::string> parse_string_list(const rapidjson::Value& v, const Where& w,
                                           std::string_view field) {
  if (!v.IsArray()) w.fail(field, "must be an array of strings");
  std::vector<std::string> out;
  out.reserve(v.Size());
  for (const auto& s : v.GetArray()) {
    if (!s.IsString()) w.fail(field, "must be an array of strings");
    out.emplace_back(s.GetString(), s.GetStringLength());
  }
  return out;
}

void parse_json_in_place(rapidjson::Document& doc, char* text, const Where& w,
                         std::string_view field) {
  // In place: a parse of a length-bounded copy went through RapidJSON's
  // byte-at-a-time stream and was a fifth of a csv import.
  // (Cells hold strings and integers only: no full-precision strtod, whose
  // RapidJSON 1.1.0 version reads outside its buffer on some inputs.)
  doc.ParseInsitu<rapidjson::kParseNanAndInfFlag>(text);
  if (doc.HasParseError())
    w.fail(field, "bad JSON at character " + std::to_string(doc.GetErrorOffset()));
}

}  // namespace detail
}  // namespace kg
