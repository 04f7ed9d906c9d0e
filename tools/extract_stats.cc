#include "tools/extract_stats.h"

#include <cstdio>

#include "graph/atomic_file.h"

namespace kg::cli {

void write_stats(const std::string& path, const ExtractStats& s,
                 const std::vector<std::pair<std::string, double>>& more_stages) {
  double seconds = s.seconds;
  for (const auto& [name, secs] : more_stages) seconds += secs;
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "{\"articles\": %llu, \"documents\": %llu, \"bytes\": %llu, \"entities\": %llu, "
                "\"relations\": %llu, \"errors\": %llu, \"replaced_bytes\": %llu, "
                "\"seconds\": %.3f, \"stages\": {\"read\": %.3f, \"clean\": %.3f, "
                "\"extract\": %.3f, \"write\": %.3f",
                (unsigned long long)s.articles, (unsigned long long)s.documents,
                (unsigned long long)s.bytes, (unsigned long long)s.entities,
                (unsigned long long)s.relations, (unsigned long long)s.errors,
                (unsigned long long)s.replaced_bytes, seconds, s.read_seconds, s.clean_seconds,
                s.extract_seconds, s.write_seconds);
  std::string json = buf;
  for (const auto& [name, secs] : more_stages) {
    std::snprintf(buf, sizeof buf, ", \"%s\": %.3f", name.c_str(), secs);
    json += buf;
  }
  json += "}}\n";
  write_file_atomically(path, json);
}

}  // namespace kg::cli
