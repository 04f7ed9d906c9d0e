// kg eval --gold DIR FRAGMENTS.jsonl|- [--json] [--misses]: precision,
// recall and F1 of fragments against gold graphs (extract/eval.h).
#include <cstdio>
#include <iostream>

#include "extract/eval.h"
#include "graph/error.h"
#include "graph/fragment_io.h"
#include "tools/commands.h"

namespace kg::cli {

namespace {

void row(const std::string& name, const Score& s) {
  std::printf("  %-16s %6.3f %6.3f %6.3f %5llu %5llu %5llu\n", name.c_str(), s.precision(),
              s.recall(), s.f1(), (unsigned long long)s.tp, (unsigned long long)s.fp,
              (unsigned long long)s.fn);
}

std::string json_score(const Score& s) {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "{\"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f, \"tp\": %llu, \"fp\": "
                "%llu, \"fn\": %llu}",
                s.precision(), s.recall(), s.f1(), (unsigned long long)s.tp,
                (unsigned long long)s.fp, (unsigned long long)s.fn);
  return buf;
}

std::string json_part(const Score& all, const std::map<std::string, Score>& types) {
  std::string out = "{\"overall\": " + json_score(all) + ", \"types\": {";
  bool first = true;
  for (const auto& [t, s] : types) {
    out += (first ? "\"" : ", \"") + t + "\": " + json_score(s);
    first = false;
  }
  return out + "}}";
}

}  // namespace

void add_eval_command(CLI::App& app) {
  struct Args {
    std::string gold, fragments;
    bool json = false, misses = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("eval", "Score fragments against gold graphs (P/R/F1)");
  cmd->add_option("--gold", args->gold, "Directory of gold *.json files")->required();
  cmd->add_option("fragments", args->fragments, "Fragments (JSON Lines) or - for stdin")
      ->required();
  cmd->add_flag("--json", args->json, "Print the scores as JSON");
  cmd->add_flag("--misses", args->misses, "List false positives and negatives, one a line");
  cmd->callback([args] {
    Evaluator eval(load_gold_dir(args->gold));
    FragmentReader reader(args->fragments);
    Fragment f;
    while (reader.next(f)) eval.add(f);
    EvalReport r = eval.finish();
    if (args->misses) {
      for (const auto& m : r.misses)
        std::printf("%s\t%s %s\t%s\t%s\n", m.false_positive ? "FP" : "FN",
                    m.relation ? "relation" : "entity", m.type.c_str(), m.text.c_str(),
                    m.file.c_str());
      return;
    }
    if (args->json) {
      std::printf("{\"entities\": %s, \"relations\": %s}\n",
                  json_part(r.entities, r.entity_types).c_str(),
                  json_part(r.relations, r.relation_types).c_str());
      return;
    }
    std::printf("  %-16s %6s %6s %6s %5s %5s %5s\n", "", "P", "R", "F1", "TP", "FP", "FN");
    std::printf("entities\n");
    for (const auto& [t, s] : r.entity_types) row(t, s);
    row("overall", r.entities);
    std::printf("relations\n");
    for (const auto& [t, s] : r.relation_types) row(t, s);
    row("overall", r.relations);
  });
}

}  // namespace kg::cli
