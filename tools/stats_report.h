// The report of `kg stats`: what the graph holds and who matters in its
// partnership network, computed with graph/analytics.h and printed as text,
// Markdown or JSON.
//
// Which graph each figure comes from:
//   - counts per label: every node; documents: every document (with a
//     window: those of the relations in it); counts per type: the
//     relations in the time window (every relation without one);
//   - top nodes by degree and PageRank, workshops and initiatives (their
//     `country` and who ESTABLISHED them): the whole graph as stored
//     (directed), in the window;
//   - top parties by degree and PageRank, components, communities: the
//     partnership view (graph/analytics.h) at the chosen level, unweighted
//     (degree = partners; documents shown beside it);
//   - top country pairs: the party-level partnership links whose two ends
//     count for different countries (analytics.h's country_of), counted per
//     pair of countries ("partnerships"), with their documents summed over
//     those links (a document behind two partnerships counts twice);
//   - by year: the same counts and the top partners with the window set to
//     each year that dates a relation.
#pragma once

#include <string>

#include "graph/analytics.h"
#include "graph/graph.h"

namespace kg::cli {

enum class StatsFormat { kText, kMarkdown, kJson };

struct StatsOptions {
  std::string since, until;             // "YYYY[-MM[-DD]]", empty = open
  ViewLevel level = ViewLevel::kParty;  // of the partnership view
  bool by_year = false;                 // add one section per year
  size_t top = 10;                      // rows in each ranking
  std::string title;                    // the graph's file name, shown on top
};

// Throws UsageError for malformed dates.
std::string stats_report(const Graph& g, const StatsOptions& o, StatsFormat format);

}  // namespace kg::cli
