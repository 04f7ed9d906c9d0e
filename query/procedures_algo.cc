// algo.* procedures: graph analytics (graph/analytics.h) as query rows.
#include "query/procedures.h"

namespace kg::query {

void register_algo_procedures() {}

}  // namespace kg::query
