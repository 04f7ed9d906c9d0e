#include "query/exec.h"

#include "graph/error.h"

namespace kg::query {

bool Operator::next(Row& row) {
  if (!x_.options().profile) return produce(row);
  auto t0 = std::chrono::steady_clock::now();
  bool ok = produce(row);
  profile.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (ok) ++profile.rows;
  return ok;
}

Executor::Executor(const Plan& plan, const Graph& g, const QueryOptions& options)
    : plan_(plan), g_(g), opt_(options), ctx_{g, options.params, {}, nullptr, nullptr, {}} {
  if (opt_.timeout_seconds > 0) {
    has_deadline_ = true;
    deadline_ = std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(opt_.timeout_seconds));
  }
  root_ = build(*plan.root);
  for (const auto& p : plan.predicates) predicates_.push_back(build(*p));
  ctx_.exists = [this](int subplan, const Row& row) {
    Operator& op = *predicates_[subplan];
    op.reset();
    Row copy = row;
    return op.next(copy);
  };
}

Executor::~Executor() = default;

std::unique_ptr<Operator> Executor::build(const PlanOp& p) {
  auto op = make_operator(p, *this);
  all_.push_back(op.get());
  if (p.child) op->child_ = build(*p.child);
  if (p.sub) op->sub_ = build(*p.sub);
  return op;
}

void Executor::run(std::vector<std::vector<QValue>>& out) {
  Row row(plan_.bound.slot_count);
  const auto& cols = plan_.bound.column_slots;
  while (root_->next(row)) {
    if (out.size() >= opt_.max_rows)
      throw LimitError("the query returns more than " + std::to_string(opt_.max_rows) +
                       " rows; add LIMIT or raise --max-rows");
    std::vector<QValue> r;
    r.reserve(cols.size());
    for (int s : cols) r.push_back(row[s]);
    out.push_back(std::move(r));
    tick();
  }
}

std::vector<std::pair<const PlanOp*, OpProfile>> Executor::profile() const {
  std::vector<std::pair<const PlanOp*, OpProfile>> out;
  for (const Operator* op : all_) out.emplace_back(&op->plan(), op->profile);
  return out;
}

void Executor::check_deadline() {
  if (has_deadline_ && std::chrono::steady_clock::now() > deadline_) {
    char buf[64];
    snprintf(buf, sizeof buf, "%g", opt_.timeout_seconds);
    throw LimitError(std::string("the query ran longer than --timeout ") + buf + " s");
  }
}

void Executor::count_expansion() {
  if (++expansions_ > opt_.max_expansions)
    throw LimitError("a variable-length pattern walked more than " + std::to_string(opt_.max_expansions) +
                     " relationships; give it a smaller upper bound (*1..3) or a more selective start");
  tick();
}

}  // namespace kg::query
