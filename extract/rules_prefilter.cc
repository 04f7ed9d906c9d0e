// FilteredRE2 with an RE2::Set of its atoms; see the header.
#include "extract/rules_prefilter.h"

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "graph/error.h"

namespace kg {

const RE2* RulesPrefilter::add(const std::string& pattern, const RE2::Options& options,
                               std::string* error) {
  int id = 0;
  if (filter_.Add(pattern, options, &id) != RE2::NoError) {
    // FilteredRE2 keeps only the error code; compile again, on this failing
    // path alone, for re2's message.
    *error = RE2(pattern, options).error();
    return nullptr;
  }
  ++count_;
  return &filter_.GetRE2(id);
}

void RulesPrefilter::compile() {
  std::vector<std::string> atoms;
  filter_.Compile(&atoms);
  RE2::Options o;
  o.set_max_mem(64 << 20);
  o.set_case_sensitive(false);  // atoms are lower-cased
  o.set_log_errors(false);
  atoms_ = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
  for (const auto& a : atoms) atoms_->Add(RE2::QuoteMeta(a), nullptr);
  empty_ = atoms.empty();
  if (!atoms_->Compile())
    throw LimitError("rule prefilter: RE2::Set of atoms exceeds its memory bound");
}

namespace {

std::atomic<uint64_t> next_id{1};

// The patterns that the atoms found in a sentence allow are a function of
// that set of atoms alone, and sentences hold few atoms from a small
// vocabulary (head words, titles, verbs), so the same sets recur: each
// thread remembers the answers, keyed by prefilter and atom set, instead of
// walking FilteredRE2's tree (and its allocations) for every sentence.
struct MemoKey {
  uint64_t prefilter;
  std::vector<int> atoms;
  bool operator==(const MemoKey&) const = default;
};
struct MemoHash {
  size_t operator()(const MemoKey& k) const {
    uint64_t h = k.prefilter * 0x9E3779B97F4A7C15ull;
    for (int a : k.atoms) h = (h ^ static_cast<uint64_t>(a)) * 0x100000001B3ull;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};
// Bounded: emptied when full, which keeps memory flat on any input.
constexpr size_t kMemoEntries = 1 << 14;

}  // namespace

RulesPrefilter::RulesPrefilter() : id_(next_id++) {}

void RulesPrefilter::potentials(re2::StringPiece text, std::vector<int>* out) const {
  thread_local MemoKey key;
  thread_local std::unordered_map<MemoKey, std::vector<int>, MemoHash> memo;
  key.prefilter = id_;
  key.atoms.clear();
  if (!empty_) atoms_->Match(text, &key.atoms);
  std::sort(key.atoms.begin(), key.atoms.end());
  if (auto it = memo.find(key); it != memo.end()) {
    *out = it->second;
    return;
  }
  filter_.AllPotentials(key.atoms, out);
  std::sort(out->begin(), out->end());
  if (memo.size() >= kMemoEntries) memo.clear();
  memo.emplace(key, *out);
}

}  // namespace kg
