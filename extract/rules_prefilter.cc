// FilteredRE2 with an RE2::Set of its atoms; see the header.
#include "extract/rules_prefilter.h"

#include <algorithm>

#include "graph/error.h"

namespace kg {

void RulesPrefilter::add(const std::string& pattern, const RE2::Options& options) {
  int id = 0;
  filter_.Add(pattern, options, &id);
  ++count_;
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

void RulesPrefilter::potentials(re2::StringPiece text, std::vector<int>* out) const {
  std::vector<int> found;
  if (!empty_) atoms_->Match(text, &found);
  std::sort(found.begin(), found.end());
  filter_.AllPotentials(found, out);
  std::sort(out->begin(), out->end());
}

}  // namespace kg
