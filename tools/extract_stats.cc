#include "tools/extract_stats.h"

#include <cstdio>

#include "graph/atomic_file.h"

namespace kg::cli {

void write_stats(const std::string& path, const ExtractStats& s) {
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "{\"articles\": %llu, \"documents\": %llu, \"bytes\": %llu, \"entities\": %llu, "
                "\"relations\": %llu, \"errors\": %llu, \"replaced_bytes\": %llu, "
                "\"seconds\": %.3f, \"stages\": {\"read\": %.3f, \"clean\": %.3f, "
                "\"extract\": %.3f, \"write\": %.3f}}\n",
                (unsigned long long)s.articles, (unsigned long long)s.documents,
                (unsigned long long)s.bytes, (unsigned long long)s.entities,
                (unsigned long long)s.relations, (unsigned long long)s.errors,
                (unsigned long long)s.replaced_bytes, s.seconds, s.read_seconds, s.clean_seconds,
                s.extract_seconds, s.write_seconds);
  write_file_atomically(path, buf);
}

}  // namespace kg::cli
