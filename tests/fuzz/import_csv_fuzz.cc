// Fuzz target: kg import of a csv directory (graph/import.h).
//
// The input is a bundle of files: each starts with a line "#file NAME" and
// runs to the next such line (seeds are real exports in this form). Names
// are cut down to letters, digits, '_' and '.' so the bundle stays inside
// its directory; the directory is emptied between inputs.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "graph/error.h"
#include "graph/import.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

std::string safe_name(std::string_view raw) {
  std::string name;
  for (char c : raw)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.') name += c;
  if (name.empty() || name[0] == '.') name.insert(0, "f");
  return name.substr(0, 64);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  static const std::string dir = kg::fuzz::scratch_dir() + "/csv";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string_view in = kg::fuzz::as_view(data, size);
  constexpr std::string_view kMark = "#file ";
  int files = 0;
  size_t pos = in.starts_with(kMark) ? 0 : in.find("\n#file ");
  while (pos != std::string_view::npos && files < 16) {
    if (in[pos] == '\n') ++pos;
    size_t name_end = in.find('\n', pos);
    if (name_end == std::string_view::npos) break;
    std::string name = safe_name(in.substr(pos + kMark.size(), name_end - pos - kMark.size()));
    size_t next = in.find("\n#file ", name_end);
    std::string_view body =
        in.substr(name_end + 1, next == std::string_view::npos ? std::string_view::npos
                                                               : next + 1 - (name_end + 1));
    kg::fuzz::write_scratch("csv/" + name, body);
    ++files;
    pos = next;
  }
  try {
    kg::ImportOptions o;
    o.format = kg::ImportFormat::kCsv;
    (void)kg::import_graph(dir, o);
  } catch (const kg::Error&) {
  }
  return 0;
}
