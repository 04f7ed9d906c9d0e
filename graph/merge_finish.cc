// Merging, part two: the classes of the union-find become nodes and the
// relations edges, in canonical order (merge.cc's header), written to a
// GraphSink one record at a time.
//
// Memory stays bounded however many records were added: the classes are
// ordered by their keys alone (held in memory), then the spilled records are
// distributed into bucket files of consecutive node ids (edge ids for
// relations), about MergeOptions::bucket_bytes each, and each bucket is read
// back, grouped by node, and turned into nodes -- so at any time one bucket
// is in memory, never the corpus.
#include <algorithm>
#include <cstring>
#include <map>
#include <span>
#include <stdexcept>
#include <tuple>

#include "graph/error.h"
#include "graph/graph_file_stream.h"
#include "graph/merge_state.h"

namespace kg {

using merge_record::EvidenceRef;
using merge_record::MentionRef;

namespace {

constexpr uint32_t kNone = UINT32_MAX;

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

template <class T>
void release(T& v) {
  T().swap(v);
}

void put_u32(SpillFile& file, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  file.append(std::string_view(b, 4));
}

uint32_t get_u32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Calls each(group, records) for every group (node or edge id) in increasing
// order, with that group's records in the order they were spilled; record i
// of `spill` belongs to group_of[i] and is bytes[i] long. Empties `spill`.
template <class Each>
void for_each_group(SpillFile& spill, const std::vector<uint32_t>& group_of,
                    const std::vector<uint32_t>& bytes, uint32_t groups,
                    const MergeOptions& options, Each&& each) {
  // Buckets: runs of consecutive groups of about bucket_bytes each.
  std::vector<uint32_t> bucket_first{0};
  {
    std::vector<uint64_t> group_bytes(groups);
    for (size_t i = 0; i < group_of.size(); ++i) group_bytes[group_of[i]] += bytes[i] + 8;
    uint64_t fill = 0;
    for (uint32_t g = 0; g < groups; ++g) {
      if (fill > 0 && fill + group_bytes[g] > options.bucket_bytes) {
        bucket_first.push_back(g);
        fill = 0;
      }
      fill += group_bytes[g];
    }
  }
  std::vector<SpillFile> buckets;
  buckets.reserve(bucket_first.size());
  for (size_t b = 0; b < bucket_first.size(); ++b) buckets.emplace_back(options.spill_dir);
  {
    RecordReader reader(spill);
    std::string_view record;
    for (size_t i = 0; reader.next(record); ++i) {
      const uint32_t g = group_of[i];
      const size_t b = std::upper_bound(bucket_first.begin(), bucket_first.end(), g) -
                       bucket_first.begin() - 1;
      put_u32(buckets[b], g);
      buckets[b].append_record(record);
    }
  }
  spill.clear();
  std::vector<std::pair<uint32_t, std::string_view>> items;
  std::vector<std::string_view> records;
  for (SpillFile& bucket : buckets) {
    const std::string data = bucket.read_all();
    bucket.clear();
    items.clear();
    for (size_t pos = 0; pos < data.size();) {
      const uint32_t g = get_u32(data.data() + pos);
      const uint32_t size = get_u32(data.data() + pos + 4);
      items.emplace_back(g, std::string_view(data.data() + pos + 8, size));
      pos += 8 + size;
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < items.size();) {
      records.clear();
      const uint32_t g = items[i].first;
      for (; i < items.size() && items[i].first == g; ++i) records.push_back(items[i].second);
      each(g, std::span<const std::string_view>(records));
    }
  }
}

// What one document gave a merged node; `name` is the best of the names
// it gave as a name (not an alias).
struct SourcePart {
  std::vector<std::string_view> names;
  std::string_view name;
  Props props;
};

// A source's names as the graph file lists them: the name it gave first,
// then its aliases sorted (add_without reads the first as the name).
std::vector<std::string> source_names(SourcePart& src) {
  sort_unique(src.names);
  std::vector<std::string> out;
  out.reserve(src.names.size());
  if (!src.name.empty()) out.emplace_back(src.name);
  for (std::string_view n : src.names)
    if (n != src.name) out.emplace_back(n);
  return out;
}

// One node from its class's records: the union of names (the best one is
// the node's name; for a country, the best of those records gave as its
// name, so it is "China", not its demonym "Chinese"), values (merge_props,
// in record order), mentions and per-document sources.
void emit_node(GraphSink& sink, Label label, std::span<const std::string_view> records) {
  std::vector<std::string_view> names;
  // The node's name, chosen as the merge's keys choose (better_choice).
  std::string_view best;
  bool best_named = false;
  auto offer = [&](std::string_view name, bool named) {
    if (best.empty() || better_choice(named, name, best_named, best)) best = name, best_named = named;
  };
  Props props;
  std::vector<MentionRef> mentions;
  std::map<std::string_view, SourcePart> sources;
  for (std::string_view bytes : records) {
    merge_record::Entity e = merge_record::decode_entity(bytes);
    const bool given = gives_name(label, e);
    for (size_t i = 0; i < e.names.size(); ++i) offer(e.names[i], given && i == 0);
    if (!e.doc.empty()) {
      SourcePart& src = sources[e.doc];
      src.names.insert(src.names.end(), e.names.begin(), e.names.end());
      if (given && (src.name.empty() || better_name(e.names[0], src.name))) src.name = e.names[0];
      merge_props(src.props, e.props);
    }
    names.insert(names.end(), e.names.begin(), e.names.end());
    merge_props(props, e.props);
    mentions.insert(mentions.end(), e.mentions.begin(), e.mentions.end());
  }
  if (names.empty()) throw InputError("merge: a node without a name");
  sort_unique(names);
  sort_unique(mentions);
  Node node;
  node.label = label;
  node.name = best;
  for (std::string_view n : names)
    if (n != best) node.aliases.emplace_back(n);
  // One document that gave every name, value and mention: nothing to store,
  // add_without infers it (most records of a corpus have one).
  bool implied = false;
  if (sources.size() == 1) {
    auto& [doc, src] = *sources.begin();
    sort_unique(src.names);
    implied = src.names == names && (!named_by_records(label) || src.name == best) &&
              src.props == props && !mentions.empty() &&
              std::all_of(mentions.begin(), mentions.end(),
                          [&d = doc](const MentionRef& m) { return m.doc == d; });
  }
  node.props = std::move(props);
  node.mentions.reserve(mentions.size());
  for (const auto& m : mentions) {
    const Sym doc = sink.intern(m.doc);
    node.mentions.push_back({doc, m.start, m.end, sink.intern(m.rule)});
  }
  std::vector<Source> out;
  if (!implied)
    for (auto& [doc, src] : sources)
      out.push_back({sink.intern(doc), source_names(src), std::move(src.props)});
  sink.add_node(std::move(node), std::move(out));
}

// One edge from its relations' records: values merged in record order,
// evidence united, and per document the values it gave.
void emit_edge(GraphSink& sink, RelType type, NodeId source, NodeId target,
               std::span<const std::string_view> records) {
  Props props;
  std::vector<EvidenceRef> evidence;
  std::map<std::string_view, Props> sources;
  for (std::string_view bytes : records) {
    merge_record::Relation r = merge_record::decode_relation(bytes);
    merge_props(props, r.props);
    evidence.insert(evidence.end(), r.evidence.begin(), r.evidence.end());
    if (!r.doc.empty() && !r.props.empty()) merge_props(sources[r.doc], r.props);
  }
  sort_unique(evidence);
  const bool implied = sources.size() == 1 && sources.begin()->second == props &&
                       !evidence.empty() &&
                       std::all_of(evidence.begin(), evidence.end(), [&](const EvidenceRef& ev) {
                         return ev.doc == sources.begin()->first;
                       });
  Edge edge{type, source, target, std::move(props), {}};
  edge.evidence.reserve(evidence.size());
  for (const auto& ev : evidence) {
    const Sym doc = sink.intern(ev.doc);
    const Sym text = sink.intern(ev.text);
    edge.evidence.push_back({doc, ev.start, ev.end, text, sink.intern(ev.rule)});
  }
  std::vector<Source> out;
  if (!implied)
    for (auto& [doc, p] : sources) out.push_back({sink.intern(doc), {}, std::move(p)});
  sink.add_edge(std::move(edge), std::move(out));
}

}  // namespace

void Merger::State::finish(GraphSink& sink) {
  const size_t n = parent.size();
  // Classes, ordered by (label, normalised best name, best name). A class's
  // best name is the best of its keys' best names, and the key of that name
  // is its label and normalised form.
  using KeyEntry = std::pair<const std::string, Key>;
  std::vector<std::pair<uint32_t, const KeyEntry*>> classes;
  {
    std::vector<std::pair<uint32_t, const KeyEntry*>> by_root;
    by_root.reserve(keys.size());
    for (const auto& entry : keys) by_root.emplace_back(find(entry.second.record), &entry);
    std::sort(by_root.begin(), by_root.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [root, entry] : by_root) {
      if (classes.empty() || classes.back().first != root)
        classes.emplace_back(root, entry);
      else if (better_choice(entry->second.best_named, entry->second.best,
                             classes.back().second->second.best_named,
                             classes.back().second->second.best))
        classes.back().second = entry;
    }
  }
  std::sort(classes.begin(), classes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second->first, a.second->second.best) <
           std::tie(b.second->first, b.second->second.best);
  });
  const auto node_count = static_cast<uint32_t>(classes.size());
  std::vector<uint32_t> node_of(n, kNone);  // by root first, then by record
  for (uint32_t i = 0; i < node_count; ++i) node_of[classes[i].first] = i;
  release(classes);
  release(keys);
  for (size_t r = 0; r < n; ++r) node_of[r] = node_of[find(static_cast<uint32_t>(r))];
  release(parent);
  std::vector<Label> node_label(node_count);
  for (size_t r = 0; r < n; ++r) {
    if (node_of[r] == kNone) throw InputError("merge: a node without a name");
    node_label[node_of[r]] = labels[r];
  }
  release(labels);
  for_each_group(entity_spill, node_of, entity_bytes, node_count, options,
                 [&](uint32_t node, std::span<const std::string_view> records) {
                   emit_node(sink, node_label[node], records);
                 });
  release(entity_bytes);
  release(node_label);

  // Edges: one per (type, source, target), symmetric ones with source <= target.
  struct Key3 {
    RelType type;
    NodeId source, target;
    auto operator<=>(const Key3&) const = default;
  };
  std::vector<std::pair<Key3, uint32_t>> order;  // (edge key, relation record)
  order.reserve(relations.size());
  std::vector<uint32_t> relation_bytes;
  relation_bytes.reserve(relations.size());
  for (size_t i = 0; i < relations.size(); ++i) {
    const Relation& r = relations[i];
    NodeId s = node_of[r.source], t = node_of[r.target];
    if (is_symmetric(r.type) && t < s) std::swap(s, t);
    order.push_back({{r.type, s, t}, static_cast<uint32_t>(i)});
    relation_bytes.push_back(r.bytes);
  }
  release(relations);
  release(node_of);
  std::sort(order.begin(), order.end());
  std::vector<uint32_t> edge_of(order.size());
  std::vector<Key3> edges;
  for (const auto& [key, rel] : order) {
    if (edges.empty() || !(edges.back() == key)) edges.push_back(key);
    edge_of[rel] = static_cast<uint32_t>(edges.size() - 1);
  }
  release(order);
  for_each_group(relation_spill, edge_of, relation_bytes, static_cast<uint32_t>(edges.size()),
                 options, [&](uint32_t edge, std::span<const std::string_view> records) {
                   const Key3& k = edges[edge];
                   emit_edge(sink, k.type, k.source, k.target, records);
                 });
}

Graph Merger::finish() {
  GraphBuilder builder;
  state_->finish(builder);
  state_ = std::make_unique<State>(options_);
  return std::move(builder.graph);
}

void Merger::finish_to_file(const std::string& path) {
  GraphFileStream file(path, options_.spill_dir);
  state_->finish(file);
  state_ = std::make_unique<State>(options_);
  file.commit();
}

}  // namespace kg
