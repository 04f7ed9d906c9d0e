// Private to graph/: the look of diagrams, one row per label and per
// relationship type, indexed by the enums. Colours are a colour-blind-safe
// leaning palette; shapes are Graphviz node shapes.
#pragma once

#include "graph/ontology.h"

namespace kg::detail {

struct LabelStyle {
  const char* shape;
  const char* fill;
};
inline constexpr LabelStyle kLabelStyles[kLabelCount] = {
    {"doubleoctagon", "#f4a261"},  // Country
    {"house", "#e9c46a"},          // Place
    {"box", "#8ecae6"},            // Institution
    {"hexagon", "#90be6d"},        // Alliance
    {"component", "#f28482"},      // Workshop
    {"parallelogram", "#cdb4db"},  // Initiative
    {"cds", "#ffd6a5"},            // Event
    {"ellipse", "#e5e5e5"},        // Person
};

struct TypeStyle {
  const char* color;
  const char* style;  // Graphviz edge style
};
inline constexpr TypeStyle kTypeStyles[kRelTypeCount] = {
    {"#d62828", "bold"},    // SIGNED
    {"#f77f00", "solid"},   // PARTNERS_WITH
    {"#2a9d8f", "dashed"},  // HOSTED
    {"#577590", "dotted"},  // ATTENDED
    {"#6d597a", "dashed"},  // HELD_IN
    {"#2b9348", "solid"},   // ESTABLISHED
    {"#4361ee", "solid"},   // MEMBER_OF
    {"#8d99ae", "dotted"},  // LOCATED_IN
    {"#9d4edd", "dashed"},  // AFFILIATED_WITH
};

inline const LabelStyle& style_of(Label l) { return kLabelStyles[static_cast<int>(l)]; }
inline const TypeStyle& style_of(RelType t) { return kTypeStyles[static_cast<int>(t)]; }

}  // namespace kg::detail
